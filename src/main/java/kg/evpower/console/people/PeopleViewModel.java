package kg.evpower.console.people;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.shell.Phones;

/**
 * The people screen's state and decisions: everyone the signed-in person may manage (the shared list, read through the
 * gateway), the chosen person's detail in words, which actions the role allows on them and why not, the questions to
 * ask before access is taken away, the forms' checks as the server makes them, and after every action the server's
 * answer and the list as the server holds it then — whether the action worked or not, so nothing is left half-known.
 * Superadmins manage owners, support staff and any operator; an owner adds, deactivates and re-activates their own
 * operators; operators are not given the screen (production lets them read neither listing).
 */
public final class PeopleViewModel {

    /** One line of the detail panel: what, and its value. */
    public record Line(String label, String value) {
    }

    /**
     * The chosen person in words: name, the lines (contact, role, status, created, stations, locations, owner or
     * operators), and a warning when there is one to give (a deactivated person who can still sign in by code).
     */
    public record Detail(String name, List<Line> lines, String warning) {
    }

    private final Messages m;
    private final Formats f;
    private final PeopleGateway gateway;
    private final TaskExecutor tasks;
    private final UserAccount me;
    private final PeopleListViewModel list;
    private final ObjectProperty<Detail> detail = new SimpleObjectProperty<>();
    private final StringProperty actionStatus = new SimpleStringProperty("");
    private final BooleanProperty actionFailed = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private boolean ownersKnown = true;

    public PeopleViewModel(Messages m, Formats f, PeopleGateway gateway, TaskExecutor tasks, UserAccount me) {
        this.m = m;
        this.f = f;
        this.gateway = gateway;
        this.tasks = tasks;
        this.me = me;
        this.list = new PeopleListViewModel(m, f);
        list.selectedProperty().addListener((o, a, b) -> detail.set(b == null ? null : describe(b)));
    }

    public PeopleListViewModel list() {
        return list;
    }

    /** Reads everyone again; the chosen person stays chosen, as the server now has them. */
    public void reload() {
        list.loading();
        BackgroundTask.of(gateway::people).onSuccess(this::show).onFailure((text, e) -> list.failed(text)).executeWith(tasks);
    }

    private void show(PeopleListing listing) {
        ownersKnown = listing.ownersKnown();
        list.show(listing);
        StaffMember now = list.selectedProperty().get();
        detail.set(now == null ? null : describe(now));
    }

    // ---- what the role allows -----------------------------------------------------------------------------------

    public boolean superadmin() {
        return me.role() == Role.SUPERADMIN;
    }

    /** A superadmin creates owners and support staff (email and password). */
    public boolean canCreateStaff() {
        return superadmin();
    }

    /** An owner adds operators of their own by phone. */
    public boolean canAddOperator() {
        return me.role() == Role.ADMIN;
    }

    private boolean mine(StaffMember p) {
        return superadmin() || me.role() == Role.ADMIN && p.role() == Role.OPERATOR && me.userId().equals(p.ownerId());
    }

    /** Whether the signed-in person may take access away from {@code p} or give it back: never their own. */
    public boolean canSetActive(StaffMember p) {
        return p != null && !p.id().equals(me.userId()) && mine(p);
    }

    /**
     * The roles {@code p} may be given: a superadmin changes anyone but themselves between owner and support staff, as
     * long as the account has an email — production fails every users listing of a role (500) once someone without an
     * email has it, and answers a change to such an account with a 500 too (contract §2.5).
     */
    public List<Role> rolesFor(StaffMember p) {
        if (p == null || !superadmin() || p.id().equals(me.userId()) || !p.hasEmail()) {
            return List.of();
        }
        List<Role> out = new ArrayList<>(List.of(Role.ADMIN, Role.SUPERADMIN));
        out.remove(p.role());
        return out;
    }

    /** Why the role of {@code p} cannot be changed here, or null when it can (or it is not the caller's to change). */
    public String roleNote(StaffMember p) {
        if (p == null || !superadmin()) {
            return null;
        }
        if (p.id().equals(me.userId())) {
            return m.get("people.note.self");
        }
        return p.hasEmail() ? null : m.get("people.note.noEmail");
    }

    public BooleanBinding deactivatable() {
        return Bindings.createBooleanBinding(() -> {
            StaffMember p = list.selectedProperty().get();
            return !busy.get() && canSetActive(p) && p.active();
        }, list.selectedProperty(), busy);
    }

    public BooleanBinding activatable() {
        return Bindings.createBooleanBinding(() -> {
            StaffMember p = list.selectedProperty().get();
            return !busy.get() && canSetActive(p) && !p.active();
        }, list.selectedProperty(), busy);
    }

    // ---- the detail ------------------------------------------------------------------------------------------------

