package kg.evpower.console.sessions;

import kg.evpower.console.api.SessionsApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.MeterSample;
import kg.evpower.console.domain.Station;
import kg.evpower.console.live.LocationsFeed;
import org.junit.jupiter.api.Test;

/** The problem rules, totals and bookkeeping of the sessions service, on a clock the test moves. */
class SessionsServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z"); // 12:00 in Bishkek

    private Instant now = T0;
    private final Map<String, SessionRow> rows = new HashMap<>();
    private final List<String> removed = new ArrayList<>();
    private final AtomicReference<SessionsService.Totals> totals = new AtomicReference<>();
    private List<SessionProblem> open = List.of();
    private final List<SessionProblem> fresh = new ArrayList<>();

    private SessionsService service(SessionsService.StoppedTotalsSource stopped) {
        return new SessionsService(new SessionsService.Sink() {
            @Override
            public void changed(SessionRow row) {
                rows.put(row.id(), row);
            }

            @Override
            public void removed(String sessionId) {
                removed.add(sessionId);
            }

            @Override
            public void evaluated(SessionsService.Totals t, List<SessionProblem> all, List<SessionProblem> f) {
                totals.set(t);
                open = all;
                fresh.addAll(f);
            }

            @Override
            public void feedState(LocationsFeed.State state, int failedAttempts, Duration nextRetry) {
            }
        }, () -> now, stopped, Runnable::run);
    }

    private static ChargingSession session(String id, String station, Integer tx, String reserve, String energy, MeterSample m) {
        return new ChargingSession(id, ChargingSession.Status.STARTED, station, "loc", "Локация", "owner", 1, "client", "+996700123456",
                T0, null, ChargingSession.Limit.NONE, null, new BigDecimal(reserve), new BigDecimal(reserve), new BigDecimal(energy),
                false, tx, new BigDecimal("12"), m);
    }

    private static MeterSample sample(Instant at, String kw) {
        return new MeterSample(at, new BigDecimal("1000"), new BigDecimal(kw).movePointRight(3), BigDecimal.ONE, new BigDecimal("230"), 50);
    }

    private Set<SessionProblem.Kind> kinds(String id) {
        return rows.get(id).problems();
    }

    @Test
    void eachProblemAppearsAtItsThresholdAndIsNotifiedOnce() {
        SessionsService s = service(null);
        s.onSnapshot(List.of(
                session("no-tx", "A", null, "100", "0", null),
                session("quiet", "B", 7, "100", "1", sample(T0, "7")),
                session("zero", "C", 8, "100", "1", sample(T0, "0")),
                session("offline", "D", 9, "100", "1", sample(T0, "7")),
                session("faulted", "E", 10, "100", "1", sample(T0, "7")),
                session("over", "F", 11, "10", "1", sample(T0, "7"))));
        s.stationsChanged(List.of(station("D", false)));
        s.onStationStatus("E", 1, "Faulted", "GroundFailure");
        s.onMeter("over", 1, new BigDecimal("1"), new BigDecimal("10.02"), sample(T0.plusSeconds(30), "7"));
        now = T0.plusSeconds(60);
        s.evaluate();
        assertEquals(Set.of(SessionProblem.Kind.STATION_OFFLINE), kinds("offline"));
        assertEquals(Set.of(SessionProblem.Kind.CONNECTOR_FAULTED), kinds("faulted"));
        assertEquals(Set.of(SessionProblem.Kind.OVER_RESERVE), kinds("over"), "10.02 > 10 + 0.01");
        assertTrue(kinds("no-tx").isEmpty(), "not yet 10 min");

        // keep the healthy ones sampling so only the rule under test fires
        for (int minute = 2; minute <= 16; minute++) {
            now = T0.plus(Duration.ofMinutes(minute));
            for (String id : List.of("no-tx", "offline", "faulted", "over")) {
                s.onMeter(id, 1, null, null, sample(now, "7"));
            }
            s.onMeter("zero", 1, null, null, sample(now, "0"));
            s.evaluate();
        }
        assertEquals(Set.of(SessionProblem.Kind.NO_TRANSACTION), kinds("no-tx"));
        assertEquals(Set.of(SessionProblem.Kind.NO_METER), kinds("quiet"), "no sample since T0");
        assertEquals(Set.of(SessionProblem.Kind.ZERO_POWER), kinds("zero"), "0 kW since T0, past 15 min");
        assertEquals(6, open.size());
        assertEquals(6, fresh.size(), "each problem is new exactly once");
        assertEquals(T0.plus(Duration.ofMinutes(5)), open.stream().filter(p -> p.sessionId().equals("quiet")).findFirst().orElseThrow().since());

        // 12 h after the start every running session is "too long"
        now = T0.plus(Duration.ofHours(12));
        s.evaluate();
        assertTrue(kinds("quiet").contains(SessionProblem.Kind.TOO_LONG));

        // power back: the zero-power problem goes away
        s.onMeter("zero", 1, null, null, sample(now, "5"));
        s.evaluate();
        assertFalse(kinds("zero").contains(SessionProblem.Kind.ZERO_POWER));
    }

    @Test
    void totalsCountTodaysEndedSessionsOnceAndRunningOnesLive() {
        // the server says: 3 sessions ended today before 12:00, 10 kWh, 120 som
        List<Instant> asked = new ArrayList<>();
        SessionsService s = service((from, to) -> {
            asked.add(from);
            return asked.size() == 1 ? new SessionsApi.StoppedTotals(3, new BigDecimal("10"), new BigDecimal("120"), T0)
                    : new SessionsApi.StoppedTotals(0, BigDecimal.ZERO, BigDecimal.ZERO, now); // a new day has nothing ended yet
        });
        s.onSnapshot(List.of(session("a", "A", 1, "200", "2", sample(T0, "7.4")), session("b", "B", 2, "200", "3", sample(T0, "22"))));
        s.evaluate();
        assertEquals(Instant.parse("2026-11-22T18:00:00Z"), asked.get(0), "the Bishkek day");
        SessionsService.Totals t = totals.get();
        assertEquals(2, t.active());
        assertEquals(new BigDecimal("29.4"), t.powerKw());
        assertEquals(new BigDecimal("15.00"), t.energyTodayKwh(), "10 ended + 2 + 3 running");
        assertEquals(new BigDecimal("180.00"), t.revenueToday(), "120 + 2×12 + 3×12");
        assertTrue(t.todayKnown());

        // "a" ends after the server's total was taken: counted once, even if the stop is told twice
        now = T0.plusSeconds(120);
        ChargingSession ended = new ChargingSession("a", ChargingSession.Status.STOPPED, "A", "loc", "Локация", "owner", 1, "client", null,
                T0, now, ChargingSession.Limit.NONE, null, new BigDecimal("200"), new BigDecimal("25"), new BigDecimal("2.1"), true, 1,
                new BigDecimal("12"), null);
        s.onStopped("a", Optional.of(ended));
        s.onStopped("a", Optional.of(ended));
        s.evaluate();
        t = totals.get();
        assertEquals(1, t.active());
        assertEquals(4, t.endedToday());
        assertEquals(new BigDecimal("15.10"), t.energyTodayKwh(), "10 + 2.1 + 3");
        assertEquals(new BigDecimal("181.00"), t.revenueToday(), "120 + 25 + 36");
        assertFalse(rows.get("a").running());

        // kept all day in the «ended» list, then half an hour into the next day removed from the table
        now = now.plus(SessionsService.KEEP_ENDED).plusSeconds(1);
        s.onMeter("b", 1, null, null, sample(now, "22"));
        s.evaluate();
        assertEquals(List.of(), removed, "ended today: still listed");
        now = Instant.parse("2026-11-23T18:00:00Z").plus(SessionsService.KEEP_ENDED).plusSeconds(1); // 00:30 the next day
        s.onMeter("b", 1, null, null, sample(now, "22"));
        s.evaluate();
        assertEquals(List.of("a"), removed);
    }

    @Test
    void theEndedListHoldsEverySessionThatEndedTodayFromTheServersListing_notOnlyThoseSeenEnding() {
        ChargingSession morning = new ChargingSession("m", ChargingSession.Status.STOPPED, "M", "loc", "Локация", "owner", 1, "client", null,
                T0.minus(Duration.ofHours(4)), T0.minus(Duration.ofHours(3)), ChargingSession.Limit.NONE, null, new BigDecimal("200"),
                new BigDecimal("40"), new BigDecimal("3.3"), true, 1, new BigDecimal("12"), null);
        SessionsService s = service((from, to) -> new SessionsApi.StoppedTotals(1, new BigDecimal("3.3"), new BigDecimal("40"), T0,
                List.of(morning)));
        s.onSnapshot(List.of(session("b", "B", 2, "200", "3", sample(T0, "22"))));
        s.evaluate();
        SessionRow listed = rows.get("m");
        assertTrue(listed != null && !listed.running(), "the morning's session is in the list, ended: " + rows.keySet());
        assertEquals(new BigDecimal("40"), listed.cost());
        SessionsService.Totals t = totals.get();
        assertEquals(1, t.endedToday(), "and counted once, by the server's total");
        assertEquals(new BigDecimal("76.00"), t.revenueToday(), "40 ended + 3×12 running");
    }

    @Test
    void aSessionMissingFromANewSnapshotEndedUnseenAndUnknownMetersAreIgnored() {
        SessionsService s = service(null);
        s.onSnapshot(List.of(session("a", "A", 1, "100", "1", null), session("b", "B", 2, "100", "1", null)));
        s.onMeter("nobody", 1, BigDecimal.ONE, null, sample(T0, "7"));
        assertNull(rows.get("nobody"));
        s.onSnapshot(List.of(session("b", "B", 2, "100", "1.5", null)));
        assertTrue(rows.get("a").endedUnseen());
        assertFalse(rows.get("a").running());
        assertEquals(Set.of("b"), s.runningIds());
        s.evaluate();
        assertFalse(totals.get().todayKnown(), "without the operator API's summary the day is not known");
        assertEquals(1, totals.get().active());
    }

    @Test
    void historyKeepsTheNewestSamplesInOrder() {
        MeterHistory h = new MeterHistory();
        for (int i = 0; i < MeterHistory.CAPACITY + 50; i++) {
            h.add(sample(T0.plusSeconds(i), Integer.toString(i % 20)), new BigDecimal(i), T0);
        }
        MeterHistory.Points p = h.points();
        assertEquals(MeterHistory.CAPACITY, p.size());
        assertEquals(T0.plusSeconds(50).toEpochMilli(), p.epochMillis()[0]);
        assertEquals(T0.plusSeconds(MeterHistory.CAPACITY + 49).toEpochMilli(), p.epochMillis()[p.size() - 1]);
        assertEquals(MeterHistory.CAPACITY + 49, p.energyKwh()[p.size() - 1], 1e-9);
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.epochMillis()[i] > p.epochMillis()[i - 1]);
        }
    }

    private static Station station(String id, boolean online) {
        return new Station(id, "SN", "M", "X", "loc", "Локация", "addr", "Бишкек", 42.0, 74.0, BigDecimal.TEN, null, "active", online,
                T0.minusSeconds(90), null, null, List.of(), "owner", null, true);
    }

    @Test
    void whenTheServerCannotBeAskedTheDaysEndedFigureKeptEarlierStaysWithItsTime_notRunningSessionsAlone() {
        java.util.Map<java.time.LocalDate, SessionsApi.StoppedTotals> kept = new HashMap<>();
        SessionsService.TotalsMemory memory = new SessionsService.TotalsMemory() {
            @Override
            public SessionsApi.StoppedTotals recall(java.time.LocalDate day) {
                return kept.get(day);
            }

            @Override
            public void keep(java.time.LocalDate day, SessionsApi.StoppedTotals t) {
                kept.put(day, t);
            }
        };
        // before a language switch: the server says 3 ended, 120 som; the figure is kept
        SessionsService first = service((from, to) -> new SessionsApi.StoppedTotals(3, new BigDecimal("10"), new BigDecimal("120"), T0));
        first.remember(memory);
        first.onSnapshot(List.of(session("b", "B", 2, "200", "3", sample(T0, "22"))));
        first.evaluate();
        assertEquals(null, totals.get().endedAsOf(), "the server's current figure");
        assertEquals(1, kept.size());

        // after it, the request budget is spent: the new screen's service cannot ask
        now = T0.plusSeconds(600);
        boolean[] answer = {false};
        SessionsService second = service((from, to) -> {
            if (!answer[0]) {
                throw new kg.evpower.console.api.ApiException(kg.evpower.console.api.ApiException.Kind.RATE_LIMITED, 429, "rate_limited",
                        "Too many requests");
            }
            return new SessionsApi.StoppedTotals(4, new BigDecimal("12"), new BigDecimal("150"), now);
        });
        second.remember(memory);
        second.onSnapshot(List.of(session("b", "B", 2, "200", "3", sample(now, "22"))));
        second.evaluate();
        SessionsService.Totals t = totals.get();
        assertTrue(t.todayKnown(), "not the running sessions alone");
        assertEquals(new BigDecimal("156.00"), t.revenueToday(), "120 kept + 3×12 running, not 36");
        assertEquals(T0, t.endedAsOf(), "said to be the figure of 12:00");
        assertEquals(3, t.endedToday());

        // a minute later the server answers: its figure replaces the kept one
        answer[0] = true;
        now = now.plusSeconds(61);
        second.evaluate();
        second.evaluate();
        t = totals.get();
        assertEquals(null, t.endedAsOf());
        assertEquals(new BigDecimal("186.00"), t.revenueToday(), "150 + 36");
    }
}
