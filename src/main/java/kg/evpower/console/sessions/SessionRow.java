package kg.evpower.console.sessions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;

/**
 * One line of the sessions table: the session as last received plus what the console works out from it. Immutable;
 * a change replaces the row.
 *
 * @param cost           money so far in som: the server's running cost, or energy × rate; the final amount once stopped
 * @param limitProgress  0..1 of the limit (energy or amount) or, without a limit, of the reserve; null when unknown
 * @param connectorState the connector's raw OCPP status from the stream, or null
 * @param problems       the kinds of problem the session has now
 * @param endedUnseen    it ended while the console was not connected: its final figures were not received
 * @param receivedNanos  {@code System.nanoTime()} when the frame behind this row arrived (for the latency figure)
 */
public record SessionRow(ChargingSession session, BigDecimal cost, Double limitProgress, String connectorState,
                         Set<SessionProblem.Kind> problems, boolean endedUnseen, Instant updatedAt, long receivedNanos) {

    public String id() {
        return session.id();
    }

    public boolean running() {
        return session.status() == ChargingSession.Status.STARTED && !endedUnseen;
    }

    /** Power now in kW, or null without a sample. */
    public BigDecimal powerKw() {
        return session.meter() == null || session.meter().powerW() == null ? null
                : session.meter().powerW().movePointLeft(3);
    }
}