    Detail describe(StaffMember p) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(m.get("people.detail.contact"), p.contact().isEmpty() ? "—" : p.contact()));
        lines.add(new Line(m.get("people.detail.role"), f.role(p.role())));
        lines.add(new Line(m.get("people.detail.status"), m.get(p.active() ? "people.detail.active" : "people.detail.inactive")));
        lines.add(new Line(m.get("people.detail.created"), p.created() == null ? "—" : f.dateTime(p.created())));
        lines.add(new Line(m.get("people.detail.stations"), p.stations() == null ? "—" : String.valueOf(p.stations())));
        lines.add(new Line(m.get("people.detail.locations"), p.locations() == null ? "—" : String.valueOf(p.locations())));
        lines.add(new Line(m.get("people.detail.signIn"), m.get(p.hasPhone() ? "people.detail.signIn.code"
                : p.hasEmail() ? "people.detail.signIn.password" : "people.detail.signIn.none")));
        if (p.role() == Role.OPERATOR) {
            lines.add(new Line(m.get("people.detail.owner"), ownerOf(p)));
        } else if (p.role() == Role.ADMIN) {
            lines.add(new Line(m.get("people.detail.operators"), operatorsOf(p)));
        }
        String warning = !p.active() && p.hasPhone() ? m.format("people.warn.canStillSignIn", p.displayName()) : null;
        return new Detail(p.displayName(), lines, warning);
    }

    private String ownerOf(StaffMember operator) {
        if (operator.ownerId() == null) {
            return m.get(ownersKnown ? "people.detail.owner.none" : "people.detail.owner.unknown");
        }
        if (operator.ownerId().equals(me.userId())) {
            return m.get("people.detail.owner.you");
        }
        StaffMember owner = list.byId(operator.ownerId());
        return owner == null ? operator.ownerId() : owner.displayName();
    }

    private String operatorsOf(StaffMember owner) {
        if (!ownersKnown && !owner.id().equals(me.userId())) {
            return m.get("people.detail.operators.unknown");
        }
        List<String> names = list.all().stream().filter(s -> s.role() == Role.OPERATOR && owner.id().equals(s.ownerId()))
                .map(s -> s.displayName() + (s.active() ? "" : " " + m.get("people.list.inactive"))).toList();
        return names.isEmpty() ? m.get("people.detail.operators.none") : String.join(", ", names);
    }

    // ---- questions before access is taken away ----------------------------------------------------------------------

    /**
     * What to ask before {@code p} is deactivated: what they lose, and that production does not check it at sign-in by
     * WhatsApp code, so someone with a phone can still sign in and read (contract §2.2).
     */
    public String deactivationQuestion(StaffMember p) {
        String q = m.format("people.confirm.deactivate", p.displayName());
        return p.hasPhone() ? q + "\n\n" + m.format("people.warn.canStillSignIn", p.displayName()) : q;
    }

    /** What to ask before {@code p} gets {@code role}; taking support staff rights away says so. */
    public String roleQuestion(StaffMember p, Role role) {
        String q = m.format("people.confirm.role", p.displayName(), f.role(p.role()), f.role(role));
        return p.role() == Role.SUPERADMIN ? q + "\n\n" + m.format("people.confirm.role.losesSupport", p.displayName())
                : role == Role.SUPERADMIN ? q + "\n\n" + m.format("people.confirm.role.getsSupport", p.displayName()) : q;
    }

    // ---- actions -----------------------------------------------------------------------------------------------------

    /** Deactivates the chosen person (after the view asked {@link #deactivationQuestion}). */
    public void deactivate() {
        StaffMember p = list.selectedProperty().get();
        if (canSetActive(p)) {
            act(() -> gateway.setActive(p, false));
        }
    }

    public void activate() {
        StaffMember p = list.selectedProperty().get();
        if (canSetActive(p)) {
            act(() -> gateway.setActive(p, true));
        }
    }

    public void changeRole(Role role) {
        StaffMember p = list.selectedProperty().get();
        if (rolesFor(p).contains(role)) {
            act(() -> gateway.changeRole(p, role));
        }
    }

    /** Creates an owner or a member of support staff; the form is checked first, nothing is sent while it has a problem. */
    public boolean createStaff(String email, String password, Role role, String name) {
        if (!canCreateStaff() || emailProblem(email) != null || passwordProblem(password) != null
                || role != Role.ADMIN && role != Role.SUPERADMIN) {
            return false;
        }
        act(() -> gateway.createStaff(email.strip(), password, role, blankToNull(name)));
        return true;
    }

    /** Adds an operator by phone, normalised to {@code +996…}; nothing is sent while the phone is not one. */
    public boolean addOperator(String phone, String name) {
        String normalised = Phones.normalize(phone);
        if (!canAddOperator() || normalised == null) {
            return false;
        }
        act(() -> gateway.addOperator(normalised, blankToNull(name)));
        return true;
    }

    /** Runs one action; whatever it answers, the list is read again so it shows what the server holds. */
    private void act(Supplier<String> action) {
        busy.set(true);
        actionFailed.set(false);
        actionStatus.set(m.get("people.working"));
        BackgroundTask.of(action::get).onSuccess(said -> {
            busy.set(false);
            actionStatus.set(said);
            reload();
        }).onFailure((text, e) -> {
            busy.set(false);
            actionFailed.set(true);
            actionStatus.set(text);
            reload();
        }).executeWith(tasks);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- the forms' checks, as the server makes them ----------------------------------------------------------------

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");

    /** Production's {@code EmailStr}: a mailbox at a domain with a dot; null when fine. */
    public String emailProblem(String email) {
        return email != null && EMAIL.matcher(email.strip()).matches() ? null : m.get("people.form.email.bad");
    }

    /** Production's password rule: at least 8 characters. */
    public String passwordProblem(String password) {
        return password != null && password.length() >= 8 ? null : m.get("people.form.password.short");
    }

    /** A Kyrgyz mobile number, any way it is written ("0555 12 34 56", "+996 555 123456"). */
    public String phoneProblem(String phone) {
        return Phones.normalize(phone) != null ? null : m.get("people.form.phone.bad");
    }

    /** The number as it will be sent ("+996555123456"), or "" while it is not one. */
    public String normalisedPhone(String phone) {
        String n = Phones.normalize(phone);
        return n == null ? "" : n;
    }

    // ---- properties --------------------------------------------------------------------------------------------------

    public ObjectProperty<Detail> detailProperty() {
        return detail;
    }

    public StringProperty actionStatusProperty() {
        return actionStatus;
    }

    public BooleanProperty actionFailedProperty() {
        return actionFailed;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
