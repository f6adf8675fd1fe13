package kg.evpower.console.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationCommand;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.stations.StationActionsViewModel.Action;
import kg.evpower.console.stations.StationActionsViewModel.Answers;
import kg.evpower.console.stations.StationActionsViewModel.Field;
import org.junit.jupiter.api.Test;

/** Station actions without a stage: what each role may send, the forms and their warnings, the answers in words, the timeline. */
class StationActionsViewModelTest {

    private static final Instant NOW = TestNetwork.NOW;
    private final Messages m = new Messages("en");
    private final Formats f = new Formats(m);
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));
    private final Station idle = TestNetwork.st("BIS-1", "L1", "Бишкек", StationStatus.AVAILABLE, "o1", ConnectorStatus.AVAILABLE, NOW);
    private final Station busy = TestNetwork.st("BIS-2", "L1", "Бишкек", StationStatus.OCCUPIED, "o1", ConnectorStatus.OCCUPIED, NOW);

    /** A server that answers every command with {@link #answer} and records what it was sent. */
    static final class FakeServer implements StationCommandsGateway {
        final List<String> sent = new ArrayList<>();
        final List<StationCommand> trail = new ArrayList<>();
        final List<ChargingSession> sessions = new ArrayList<>();
        String answer = "Accepted";
        RuntimeException refuse;
        RuntimeException historyFails;

        @Override
        public StationCommand send(String stationId, String action, Map<String, Object> fields, String reason) {
            sent.add(stationId + " " + action + " " + fields + " \"" + reason + "\"");
            if (refuse != null) {
                throw refuse;
            }
            Map<String, String> wire = new java.util.LinkedHashMap<>();
            fields.forEach((k, v) -> wire.put(k, String.valueOf(v)));
            List<StationCommand.ConfigKey> keys = "GetConfiguration".equals(action)
                    ? List.of(new StationCommand.ConfigKey("HeartbeatInterval", false, "300"), new StationCommand.ConfigKey("NumberOfConnectors", true, "2"))
                    : List.of();
            List<String> unknown = "GetConfiguration".equals(action) ? List.of("NoSuchKey") : List.of();
            StationCommand c = new StationCommand(trail.size() + 1, stationId, "Support", action, wire, reason, answer, keys, unknown,
                    NOW.plusSeconds(trail.size()), NOW.plusSeconds(trail.size() + 1), 900L);
            trail.add(0, c);
            return c;
        }

        @Override
        public List<StationCommand> history(String stationId) {
            if (historyFails != null) {
                throw historyFails;
            }
            return trail.stream().filter(c -> c.stationId().equals(stationId)).toList();
        }

        @Override
        public List<ChargingSession> sessions(String stationId, Instant since) {
            return sessions.stream().filter(s -> s.stationId().equals(stationId)).toList();
        }
    }

    private final FakeServer server = new FakeServer();

    private StationActionsViewModel vm(Role role, boolean available) {
        return new StationActionsViewModel(m, f, server, tasks, role, available, () -> NOW);
    }

    private static Answers reason(String reason) {
        return new Answers(null, null, null, null, null, reason);
    }

    private static ChargingSession session(String id, String station, int connector, ChargingSession.Status status, Instant start, Instant stop) {
        return new ChargingSession(id, status, station, "L1", "Место L1", "o1", connector, "c1", "+996700000009", start, stop, null, null,
                new BigDecimal("200"), new BigDecimal("50"), new BigDecimal("3.2"), stop != null, 7, new BigDecimal("15"), null);
    }

    @Test
    void eachRoleIsOfferedWhatTheOperatorApiLetsItSend() {
        assertEquals(List.of(Action.values()), vm(Role.SUPERADMIN, true).actions());
        assertEquals(List.of(Action.values()), vm(Role.ADMIN, true).actions());
        List<Action> operator = vm(Role.OPERATOR, true).actions();
        assertEquals(List.of(Action.UNLOCK, Action.RESET_SOFT, Action.MAKE_INOPERATIVE, Action.MAKE_OPERATIVE, Action.TRIGGER,
                Action.GET_CONFIGURATION), operator);
        assertTrue(vm(Role.CLIENT, true).actions().isEmpty());
        assertNull(vm(Role.ADMIN, true).unavailableNote());
    }

    @Test
    void withoutTheOperatorApiThereAreNoActionsAndOneSentenceSaysWhy() {
        StationActionsViewModel vm = vm(Role.SUPERADMIN, false);
        assertTrue(vm.actions().isEmpty());
        assertTrue(vm.unavailableNote().startsWith("Only the operator API sends commands"), vm.unavailableNote());
        assertFalse(vm.send(vm.form(Action.UNLOCK, idle), new Answers(1, null, null, null, null, "stuck cable")));
        assertTrue(server.sent.isEmpty());
        // the history is what the console saw, and says so
        vm.showTimeline(idle);
        assertEquals(m.get("actions.timeline.seenOnly"), vm.timelineStatusProperty().get());
    }

    @Test
    void formsAskWhatEachCommandNeedsAndSayWhatItWillDoToRunningSessions() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        StationActionsViewModel.Form soft = vm.form(Action.RESET_SOFT, busy);
        assertTrue(soft.consequence().startsWith("Sessions on the station now: 1."), soft.consequence());
        assertTrue(vm.form(Action.RESET_HARD, idle).consequence().startsWith("Sessions on the station now: 0."));
        assertEquals("Soft reset: BIS-2", soft.title());
        assertEquals(List.of(), soft.fields());
        assertEquals(List.of(Field.CONNECTOR), vm.form(Action.UNLOCK, idle).fields());
        assertEquals(List.of(1), vm.form(Action.UNLOCK, idle).connectors());
        assertEquals(List.of(Field.CONNECTOR_OR_STATION), vm.form(Action.MAKE_INOPERATIVE, idle).fields());
        assertEquals(List.of(Field.MESSAGE, Field.CONNECTOR_OPTIONAL), vm.form(Action.TRIGGER, idle).fields());
        assertEquals(List.of(Field.KEYS), vm.form(Action.GET_CONFIGURATION, idle).fields());
        assertEquals(List.of(Field.KEY_VALUE), vm.form(Action.CHANGE_CONFIGURATION, idle).fields());
        assertTrue(vm.form(Action.MAKE_INOPERATIVE, busy).consequence().contains("scheduled"));
        // in the UI's language
        StationActionsViewModel ru = new StationActionsViewModel(new Messages("ru"), new Formats(new Messages("ru")), server, tasks, Role.ADMIN, true,
                () -> NOW);
        assertFalse(ru.form(Action.RESET_SOFT, busy).consequence().contains("Sessions"));
    }

    @Test
    void nothingIsSentWithoutAReasonOrTheFieldsTheCommandNeeds() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        StationActionsViewModel.Form unlock = vm.form(Action.UNLOCK, idle);
        assertEquals(m.get("actions.reason.required"), vm.problem(unlock, new Answers(1, null, null, null, null, "  x ")));
        assertEquals(m.get("actions.connector.required"), vm.problem(unlock, new Answers(null, null, null, null, null, "stuck cable")));
        assertEquals(m.get("actions.connector.required"), vm.problem(unlock, new Answers(0, null, null, null, null, "stuck cable")));
        assertNull(vm.problem(unlock, new Answers(1, null, null, null, null, "stuck cable")));
        // availability: connector 0 is the whole station, but a choice must be made
        StationActionsViewModel.Form out = vm.form(Action.MAKE_INOPERATIVE, idle);
        assertEquals(m.get("actions.connector.required"), vm.problem(out, reason("technician on Monday")));
        assertNull(vm.problem(out, new Answers(0, null, null, null, null, "technician on Monday")));
        StationActionsViewModel.Form change = vm.form(Action.CHANGE_CONFIGURATION, idle);
        assertEquals(m.get("actions.key.required"), vm.problem(change, new Answers(null, null, null, " ", "60", "faster heartbeats")));
        assertNull(vm.problem(change, new Answers(null, null, null, "HeartbeatInterval", "60", "faster heartbeats")));
        assertEquals(m.get("actions.message.required"), vm.problem(vm.form(Action.TRIGGER, idle), reason("status check")));

        assertFalse(vm.send(unlock, new Answers(null, null, null, null, null, "stuck cable")));
        assertFalse(vm.send(unlock, new Answers(1, null, null, null, null, "")));
        assertTrue(server.sent.isEmpty());
    }

    @Test
    void theRequestCarriesTheFieldsAsTheOperatorApiNamesThem() {
        StationActionsViewModel vm = vm(Role.SUPERADMIN, true);
        assertEquals(Map.of("type", "Soft"), StationActionsViewModel.fields(vm.form(Action.RESET_SOFT, idle), reason("frozen")));
        assertEquals(Map.of("type", "Hard"), StationActionsViewModel.fields(vm.form(Action.RESET_HARD, idle), reason("frozen")));
        assertEquals(Map.of("connector_id", 0, "type", "Operative"),
                StationActionsViewModel.fields(vm.form(Action.MAKE_OPERATIVE, idle), new Answers(0, null, null, null, null, "repaired")));
        assertEquals(Map.of("requested_message", "MeterValues"),
                StationActionsViewModel.fields(vm.form(Action.TRIGGER, idle), new Answers(0, "MeterValues", null, null, null, "check")));
        assertEquals(Map.of("requested_message", "StatusNotification", "connector_id", 1),
                StationActionsViewModel.fields(vm.form(Action.TRIGGER, idle), new Answers(1, "StatusNotification", null, null, null, "check")));
        assertEquals(Map.of("keys", List.of("HeartbeatInterval", "MeterValueSampleInterval")), StationActionsViewModel.fields(
                vm.form(Action.GET_CONFIGURATION, idle), new Answers(null, null, " HeartbeatInterval, MeterValueSampleInterval ", null, null, "check")));
        assertEquals(Map.of("keys", List.of()), StationActionsViewModel.fields(vm.form(Action.GET_CONFIGURATION, idle), reason("check")));
        assertEquals(Map.of("key", "HeartbeatInterval", "value", "60"), StationActionsViewModel.fields(vm.form(Action.CHANGE_CONFIGURATION, idle),
                new Answers(null, null, null, " HeartbeatInterval ", "60", "check")));
        assertEquals(Map.of(), StationActionsViewModel.fields(vm.form(Action.CLEAR_CACHE, idle), reason("check")));
    }

    @Test
    void aCommandShowsProgressThenTheStationsAnswerInWords() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        tasks.hold();
        assertTrue(vm.send(vm.form(Action.UNLOCK, idle), new Answers(1, null, null, null, null, "  cable stuck after a session ")));
        assertTrue(vm.busyProperty().get());
        assertEquals("Command sent to BIS-1, waiting for the station's answer…", vm.resultProperty().get());
        // one command at a time
        assertFalse(vm.send(vm.form(Action.RESET_SOFT, idle), reason("frozen")));
        server.answer = "Unlocked";
        tasks.runQueued();
        assertEquals(List.of("BIS-1 UnlockConnector {connector_id=1} \"cable stuck after a session\""), server.sent);
        assertFalse(vm.busyProperty().get());
        assertFalse(vm.resultFailedProperty().get());
        assertEquals("Unlock connector (BIS-1): connector unlocked (Unlocked)", vm.resultProperty().get());
        assertEquals("Unlocked", vm.lastAnswerProperty().get().status());
        // the station's history follows the command
        assertEquals(idle, vm.timelineStationProperty().get());
        assertEquals(1, vm.timeline().size());
        assertTrue(vm.timeline().get(0).text().startsWith("Unlock connector #1 — Support: \"cable stuck after a session\" → connector unlocked"),
                vm.timeline().get(0).text());
    }

    @Test
    void refusalsTimeoutsAndOfflineStationsAreSaidAsTheyAre() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        server.answer = "NotSupported";
        vm.send(vm.form(Action.UNLOCK, idle), new Answers(1, null, null, null, null, "stuck cable"));
        assertTrue(vm.resultFailedProperty().get());
        assertEquals("Unlock connector (BIS-1): the station does not support it (NotSupported)", vm.resultProperty().get());
        server.answer = StationCommand.TIMEOUT;
        vm.send(vm.form(Action.RESET_SOFT, idle), reason("frozen"));
        assertTrue(vm.resultFailedProperty().get());
        assertTrue(vm.resultProperty().get().contains("did not answer in time") && vm.resultProperty().get().endsWith("(Timeout)"));
        server.answer = StationCommand.OFFLINE;
        vm.send(vm.form(Action.RESET_SOFT, idle), reason("frozen"));
        assertTrue(vm.resultProperty().get().contains("nothing was sent"), vm.resultProperty().get());
        server.answer = "Scheduled";
        vm.send(vm.form(Action.MAKE_INOPERATIVE, busy), new Answers(1, null, null, null, null, "cable damaged"));
        assertFalse(vm.resultFailedProperty().get(), "scheduled is a yes");
        assertTrue(vm.resultProperty().get().contains("applied when the running session ends"));
        // a word the console does not know is shown as the station said it, never as a success
        server.answer = "Blocked";
        vm.send(vm.form(Action.CLEAR_CACHE, idle), reason("cache"));
        assertTrue(vm.resultFailedProperty().get());
        assertTrue(vm.resultProperty().get().endsWith(": Blocked"), vm.resultProperty().get());
        // the server refuses: its words, and nothing pretends
        server.refuse = new kg.evpower.console.api.ApiException(kg.evpower.console.api.ApiException.Kind.FORBIDDEN, 403, null, "Оператору недоступна эта команда");
        vm.send(vm.form(Action.RESET_SOFT, idle), reason("frozen"));
        assertTrue(vm.resultFailedProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("The command was not carried out: "), vm.resultProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void anOperatorCannotSendWhatItIsNotOffered() {
        StationActionsViewModel vm = vm(Role.OPERATOR, true);
        assertFalse(vm.send(vm.form(Action.RESET_HARD, idle), reason("frozen")));
        assertFalse(vm.send(vm.form(Action.CHANGE_CONFIGURATION, idle), new Answers(null, null, null, "HeartbeatInterval", "60", "faster")));
        assertTrue(server.sent.isEmpty());
        assertTrue(vm.send(vm.form(Action.RESET_SOFT, idle), reason("frozen")));
        assertEquals(1, server.sent.size());
    }

    @Test
    void readSettingsAreKeptWithTheAnswer() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        vm.send(vm.form(Action.GET_CONFIGURATION, idle), reason("check the heartbeat"));
        StationCommand c = vm.lastAnswerProperty().get();
        assertEquals("GetConfiguration", c.action());
        assertEquals(List.of("HeartbeatInterval", "NumberOfConnectors"), c.configuration().stream().map(StationCommand.ConfigKey::key).toList());
        assertTrue(c.configuration().get(1).readonly());
        assertEquals(List.of("HeartbeatInterval = 300", "NumberOfConnectors = 2 (read-only)", "The station does not know the key: NoSuchKey"),
                vm.configuration());
        assertEquals("Station settings: BIS-1", vm.configurationTitleProperty().get());
        // the next command's answer replaces them
        vm.send(vm.form(Action.CLEAR_CACHE, idle), reason("cache"));
        assertTrue(vm.configuration().isEmpty());
        assertEquals("", vm.configurationTitleProperty().get());
    }

    @Test
    void theTimelineMergesCommandsSessionsAndWhatTheConsoleSawNewestFirst() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        server.sessions.add(session("s1", "BIS-2", 1, ChargingSession.Status.STOPPED, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1))));
        server.sessions.add(session("s2", "BIS-2", 1, ChargingSession.Status.ERROR, NOW.minus(Duration.ofMinutes(50)), NOW.minus(Duration.ofMinutes(49))));
        server.sessions.add(session("s3", "BIS-1", 1, ChargingSession.Status.STARTED, NOW.minus(Duration.ofMinutes(5)), null));
        server.send("BIS-2", "Reset", Map.of("type", "Soft"), "frozen");
        // the console saw connector 1 fault, and the station drop off
        Station faulted = TestNetwork.st("BIS-2", "L1", "Бишкек", StationStatus.MAINTENANCE, "o1", ConnectorStatus.FAULTED, NOW);
        vm.observe(busy, faulted);
        Station gone = TestNetwork.st("BIS-2", "L1", "Бишкек", StationStatus.OFFLINE, "o1", ConnectorStatus.FAULTED, NOW);
        vm.observe(faulted, gone);
        vm.observe(idle, idle); // nothing changed: nothing to say
        vm.showTimeline(busy);
        assertEquals("", vm.timelineStatusProperty().get());
        List<String> texts = vm.timeline().stream().map(StationActionsViewModel.Entry::text).toList();
        assertEquals(List.of(
                "Soft reset — Support: \"frozen\" → accepted (Accepted)",
                "Connector 1: " + f.connectorStatus(ConnectorStatus.OCCUPIED) + " → " + f.connectorStatus(ConnectorStatus.FAULTED) + " (GroundFailure)",
                "Station not connected",
                "Session ended #1 (s2): " + m.get("sessions.status.error"),
                "Session started #1 (s2)",
                "Session ended #1 (s1): " + m.get("sessions.status.stopped"),
                "Session started #1 (s1)"), texts);
        List<Boolean> problems = vm.timeline().stream().map(StationActionsViewModel.Entry::problem).toList();
        assertEquals(List.of(false, true, true, true, false, false, false), problems);
        // another station's history is its own
        vm.showTimeline(idle);
        assertEquals(List.of("Session started #1 (s3)"), vm.timeline().stream().map(StationActionsViewModel.Entry::text).toList());
        // what the console sees later shows at once in the station shown
        vm.observe(idle, TestNetwork.st("BIS-1", "L1", "Бишкек", StationStatus.OCCUPIED, "o1", ConnectorStatus.OCCUPIED, NOW));
        assertEquals(2, vm.timeline().size());
    }

    @Test
    void aHistoryThatCannotBeReadSaysSoAndKeepsWhatTheConsoleSaw() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        vm.observe(busy, TestNetwork.st("BIS-2", "L1", "Бишкек", StationStatus.OFFLINE, "o1", ConnectorStatus.OCCUPIED, NOW));
        server.historyFails = new kg.evpower.console.api.ApiException(kg.evpower.console.api.ApiException.Kind.NETWORK, 0, null, "connection refused");
        vm.showTimeline(busy);
        assertTrue(vm.timelineStatusProperty().get().startsWith("History not loaded: "), vm.timelineStatusProperty().get());
        assertEquals(List.of("Station not connected"), vm.timeline().stream().map(StationActionsViewModel.Entry::text).toList());
    }

    @Test
    void whatTheConsoleSawIsBoundedPerStation() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        Station a = idle;
        Station b = TestNetwork.st("BIS-1", "L1", "Бишкек", StationStatus.OCCUPIED, "o1", ConnectorStatus.OCCUPIED, NOW);
        for (int i = 0; i < StationActionsViewModel.KEPT_PER_STATION + 50; i++) {
            vm.observe(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a);
        }
        vm.showTimeline(idle);
        assertEquals(StationActionsViewModel.KEPT_PER_STATION, vm.timeline().size());
    }

    @Test
    void answersAreSaidInTheUiLanguageWithTheOcppWordBeside() {
        StationActionsViewModel vm = vm(Role.ADMIN, true);
        StationCommand awaited = new StationCommand(1, "BIS-1", "Support", "Reset", Map.of(), "r", null, null, null, NOW, null, null);
        assertEquals("no answer yet", vm.answer(awaited));
        for (String word : List.of("Accepted", "Rejected", "Scheduled", "Unlocked", "UnlockFailed", "NotSupported", "NotImplemented", "RebootRequired",
                "Timeout", "Offline", "Observed", "Published")) {
            for (String lang : List.of("ru", "en", "ky")) {
                Messages ml = new Messages(lang);
                String said = new StationActionsViewModel(ml, new Formats(ml), server, tasks, Role.ADMIN, true, () -> NOW)
                        .answer(new StationCommand(1, "BIS-1", "Support", "Reset", Map.of(), "r", word, null, null, NOW, NOW, 1L));
                assertTrue(said.endsWith("(" + word + ")") && !said.startsWith("!"), lang + " " + said);
            }
        }
    }
}
