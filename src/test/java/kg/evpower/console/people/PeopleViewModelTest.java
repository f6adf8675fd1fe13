package kg.evpower.console.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** The people screen's decisions without a stage: who may do what to whom, the detail in words, the questions, the forms. */
class PeopleViewModelTest {

    private static final Instant CREATED = Instant.parse("2026-11-02T06:00:00Z");
    private final Messages m = new Messages("en");
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));

    static final UserAccount SUPPORT = new UserAccount("sa", "+996700000001", "Support", "support@evpower.kg", Role.SUPERADMIN, null, true, 0, 0);
    static final UserAccount OWNER = new UserAccount("o1", "+996700100001", "Owner One", "owner1@evpower.kg", Role.ADMIN, null, true, 5, 2);

    /** A server that keeps its people and records what it was asked. */
    static final class FakeServer implements PeopleGateway {
        final Map<String, StaffMember> people = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();
        boolean ownersKnown = true;
        RuntimeException refuse;
        int reads;

        FakeServer() {
            add(new StaffMember("sa", "Support", "support@evpower.kg", "+996700000001", Role.SUPERADMIN, true, 0, 0, CREATED, null));
            add(new StaffMember("o1", "Owner One", "owner1@evpower.kg", "+996700100001", Role.ADMIN, true, 5, 2, CREATED, null));
            add(new StaffMember("o2", "Owner Two", "owner2@evpower.kg", null, Role.ADMIN, true, 3, 1, CREATED, null));
            add(new StaffMember("op1", "Aibek", null, "+996700201001", Role.OPERATOR, true, null, null, null, "o1"));
            add(new StaffMember("op2", "Asel", null, "+996700201002", Role.OPERATOR, false, null, null, null, "o1"));
            add(new StaffMember("op3", "Bakyt", null, "+996700202001", Role.OPERATOR, true, null, null, null, "o2"));
        }

        void add(StaffMember s) {
            people.put(s.id(), s);
        }

        @Override
        public PeopleListing people() {
            reads++;
            return new PeopleListing(new ArrayList<>(people.values()), List.of(), ownersKnown);
        }

        private void check() {
            if (refuse != null) {
                throw refuse;
            }
        }

        @Override
        public String createStaff(String email, String password, Role role, String name) {
            asked.add("create " + email + " " + role + " " + name);
            check();
            add(new StaffMember("new", name, email, null, role, true, 0, 0, CREATED, null));
            return "Created: " + email;
        }

        @Override
        public String addOperator(String phone, String name) {
            asked.add("operator " + phone + " " + name);
            check();
            add(new StaffMember("opN", name, null, phone, Role.OPERATOR, true, null, null, null, "o1"));
            return "Operator added";
        }

        @Override
        public String changeRole(StaffMember person, Role role) {
            asked.add("role " + person.id() + " " + role);
            check();
            StaffMember p = people.get(person.id());
            add(new StaffMember(p.id(), p.name(), p.email(), p.phone(), role, p.active(), p.stations(), p.locations(), p.created(), p.ownerId()));
            return "role changed";
        }

        @Override
        public String setActive(StaffMember person, boolean active) {
            asked.add((active ? "activate " : "deactivate ") + person.id());
            check();
            StaffMember p = people.get(person.id());
            add(new StaffMember(p.id(), p.name(), p.email(), p.phone(), p.role(), active, p.stations(), p.locations(), p.created(), p.ownerId()));
            return active ? "Activated" : "Operator deactivated";
        }
    }

    private PeopleViewModel vm(FakeServer server, UserAccount me) {
        PeopleViewModel vm = new PeopleViewModel(m, new Formats(m), server, tasks, me);
        vm.reload();
        return vm;
    }

    private static void choose(PeopleViewModel vm, String id) {
        vm.list().selectedProperty().set(vm.list().byId(id));
    }

    private static String line(PeopleViewModel vm, String label) {
        return vm.detailProperty().get().lines().stream().filter(l -> l.label().equals(label)).map(PeopleViewModel.Line::value).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + label + " in " + vm.detailProperty().get()));
    }

    @Test
    void supportManagesEveryoneButThemselvesAndChangesRolesOnlyOfAccountsWithAnEmail() {
        FakeServer server = new FakeServer();
        PeopleViewModel vm = vm(server, SUPPORT);
        assertEquals(6, vm.list().shown().size());
        assertTrue(vm.canCreateStaff());
        assertFalse(vm.canAddOperator(), "support staff create owners and staff; operators are added by their owner");
        StaffMember self = vm.list().byId("sa");
        assertFalse(vm.canSetActive(self));
        assertEquals(List.of(), vm.rolesFor(self));
        assertEquals(m.get("people.note.self"), vm.roleNote(self));
        assertEquals(List.of(Role.SUPERADMIN), vm.rolesFor(vm.list().byId("o2")));
        assertTrue(vm.canSetActive(vm.list().byId("op3")), "any operator");
        StaffMember phoneOnly = vm.list().byId("op1");
        assertEquals(List.of(), vm.rolesFor(phoneOnly), "an account without email would break the users listing of its new role");
        assertEquals(m.get("people.note.noEmail"), vm.roleNote(phoneOnly));

        choose(vm, "o2");
        assertTrue(vm.deactivatable().get());
        assertFalse(vm.activatable().get());
        String q = vm.roleQuestion(vm.list().byId("o2"), Role.SUPERADMIN);
        assertTrue(q.startsWith("Change the role of Owner Two: Owner → Support?"), q);
        assertTrue(q.contains("gets support staff's rights"), q);
        vm.changeRole(Role.SUPERADMIN);
        assertEquals(List.of("role o2 SUPERADMIN"), server.asked);
        assertEquals("role changed", vm.actionStatusProperty().get());
        assertEquals(Role.SUPERADMIN, vm.list().selectedProperty().get().role(), "the list shows what the server holds after the call");
        vm.changeRole(Role.ADMIN);
        vm.changeRole(Role.OPERATOR); // not offered: nothing sent
        assertEquals(List.of("role o2 SUPERADMIN", "role o2 ADMIN"), server.asked);
    }

    @Test
    void anOwnerManagesOnlyTheirOwnOperators() {
        FakeServer server = new FakeServer();
        server.people.remove("sa");
        server.people.remove("o2");
        server.people.remove("op3");
        PeopleViewModel vm = vm(server, OWNER);
        assertFalse(vm.canCreateStaff());
        assertTrue(vm.canAddOperator());
        assertFalse(vm.canSetActive(vm.list().byId("o1")), "not themselves");
        assertTrue(vm.canSetActive(vm.list().byId("op1")));
        StaffMember foreign = new StaffMember("op9", "Foreign", null, "+996700209001", Role.OPERATOR, true, null, null, null, "o2");
        assertFalse(vm.canSetActive(foreign), "another owner's operator");
        assertEquals(List.of(), vm.rolesFor(vm.list().byId("op1")), "owners change no roles");
        assertNull(vm.roleNote(vm.list().byId("op1")));

        choose(vm, "op2");
        assertFalse(vm.deactivatable().get());
        assertTrue(vm.activatable().get());
        vm.activate();
        assertEquals("Activated", vm.actionStatusProperty().get());
        assertTrue(vm.list().selectedProperty().get().active());
        assertFalse(vm.activatable().get());
        assertTrue(vm.deactivatable().get());
    }

    @Test
    void theDetailSaysWhoseOperatorWhenItIsKnownAndThatADeactivatedOperatorCanStillSignIn() {
        FakeServer server = new FakeServer();
        PeopleViewModel vm = vm(server, SUPPORT);
        choose(vm, "o1");
        assertEquals("Aibek, Asel (deactivated)", line(vm, m.get("people.detail.operators")));
        assertEquals("owner1@evpower.kg · +996700100001", line(vm, m.get("people.detail.contact")));
        assertEquals("5", line(vm, m.get("people.detail.stations")));
        choose(vm, "op2");
        assertEquals("Owner One", line(vm, m.get("people.detail.owner")));
        assertEquals(m.get("people.detail.signIn.code"), line(vm, m.get("people.detail.signIn")));
        assertEquals("—", line(vm, m.get("people.detail.created")), "the operators listing has no creation time");
        assertEquals(m.format("people.warn.canStillSignIn", "Asel"), vm.detailProperty().get().warning());
        choose(vm, "o2");
        assertEquals(m.get("people.detail.signIn.password"), line(vm, m.get("people.detail.signIn")));
        assertNull(vm.detailProperty().get().warning());

        // production's operators listing names no owner: said so, not guessed
        server.ownersKnown = false;
        server.add(new StaffMember("op1", "Aibek", null, "+996700201001", Role.OPERATOR, true, null, null, null, null));
        vm.reload();
        choose(vm, "op1");
        assertEquals(m.get("people.detail.owner.unknown"), line(vm, m.get("people.detail.owner")));
        choose(vm, "o2");
        assertEquals(m.get("people.detail.operators.unknown"), line(vm, m.get("people.detail.operators")));
        // an owner's own operators are known to be theirs
        PeopleViewModel owner = vm(server, OWNER);
        choose(owner, "op2");
        assertEquals(m.get("people.detail.owner.you"), line(owner, m.get("people.detail.owner")));
    }

    @Test
    void deactivatingAsksFirstAndWarnsThatACodeStillSignsThemIn_afterAnyAnswerTheListIsReadAgain() {
        FakeServer server = new FakeServer();
        PeopleViewModel vm = vm(server, SUPPORT);
        String q = vm.deactivationQuestion(vm.list().byId("op1"));
        assertTrue(q.startsWith("Deactivate Aibek?"), q);
        assertTrue(q.contains("can still sign in and read stations and sessions"), q);
        assertFalse(vm.deactivationQuestion(vm.list().byId("o2")).contains("still sign in"), "no phone: no code to sign in with");

        choose(vm, "op1");
        int reads = server.reads;
        vm.deactivate();
        assertEquals(List.of("deactivate op1"), server.asked);
        assertEquals("Operator deactivated", vm.actionStatusProperty().get());
        assertFalse(vm.actionFailedProperty().get());
        assertEquals(reads + 1, server.reads, "the list as the server holds it after the call");
        assertFalse(vm.list().selectedProperty().get().active());
        assertEquals(m.format("people.warn.canStillSignIn", "Aibek"), vm.detailProperty().get().warning());

        // a refusal is said, and the list is read again all the same
        server.refuse = new PeopleGateway.Failure("This is not your operator", null);
        vm.activate();
        assertTrue(vm.actionFailedProperty().get());
        assertEquals("This is not your operator", vm.actionStatusProperty().get());
        assertEquals(reads + 2, server.reads);
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void formsAreCheckedAsTheServerChecksThem_andNothingIsSentWhileTheyAreWrong() {
        FakeServer server = new FakeServer();
        PeopleViewModel vm = vm(server, SUPPORT);
        assertEquals(m.get("people.form.email.bad"), vm.emailProblem("owner@localhost"));
        assertEquals(m.get("people.form.email.bad"), vm.emailProblem("no at sign"));
        assertNull(vm.emailProblem(" new.owner@evpower.kg "));
        assertEquals(m.get("people.form.password.short"), vm.passwordProblem("1234567"));
        assertNull(vm.passwordProblem("12345678"));
        assertFalse(vm.createStaff("new@evpower.kg", "short", Role.ADMIN, "New"));
        assertFalse(vm.createStaff("new@evpower.kg", "long enough", Role.OPERATOR, "New"), "support create owners and staff, not operators");
        assertEquals(List.of(), server.asked);
        assertTrue(vm.createStaff(" new@evpower.kg ", "long enough", Role.ADMIN, "  "));
        assertEquals(List.of("create new@evpower.kg ADMIN null"), server.asked);
        assertEquals("Created: new@evpower.kg", vm.actionStatusProperty().get());
        assertFalse(vm.addOperator("+996555123456", "x"), "support staff add no operators");

        PeopleViewModel owner = vm(server, OWNER);
        assertEquals(m.get("people.form.phone.bad"), owner.phoneProblem("12345"));
        assertEquals(m.get("people.form.phone.bad"), owner.phoneProblem("+7 999 123 45 67"));
        assertNull(owner.phoneProblem("0555 12 34 56"));
        assertEquals("+996555123456", owner.normalisedPhone("0555 12 34 56"));
        assertEquals("", owner.normalisedPhone("12"));
        assertFalse(owner.addOperator("12345", "Nobody"));
        assertTrue(owner.addOperator("(0555) 12-34-56", " Aziz "));
        assertEquals("operator +996555123456 Aziz", server.asked.get(server.asked.size() - 1));
        assertTrue(owner.list().all().stream().anyMatch(s -> "+996555123456".equals(s.phone())), "the new operator is listed");
    }
}
