package kg.evpower.console.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** The sessions dashboard's decisions, without a stage: which rows show, the queues, notifications, the admin stop. */
class SessionsViewModelTest {

    private final Messages m = new Messages("en");
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final List<List<SessionProblem>> notified = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();

    private SessionRow row(String id, ChargingSession.Status status, String station, String phone, Set<SessionProblem.Kind> problems) {
        ChargingSession s = new ChargingSession(id, status, station, "L1", "Ала-Тоо", "o1", 1, "c1", phone, now.minusSeconds(600),
                status == ChargingSession.Status.STARTED ? null : now, ChargingSession.Limit.NONE, null, new BigDecimal("200"),
                new BigDecimal("35.50"), new BigDecimal("2.5"), false, 77, new BigDecimal("14.2"), null);
        return new SessionRow(s, new BigDecimal("35.50"), null, "Charging", problems, false, now, 0);
    }

    private SessionsViewModel vm(SessionsViewModel.Stopper stopper) {
        return new SessionsViewModel(SessionsViewModel.Mode.STREAM, id -> null, notified::add, stopper, null, () -> now, tasks);
    }

    private static Map<String, Optional<SessionRow>> batch(SessionRow... rows) {
        Map<String, Optional<SessionRow>> b = new LinkedHashMap<>();
        for (SessionRow r : rows) {
            b.put(r.id(), Optional.of(r));
        }
        return b;
    }

    @Test
    void runningSessionsShowByDefault_endedOnesOnRequest_andTheSearchLooksAtStationPhoneAndId() {
        SessionsViewModel vm = vm(null);
        vm.apply(batch(row("s1", ChargingSession.Status.STARTED, "BIS-1", "+996700111111", Set.of()),
                row("s2", ChargingSession.Status.STOPPED, "BIS-2", "+996700222222", Set.of()),
                row("s3", ChargingSession.Status.STARTED, "OSH-1", "+996700333333", Set.of(SessionProblem.Kind.NO_METER))));
        assertEquals(List.of("s1", "s3"), ids(vm));
        vm.showProperty().set(SessionsViewModel.Show.ENDED);
        assertEquals(List.of("s2"), ids(vm));
        vm.showProperty().set(SessionsViewModel.Show.PROBLEMS);
        assertEquals(List.of("s3"), ids(vm));
        vm.showProperty().set(SessionsViewModel.Show.ALL);
        vm.searchProperty().set("osh");
        assertEquals(List.of("s3"), ids(vm));
        vm.searchProperty().set("2222");
        assertEquals(List.of("s2"), ids(vm));
        assertEquals(3, vm.total());
    }

    @Test
    void aSampleUpdatesTheRowInPlace_aSessionThatEndsLeavesTheRunningList_aRemovedOneGoes() {
        SessionsViewModel vm = vm(null);
        vm.apply(batch(row("s1", ChargingSession.Status.STARTED, "BIS-1", null, Set.of())));
        SessionsViewModel.Entry entry = vm.rows().get(0);
        vm.apply(batch(row("s1", ChargingSession.Status.STARTED, "BIS-1", "+996700111111", Set.of())));
        assertEquals(entry, vm.rows().get(0), "the same entry, a new row");
        assertEquals("+996700111111", entry.row().session().clientPhone());
        vm.selectedIdProperty().set("s1");
        vm.apply(batch(row("s1", ChargingSession.Status.STOPPED, "BIS-1", null, Set.of())));
        assertTrue(vm.rows().isEmpty(), "ended: not running any more");
        assertEquals(ChargingSession.Status.STOPPED, vm.selectedProperty().get().session().status(), "the selection follows");
        vm.apply(Map.of("s1", Optional.empty()));
        assertEquals(0, vm.total());
        assertNull(vm.selectedProperty().get());
    }

    @Test
    void newProblemsAreCountedPerQueueAndNotifiedAtMostEveryTenSecondsUnlessMuted() {
        SessionsViewModel vm = vm(null);
        SessionProblem a = new SessionProblem(SessionProblem.Kind.CONNECTOR_FAULTED, "s1", "BIS-1", 1, now);
        SessionProblem b = new SessionProblem(SessionProblem.Kind.NO_METER, "s2", "BIS-2", 1, now);
        vm.evaluated(null, List.of(a), List.of(a));
        assertEquals(List.of(List.of(a)), notified);
        assertEquals(1, vm.count(SessionProblem.Kind.CONNECTOR_FAULTED).get());
        now = now.plusSeconds(3);
        vm.evaluated(null, List.of(a, b), List.of(b));
        assertEquals(1, notified.size(), "not within 10 s of the last one");
        now = now.plusSeconds(8);
        vm.evaluated(null, List.of(a, b), List.of());
        assertEquals(List.of(b), notified.get(1), "what came in between goes out together");
        vm.mutedProperty().set(true);
        now = now.plusSeconds(30);
        SessionProblem c = new SessionProblem(SessionProblem.Kind.TOO_LONG, "s3", "OSH-1", 1, now);
        vm.evaluated(null, List.of(a, b, c), List.of(c));
        assertEquals(2, notified.size(), "muted");
        vm.queueProperty().set(SessionProblem.Kind.NO_METER);
        assertEquals(List.of(b), vm.queueItems());
    }

