package kg.evpower.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.PushDelivery;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.i18n.Messages;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The notifications gateway against a real sandbox over HTTP: who each role may reach (and that the superadmin's list
 * holds the phone-only operators production's users listing would fail on), a subscription's test with its result, and
 * the mode a server without the operator API (or an operator's role) leaves.
 */
class ApiPushGatewayIT {

    private static final Messages RU = new Messages("ru");

    private static ApiPushGateway gateway(SandboxServer s, String phone) {
        EvPowerClient c = Sandboxes.loggedIn(s, phone);
        return new ApiPushGateway(c, c.auth().profile(), c.server().capabilities(), RU);
    }

    @Test
    void eachRoleReachesWhomItMayAndASendReportsItsDevice() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            ApiPushGateway support = gateway(s, "+996700000001");
            assertEquals(PushGateway.Mode.OPERATOR_API, support.mode());
            List<StaffMember> everyone = support.people().people();
            int users = s.db().queryOne("SELECT COUNT(*) FROM users", rs -> rs.getInt(1)).orElseThrow();
            assertEquals(users, everyone.size(), "the superadmin reaches every user, once");
            assertEquals(users, everyone.stream().map(StaffMember::id).collect(Collectors.toSet()).size());
            assertTrue(everyone.stream().anyMatch(p -> p.role() == Role.OPERATOR && p.email() == null && p.phone() != null),
                    "phone-only operators are listed");
            assertTrue(everyone.stream().anyMatch(p -> p.role() == Role.OPERATOR && !p.active()), "inactive operators too");
            StaffMember owner = everyone.stream().filter(p -> "owner1@evpower.kg".equals(p.email())).findFirst().orElseThrow();
            assertEquals(Role.ADMIN, owner.role());
            assertTrue(owner.stations() != null && owner.stations() > 0);

            // an owner reaches self and own operators only
            ApiPushGateway ownerGw = gateway(s, "+996700100001");
            List<StaffMember> own = ownerGw.people().people();
            Set<String> expected = s.db().query("SELECT id FROM users WHERE id = ? OR admin_id = ?", rs -> rs.getString(1),
                    owner.id(), owner.id()).stream().collect(Collectors.toSet());
            assertEquals(expected, own.stream().map(StaffMember::id).collect(Collectors.toSet()));
            StaffMember otherOwner = everyone.stream().filter(p -> "owner2@evpower.kg".equals(p.email())).findFirst().orElseThrow();
            PushGateway.Failure refused = assertThrows(PushGateway.Failure.class, () -> ownerGw.subscriptions(otherOwner.id()));
            assertEquals(RU.get("error.forbidden"), refused.getMessage());

            // a test to one subscription: its result and the exact payload
            List<PushSubscription> subs = support.subscriptions(owner.id());
            assertTrue(!subs.isEmpty(), "seeded owners have browsers");
            PushSubscription first = subs.get(0);
            PushMessage msg = new PushMessage("Проверка", "Текст «в кавычках» и \"так\"", "/stations?id=1");
            Instant at = Instant.parse("2026-11-23T10:15:30.5Z");
            PushSent sent = support.send(owner.id(), first, msg, at);
            assertEquals(msg.payload(at), sent.payload(), "the server sends exactly what the console composed");
            assertEquals(1, sent.results().size());
            PushDelivery d = sent.results().get(0);
            assertEquals(first.id(), d.subscriptionId());
            assertEquals(PushDelivery.Outcome.DELIVERED, d.outcome());
            assertEquals(201, d.status());
        }
    }

    @Test
    void withoutTheOperatorApiOrAsAnOperatorOnlyTheSelfTestRemains() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false))) {
            ApiPushGateway support = gateway(s, "+996700000001");
            assertEquals(PushGateway.Mode.SELF, support.mode());
            PushSent sent = support.sendSelf();
            assertEquals(1, sent.sentTo(), "the superadmin's one client-typed browser");
        }
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            ApiPushGateway operator = gateway(s, "+996700201001");
            assertEquals(PushGateway.Mode.SELF, operator.mode());
            PushGateway.Failure none = assertThrows(PushGateway.Failure.class, operator::sendSelf);
            assertTrue(none.noSubscriptions());
            assertEquals(RU.get("push.error.noSubscriptions"), none.getMessage());
        }
    }
}
