package kg.evpower.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.PushDelivery;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.people.PeopleListViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifications screen's decisions, without a stage: people filters, composing, per-device results, the history. */
class PushViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Messages m = new Messages("en");
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));
    @TempDir
    Path dir;

    private static StaffMember person(String id, String name, Role role, boolean active) {
        return new StaffMember(id, name, null, "+99670010000" + id.length(), role, active, 2, 1, NOW, null);
    }

    private static PushSubscription sub(String id, String host) {
        return new PushSubscription(id, "o1", PushSubscription.Audience.OWNER, host,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", NOW, null);
    }

    /** A server with three people; each subscription answers as {@code answers} says. */
    private static final class FakeGateway implements PushGateway {
        final Map<String, PushDelivery.Outcome> answers = Map.of("s1", PushDelivery.Outcome.DELIVERED, "s2", PushDelivery.Outcome.REMOVED,
                "s3", PushDelivery.Outcome.FAILED);
        final List<String> sent = new ArrayList<>();
        boolean selfHasNone;
        String payloadOverride;

        @Override
        public Mode mode() {
            return Mode.OPERATOR_API;
        }

        @Override
        public PeopleListing people() {
            return new PeopleListing(List.of(person("op", "Оператор Асель", Role.OPERATOR, false), person("o1", "Владелец Бакыт", Role.ADMIN, true),
                    person("sa", "Поддержка", Role.SUPERADMIN, true)), List.of(), true);
        }

        @Override
        public List<PushSubscription> subscriptions(String userId) {
            return userId.equals("o1") ? List.of(sub("s1", "fcm.googleapis.com"), sub("s2", "updates.push.services.mozilla.com"),
                    sub("s3", "web.push.apple.com")) : List.of();
        }

        @Override
        public PushSent send(String userId, PushSubscription subscription, PushMessage message, Instant at) {
            sent.add(subscription.id());
            PushDelivery.Outcome o = answers.get(subscription.id());
            int status = o == PushDelivery.Outcome.DELIVERED ? 201 : o == PushDelivery.Outcome.REMOVED ? 410 : 429;
            return new PushSent(1, "sent", payloadOverride != null ? payloadOverride : message.payload(at),
                    List.of(new PushDelivery(subscription.id(), subscription.endpointHost(), status, o, 120, o == PushDelivery.Outcome.FAILED ? "slow down" : null)));
        }

        @Override
        public PushSent sendSelf() {
            if (selfHasNone) {
                throw new Failure("No subscriptions found", true, null);
            }
            return new PushSent(2, "sent", null, List.of());
        }
    }

    private PushViewModel vm(FakeGateway gateway) {
        return new PushViewModel(m, new Formats(m), gateway, tasks, new PushHistory(dir.resolve("push-history.jsonl")), () -> "Support", () -> NOW);
    }

    @Test
    void peopleAreSortedOwnersFirstAndFilteredByTextRoleAndActive() {
        PushViewModel vm = vm(new FakeGateway());
        vm.start();
        assertEquals(List.of("o1", "op", "sa"), vm.people().stream().map(StaffMember::id).toList(), "owners, operators, support");
        vm.list().roleFilterProperty().set(PeopleListViewModel.RoleFilter.OPERATOR);
        assertEquals(List.of("op"), vm.people().stream().map(StaffMember::id).toList());
        vm.list().roleFilterProperty().set(PeopleListViewModel.RoleFilter.ALL);
        vm.list().activeFilterProperty().set(PeopleListViewModel.ActiveFilter.INACTIVE);
        assertEquals(List.of("op"), vm.people().stream().map(StaffMember::id).toList());
        vm.list().activeFilterProperty().set(PeopleListViewModel.ActiveFilter.ALL);
        vm.list().searchProperty().set("бакыт");
        assertEquals(m.format("people.list.count", 1, 3), vm.list().statusProperty().get());
    }

    @Test
    void aPersonWithoutSubscriptionsCannotBeSentTo_aTooLongMessageNeither() {
        PushViewModel vm = vm(new FakeGateway());
        vm.start();
        vm.selectedProperty().set(vm.people().stream().filter(p -> p.id().equals("sa")).findFirst().orElseThrow());
        assertEquals(m.get("push.subs.none"), vm.subscriptionsStatusProperty().get());
        assertFalse(vm.canSend().get());
        vm.selectedProperty().set(vm.people().get(0));
        assertEquals(3, vm.subscriptions().size());
        assertTrue(vm.canSend().get());
        vm.bodyProperty().set("ж".repeat(2000));
        assertFalse(vm.canSend().get(), "over the push services' size");
        assertTrue(vm.problemProperty().get() != null);
        vm.bodyProperty().set("Проверка");
        assertTrue(vm.previewProperty().get().contains("Проверка"), "the exact JSON is shown");
    }

    @Test
    void eachDeviceGetsItsOwnResult_theHistoryKeepsThem_andTheServersPayloadIsChecked() throws Exception {
        FakeGateway gateway = new FakeGateway();
        PushViewModel vm = vm(gateway);
        vm.start();
        vm.selectedProperty().set(vm.people().get(0));
        vm.send(List.of());
        assertEquals(List.of("s1", "s2", "s3"), gateway.sent, "one request per subscription");
        List<PushHistory.State> states = vm.results().stream().map(r -> r.delivery().state()).toList();
        assertEquals(List.of(PushHistory.State.DELIVERED, PushHistory.State.REMOVED, PushHistory.State.FAILED), states);
        assertEquals(m.format("push.send.summary", 1, 1, 1), vm.sendStatusProperty().get());
        assertTrue(vm.payloadCheckProperty().get().startsWith(m.format("push.payload.same", "").substring(0, 20)));
        assertEquals(m.get("push.detail.429") + ": slow down", vm.detail(vm.results().get(2).delivery()));
        assertFalse(vm.sendingProperty().get());
        assertEquals(1, vm.history().size());
        assertEquals(1, new PushHistory(dir.resolve("push-history.jsonl")).load().entries().size(), "written to the journal");
        assertTrue(vm.historyDetail(vm.history().get(0)).contains("HTTP 410"));

        gateway.payloadOverride = "{\"title\":\"other\"}";
        vm.send(List.of(vm.subscriptions().get(0)));
        assertEquals(m.get("push.payload.differs"), vm.payloadCheckProperty().get());
    }

    @Test
    void productionsSelfTestSaysWhenThereIsNowhereToSend() {
        FakeGateway gateway = new FakeGateway();
        gateway.selfHasNone = true;
        PushViewModel vm = vm(gateway);
        vm.sendSelf();
        assertEquals(m.get("push.self.none"), vm.sendStatusProperty().get());
        assertEquals(m.get("push.self.none"), vm.outcome(vm.history().get(0)));
        assertNull(vm.selectedProperty().get());
    }
}