    @Test
    void eachFilterHasItsOwnEmptyText_andTheFirstQueueWithProblemsOpensUntilTheOperatorPicksOne() {
        SessionsViewModel vm = vm(null);
        assertEquals("sessions.empty", vm.emptyKey());
        vm.showProperty().set(SessionsViewModel.Show.ENDED);
        assertEquals("sessions.empty.ended", vm.emptyKey());
        vm.showProperty().set(SessionsViewModel.Show.PROBLEMS);
        assertEquals("sessions.empty.problems", vm.emptyKey());
        vm.searchProperty().set("EVP");
        assertEquals("sessions.empty.search", vm.emptyKey());
        assertEquals(SessionProblem.Kind.NO_TRANSACTION, vm.queueProperty().get());
        SessionProblem meter = new SessionProblem(SessionProblem.Kind.NO_METER, "s2", "BIS-2", 1, now);
        vm.evaluated(null, List.of(meter), List.of());
        assertEquals(SessionProblem.Kind.NO_METER, vm.queueProperty().get(), "the empty first queue gave way to one with problems");
        vm.chooseQueue(SessionProblem.Kind.TOO_LONG);
        SessionProblem faulted = new SessionProblem(SessionProblem.Kind.CONNECTOR_FAULTED, "s3", "BIS-3", 1, now);
        vm.evaluated(null, List.of(meter, faulted), List.of());
        assertEquals(SessionProblem.Kind.TOO_LONG, vm.queueProperty().get(), "the operator's pick stays");
    }

    @Test
    void theAdminStopNeedsAReasonAndShowsTheServersAnswerOrWhyItFailed() {
        SessionsViewModel vm = vm((id, reason) -> {
            stopped.add(id + ": " + reason);
            if (id.equals("bad")) {
                throw new ApiException(ApiException.Kind.FORBIDDEN, 403, "forbidden", null);
            }
            return "stopped, 2.5 kWh";
        });
        assertTrue(vm.canStop());
        vm.stop("s1", "  ");
        assertTrue(stopped.isEmpty(), "no reason, no stop");
        vm.stop("s1", " connector stuck ");
        assertEquals(List.of("s1: connector stuck"), stopped);
        assertEquals("stopped, 2.5 kWh", vm.actionMessageProperty().get());
        assertFalse(vm.actionFailedProperty().get());
        vm.stop("bad", "test");
        assertEquals(m.get("error.forbidden"), vm.actionMessageProperty().get());
        assertTrue(vm.actionFailedProperty().get());
        assertFalse(vm.stoppingProperty().get());
        assertFalse(vm(null).canStop(), "no admin stop without the operator API");
    }

    @Test
    void whileAStopIsUnderWayAnotherIsNotSent() {
        tasks.hold();
        SessionsViewModel vm = vm((id, reason) -> {
            stopped.add(id);
            return "ok";
        });
        vm.stop("s1", "reason");
        vm.stop("s1", "reason");
        assertTrue(vm.stoppingProperty().get());
        assertEquals(1, tasks.queuedTasks());
        tasks.runQueued();
        assertEquals(List.of("s1"), stopped);
        assertFalse(vm.stoppingProperty().get());
    }

    private static List<String> ids(SessionsViewModel vm) {
        return vm.rows().stream().map(SessionsViewModel.Entry::id).toList();
    }

    @Test
    void aLostStreamDimsTheSessionsAsOfTheMomentItDropped_andItsReturnEndsIt() {
        SessionsViewModel vm = vm(null);
        vm.feedState("connected", true, null);
        assertFalse(vm.freshness().downProperty().get());
        now = now.plusSeconds(300);
        vm.feedState("offline, retry in 2 s", false, "Session stream interrupted");
        assertTrue(vm.freshness().downProperty().get());
        assertEquals(now, vm.freshness().asOfProperty().get());
        assertEquals("offline, retry in 2 s", vm.feedStateProperty().get());
        Instant dropped = now;
        now = now.plusSeconds(10);
        vm.feedState("offline, retry in 4 s", false, "Session stream interrupted");
        assertEquals(dropped, vm.freshness().asOfProperty().get(), "a failed retry is not data");
        vm.feedState("connecting", null, null);
        assertTrue(vm.freshness().downProperty().get(), "connecting again is not connected yet");
        vm.feedState("connected", true, null);
        assertFalse(vm.freshness().downProperty().get());
    }

    @Test
    void withoutTheOperatorApiAStationsSessionsAreFoundAndFollowed_andAFailureSaysWhy() {
        List<String> followed = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        SessionsViewModel.Finder finder = (station, password) -> () -> {
            asked.add(station + ":" + new String(password));
            if (station.equals("EVP-404")) {
                throw new IllegalStateException("password authentication failed");
            }
            return station.equals("EVP-001-01") ? List.of("s-1", "s-2") : List.of();
        };
        SessionsViewModel vm = new SessionsViewModel(SessionsViewModel.Mode.POLLING, id -> null, notified::add, null, followed::add, finder,
                () -> now, tasks);
        assertTrue(vm.canFind());
        vm.findByStation(" evp-001-01 ", "secret".toCharArray());
        assertEquals(List.of("EVP-001-01:secret"), asked, "the station as ids are written, the password as given");
        assertEquals(List.of("s-1", "s-2"), followed);
        assertEquals(new SessionsViewModel.Found("EVP-001-01", 2, null), vm.foundProperty().get());
        vm.findByStation("EVP-002-01", new char[0]);
        assertEquals(new SessionsViewModel.Found("EVP-002-01", 0, null), vm.foundProperty().get());
        vm.findByStation("EVP-404", "x".toCharArray());
        assertEquals("password authentication failed", vm.foundProperty().get().error());
        assertEquals(List.of("s-1", "s-2"), followed, "nothing followed on a failure");
        vm.findByStation("  ", "x".toCharArray());
        assertEquals(3, asked.size(), "no station, no search");
        assertFalse(vm(null).canFind(), "the stream lists every session: nothing to find");
    }
}
