package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * Charging sessions: the operator API's listing, totals, admin stop and stream address, and the public status poll.
 */
public final class SessionsApi {

    private final ApiTransport t;

    SessionsApi(ApiTransport t) {
        this.t = t;
    }

    /** A page of sessions from the operator API, newest first. */
    public record SessionsPage(long total, List<ChargingSession> sessions) {
    }

    /**
     * Operator API: sessions the caller may see. Any filter may be null; {@code from}/{@code to} bound the start time
     * and are sent in UTC.
     */
    public SessionsPage adminSessions(ChargingSession.Status status, String stationId, java.time.Instant from, java.time.Instant to,
                                      int limit, int offset) {
        StringBuilder q = new StringBuilder(ServerCapabilities.ADMIN_SESSIONS + "?limit=" + limit + "&offset=" + offset);
        if (status != null) {
            q.append("&status=").append(status.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (stationId != null) {
            q.append("&station_id=").append(ApiTransport.enc(stationId));
        }
        if (from != null) {
            q.append("&from=").append(ApiTransport.enc(from.toString()));
        }
        if (to != null) {
            q.append("&to=").append(ApiTransport.enc(to.toString()));
        }
        Dto.AdminSessions r = t.call("GET", q.toString(), null, Dto.AdminSessions.class, ApiTransport.Auth.SESSION);
        List<ChargingSession> list = r.sessions() == null ? List.of() : r.sessions().stream().map(WireMapper::session).toList();
        return new SessionsPage(r.total() == null ? list.size() : r.total(), list);
    }

    /**
     * Count, energy (kWh) and money (som) of sessions stopped in {@code [from, to)}, as of {@code serverTime}, and the
     * newest of those sessions themselves (at most {@link #ENDED_LISTED}).
     */
    public record StoppedTotals(long count, java.math.BigDecimal energyKwh, java.math.BigDecimal amount, java.time.Instant serverTime,
                                List<ChargingSession> sessions) {

        /** Totals without the sessions. */
        public StoppedTotals(long count, java.math.BigDecimal energyKwh, java.math.BigDecimal amount, java.time.Instant serverTime) {
            this(count, energyKwh, amount, serverTime, List.of());
        }
    }

    /** How many of the period's stopped sessions come with their totals (newest first). */
    public static final int ENDED_LISTED = 500;

    /**
     * Operator API: totals of the sessions the caller may see that stopped in {@code [from, to)}, with the newest
     * {@link #ENDED_LISTED} of them: one request for the totals bar and the «ended» list.
     */
    public StoppedTotals adminStoppedTotals(java.time.Instant from, java.time.Instant to) {
        Dto.AdminSessions r = t.call("GET", ServerCapabilities.ADMIN_SESSIONS + "?status=stopped&limit=" + ENDED_LISTED + "&stopped_from="
                + ApiTransport.enc(from.toString()) + "&stopped_to=" + ApiTransport.enc(to.toString()), null, Dto.AdminSessions.class,
                ApiTransport.Auth.SESSION);
        if (r.summary() == null) {
            throw new ApiException(ApiException.Kind.PROTOCOL, 200, "no_summary", "the sessions listing has no summary");
        }
        java.math.BigDecimal zero = java.math.BigDecimal.ZERO;
        return new StoppedTotals(r.summary().count() == null ? 0 : r.summary().count(),
                r.summary().energyKwh() == null ? zero : r.summary().energyKwh(), r.summary().amount() == null ? zero : r.summary().amount(),
                WireTime.parseLenient(r.generatedAt()),
                r.sessions() == null ? List.of() : r.sessions().stream().map(WireMapper::session).toList());
    }

    /** Operator API: stops a session with a reason (recorded by the server with who stopped it). */
    public Dto.AdminStop adminStopSession(String sessionId, String reason) {
        return t.call("POST", ServerCapabilities.ADMIN_SESSIONS + "/" + ApiTransport.enc(sessionId) + "/stop", java.util.Map.of("reason", reason),
                Dto.AdminStop.class, ApiTransport.Auth.SESSION);
    }

    /** The public status poll of one session (polling mode); {@code NOT_FOUND} when the server does not know it. */
    public ChargingSession chargingStatus(String sessionId) {
        Dto.ChargingStatus r = t.call("GET", "/api/v1/charging/status/" + ApiTransport.enc(sessionId), null, Dto.ChargingStatus.class, ApiTransport.Auth.PUBLIC);
        if (r.session() == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, 200, "session_not_found", "no session in the answer");
        }
        return WireMapper.polledSession(r.session());
    }

    /** The operator API's session stream, for {@link kg.evpower.console.live.SessionsFeed}: the gateway's when it serves it. */
    public URI sessionsSocket() {
        URI base = t.toGateway(ServerCapabilities.ADMIN_SESSIONS_WS) ? t.gatewayUri() : t.baseUri();
        return URI.create(base.toString().replaceFirst("^http", "ws") + ServerCapabilities.ADMIN_SESSIONS_WS);
    }

    /** The cookies the stream is opened with: the access cookie alone when it goes to a gateway, else the session's. */
    public java.util.Optional<String> sessionsSocketCookies() {
        if (t.toGateway(ServerCapabilities.ADMIN_SESSIONS_WS)) {
            return t.cookies().get("evp_access").map(a -> "evp_access=" + a);
        }
        return t.cookies().header();
    }
}
