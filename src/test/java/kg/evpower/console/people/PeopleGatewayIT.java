package kg.evpower.console.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.ApiTransport;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.i18n.Messages;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * People management over real HTTP against the sandbox, for each role and each of production's quirks (contract §2.5,
 * read against the backend's {@code admin/users.py} and {@code admin/operators.py}), through the gateway the screen
 * uses and, where the quirk is the point, the raw route.
 */
class PeopleGatewayIT {

    private static final Messages RU = new Messages("ru");
    private static final Messages EN = new Messages("en");

    private static ApiPeopleGateway gateway(SandboxServer s, EvPowerClient c, Messages m) {
        return new ApiPeopleGateway(c, c.auth().profile(), c.server().capabilities(), m);
    }

    private static ApiException refused(Runnable call) {
        return assertThrows(ApiException.class, call::run);
    }

    private static int users(SandboxServer s) {
        return s.db().queryOne("SELECT COUNT(*) FROM users", rs -> rs.getInt(1)).orElseThrow();
    }

    @Test
    void supportReadsEveryoneTheOneWay_withAndWithoutTheOperatorApi_andTheUnfilteredListingFailsAsProductionsDoes() {
        for (boolean operatorApi : new boolean[] {true, false}) {
            try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(operatorApi))) {
                EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
                PeopleListing all = gateway(s, support, RU).people();
                assertEquals(users(s), all.people().size(), "everyone once (operator API " + operatorApi + ")");
                assertEquals(users(s), all.people().stream().map(StaffMember::id).collect(Collectors.toSet()).size());
                assertEquals(List.of(), all.unreadable());
                assertEquals(operatorApi, all.ownersKnown());
                StaffMember op = all.people().stream().filter(p -> "+996700201001".equals(p.phone())).findFirst().orElseThrow();
                assertEquals(Role.OPERATOR, op.role());
                String owner1 = s.db().queryOne("SELECT id FROM users WHERE email = 'owner1@evpower.kg'", rs -> rs.getString(1)).orElseThrow();
                assertEquals(operatorApi ? owner1 : null, op.ownerId(), "only the operator API names an operator's owner");
                StaffMember o1 = all.people().stream().filter(p -> owner1.equals(p.id())).findFirst().orElseThrow();
                assertTrue(o1.stations() > 0 && o1.hasEmail());

                // production's own listing without a role: 500 for the whole page (a phone-only operator has no email)
                ApiException whole = refused(() -> support.people().adminUsers(null, 1, 100));
                assertEquals(500, whole.httpStatus());
                assertEquals("Ошибка при получении списка пользователей", whole.serverMessage());
                assertEquals(500, refused(() -> support.people().adminUsers("operator", 1, 100)).httpStatus(), "operators by role too");
                assertEquals(500, refused(() -> support.call("GET", "/api/v1/admin/users/" + op.id(), null, JsonNode.class,
                        ApiTransport.Auth.SESSION)).httpStatus(), "and one of them by id");
            }
        }
    }

    @Test
    void anOwnerSeesThemselvesAndTheirOperators_anOperatorNeither() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false).withOtpResend(java.time.Duration.ZERO))) {
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            String ownerId = owner.auth().profile().userId();
            PeopleListing own = gateway(s, owner, RU).people();
            Set<String> expected = Set.copyOf(s.db().query("SELECT id FROM users WHERE id = ? OR admin_id = ?", rs -> rs.getString(1), ownerId, ownerId));
            assertEquals(expected, own.people().stream().map(StaffMember::id).collect(Collectors.toSet()));
            assertTrue(own.ownersKnown());
            assertTrue(own.people().stream().filter(p -> p.role() == Role.OPERATOR).allMatch(p -> ownerId.equals(p.ownerId())));

            EvPowerClient operator = Sandboxes.loggedIn(s, "+996700201001");
            assertEquals(List.of(), gateway(s, operator, RU).people().people(), "an operator reads no listing");
            assertEquals("Требуется роль admin или superadmin", refused(() -> operator.people().adminOperators(null)).serverMessage());
            assertEquals("Доступ запрещён. Требуется роль superadmin.", refused(() -> operator.people().adminUsers("admin", 1, 20)).serverMessage());
            assertEquals("Доступ запрещён. Требуется роль superadmin.", refused(() -> owner.people().adminUsers("admin", 1, 20)).serverMessage(),
                    "an owner reads no users listing");
        }
    }

    @Test
    void anOwnerAddsAnOperatorByPhone_whoSignsInByCode_andCanStillSignInOnceDeactivated() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false).withOtpResend(java.time.Duration.ZERO))) {
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            ApiPeopleGateway gw = gateway(s, owner, EN);
            // production's answer has no success field; the console says what happened in the operator's language
            JsonNode raw = owner.call("POST", "/api/v1/admin/operators", Map.of("phone", "996 555 000 111", "name", "Raw"), JsonNode.class,
                    ApiTransport.Auth.SESSION);
            assertFalse(raw.has("success"));
            assertEquals("+996555000111", raw.path("phone").asText(), "normalised by the server too");
            assertEquals("Operator added: Aziz. They can sign in with a WhatsApp code.", gw.addOperator("+996555000222", "Aziz"));

            // a customer's phone cannot become an operator's: explained, in every language
            String client = s.db().queryOne("SELECT phone FROM clients WHERE phone IS NOT NULL AND id NOT IN (SELECT id FROM users)",
                    rs -> rs.getString(1)).orElseThrow();
            PeopleGateway.Failure isClient = assertThrows(PeopleGateway.Failure.class, () -> gw.addOperator(client, "Client"));
            assertEquals(EN.format("people.error.isClient", "Этот номер уже используется клиентом"), isClient.getMessage());
            PeopleGateway.Failure isOwner = assertThrows(PeopleGateway.Failure.class, () -> gw.addOperator("+996700100002", null));
            assertTrue(isOwner.getMessage().startsWith("This number already belongs to an owner or staff member"), isOwner.getMessage());

            StaffMember aziz = gw.people().people().stream().filter(p -> "+996555000222".equals(p.phone())).findFirst().orElseThrow();
            EvPowerClient azizSession = Sandboxes.loggedIn(s, "+996555000222");
            assertEquals(Role.OPERATOR, azizSession.auth().profile().role());

            assertEquals("Operator deactivated (server: «Оператор деактивирован»)", gw.setActive(aziz, false));
            assertEquals("inactive", s.db().queryOne("SELECT status FROM clients WHERE id = ?", rs -> rs.getString(1), aziz.id()).orElseThrow(),
                    "production marks the customer record inactive too");
            // production does not check is_active at sign-in: the deactivated operator signs in again and reads
            EvPowerClient again = Sandboxes.loggedIn(s, "+996555000222");
            assertFalse(again.auth().profile().active());
            assertFalse(again.stations().locations(false).isEmpty());
            assertEquals("Требуется роль admin или superadmin", refused(() -> again.people().adminOperators(null)).serverMessage(),
                    "the operators module names the role before the deactivation");

            assertEquals("Operator activated again (server: «Оператор активирован»)", gw.setActive(aziz, true));
            assertEquals("The operator is already active (server: «Оператор уже активен»)", gw.setActive(aziz, true));

            // another owner's operator: 403 in the operator's words
            EvPowerClient other = Sandboxes.loggedIn(s, "+996700100002");
            PeopleGateway.Failure notYours = assertThrows(PeopleGateway.Failure.class, () -> gateway(s, other, EN).setActive(aziz, false));
            assertEquals("This is not your operator (server: «Нет доступа к этому оператору»)", notYours.getMessage());
        }
    }

    @Test
    void supportCreatesOwnersAndStaff_changesRolesAndAccess_neverTheirOwn() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false).withOtpResend(java.time.Duration.ZERO))) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            ApiPeopleGateway gw = gateway(s, support, RU);
            JsonNode made = support.call("POST", "/api/v1/admin/users", Map.of("email", "raw.owner@evpower.kg", "password", "secret-pass",
                    "role", "admin"), JsonNode.class, ApiTransport.Auth.SESSION);
            assertTrue(made.path("user").path("name").isNull(), "production answers with the name it was sent: none");
            assertFalse(made.path("user").path("created_at").asText().endsWith("+00:00"), "a naive utcnow(): " + made);
            assertEquals("Создан(а): new.owner@evpower.kg", gw.createStaff("new.owner@evpower.kg", "secret-pass", Role.ADMIN, null));
            PeopleGateway.Failure twice = assertThrows(PeopleGateway.Failure.class,
                    () -> gw.createStaff("new.owner@evpower.kg", "secret-pass", Role.ADMIN, null));
            assertEquals("Пользователь с таким email уже существует", twice.getMessage());
            assertEquals(422, refused(() -> support.people().createUser("new2@evpower.kg", "short", Role.ADMIN, null)).httpStatus());

            StaffMember created = gw.people().people().stream().filter(p -> "new.owner@evpower.kg".equals(p.email())).findFirst().orElseThrow();
            assertNull(created.phone(), "no phone: no WhatsApp sign-in");
            gw.changeRole(created, Role.SUPERADMIN);
            assertEquals("superadmin", s.db().queryOne("SELECT role FROM users WHERE id = ?", rs -> rs.getString(1), created.id()).orElseThrow());
            assertEquals("Пользователь new.owner@evpower.kg деактивирован", gw.setActive(created, false));
            assertEquals("Пользователь new.owner@evpower.kg активирован", gw.setActive(created, true));
            assertEquals("Пользователь уже активен", gw.setActive(created, true));

            String me = support.auth().profile().userId();
            StaffMember self = gw.people().people().stream().filter(p -> me.equals(p.id())).findFirst().orElseThrow();
            assertEquals("Нельзя изменять свой собственный аккаунт", assertThrows(PeopleGateway.Failure.class,
                    () -> gw.changeRole(self, Role.ADMIN)).getMessage());
            assertEquals("Нельзя удалить свой собственный аккаунт", assertThrows(PeopleGateway.Failure.class,
                    () -> gw.setActive(self, false)).getMessage());

            // a change to an account without an email is kept, then answered with a 500 (the console does not offer it)
            StaffMember phoneOnly = gw.people().people().stream().filter(p -> p.role() == Role.OPERATOR && !p.hasEmail()).findFirst().orElseThrow();
            PeopleGateway.Failure kept = assertThrows(PeopleGateway.Failure.class, () -> gw.changeRole(phoneOnly, Role.ADMIN));
            assertEquals(RU.format("people.error.savedButFailed", "Ошибка при получении пользователя"), kept.getMessage());
            assertEquals("admin", s.db().queryOne("SELECT role FROM users WHERE id = ?", rs -> rs.getString(1), phoneOnly.id()).orElseThrow());
            // …after which production cannot list owners at all: the console says which role it could not read
            PeopleListing broken = gw.people();
            assertEquals(List.of(Role.ADMIN), broken.unreadable());
            assertTrue(broken.people().stream().noneMatch(p -> p.role() == Role.ADMIN), "the owners are missing, said so");

            // a deactivated superadmin is refused by the users module before the role is looked at
            s.db().update("UPDATE users SET is_active = FALSE WHERE id = ?", me);
            ApiException inactive = refused(() -> support.people().adminUsers("admin", 1, 20));
            assertEquals("Аккаунт деактивирован", inactive.serverMessage());
        }
    }

    @Test
    void theOperatorApisListingScopesAsProductionsListingsDo() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            JsonNode all = support.call("GET", "/api/v1/admin/people", null, JsonNode.class, ApiTransport.Auth.SESSION);
            assertEquals(users(s), all.path("total").asInt());
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            JsonNode own = owner.call("GET", "/api/v1/admin/people", null, JsonNode.class, ApiTransport.Auth.SESSION);
            String ownerId = owner.auth().profile().userId();
            for (JsonNode p : own.path("people")) {
                assertTrue(p.path("id").asText().equals(ownerId) || ownerId.equals(p.path("admin_id").asText()), p.toString());
            }
            EvPowerClient operator = Sandboxes.loggedIn(s, "+996700201001");
            assertEquals(403, refused(() -> operator.call("GET", "/api/v1/admin/people", null, JsonNode.class, ApiTransport.Auth.SESSION))
                    .httpStatus());
        }
    }

    @Test
    void everyPageOfOwnersIsRead() {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false))) {
            java.time.Instant now = java.time.Instant.now();
            for (int i = 0; i < 230; i++) { // three pages of production's largest (100)
                String id = java.util.UUID.randomUUID().toString();
                s.db().update("INSERT INTO users (id, email, role, is_active, created_at, updated_at) VALUES (?,?,'admin',TRUE,?,?)", id,
                        "bulk" + i + "@evpower.kg", now, now);
                s.db().update("INSERT INTO clients (id, email, name, balance, status, created_at, updated_at) VALUES (?,?,?,0,'active',?,?)", id,
                        "bulk" + i + "@evpower.kg", "Bulk " + i, now, now);
            }
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            PeopleListing all = gateway(s, support, RU).people();
            assertEquals(users(s), all.people().size());
            assertEquals(230, all.people().stream().filter(p -> p.email() != null && p.email().startsWith("bulk")).count());
        }
    }
}
