package kg.evpower.console.shell;

import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.Dto;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.i18n.ServerTexts;

/**
 * OTP login: phone validation, "send code" with the server's countdown, code entry, the server's messages shown as
 * given, and the role check (a plain client or a deactivated account is refused). Signing in ends with what the
 * server offers (its {@code /openapi.json}), so the main window knows its data sources. All I/O through the task
 * helper.
 */
public final class LoginViewModel {

    /** The field an error is about, so the view shows it under that field; null for the form as a whole. */
    public enum Field { PHONE, CODE }

    /** Why a signed-in person may not use the console (the session is already closed). */
    private static final class Refused extends IllegalStateException implements ErrorTexts.UserFacing {
        Refused(String text) {
            super(text);
        }
    }

    private final Messages m;
    private final Formats f;
    private final TaskExecutor tasks;
    private final LoginService server;
    private final Consumer<LoginService.SignedIn> onSignedIn;
    private final StringProperty phone = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final javafx.beans.property.ObjectProperty<Field> errorField = new javafx.beans.property.SimpleObjectProperty<>();
    private final StringProperty sandboxCode = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty codeSent = new SimpleBooleanProperty();
    private final BooleanProperty sandbox = new SimpleBooleanProperty();
    private final IntegerProperty countdown = new SimpleIntegerProperty();
    private final ObservableList<Dto.SandboxAccount> accounts = FXCollections.observableArrayList();
    private BackgroundTask.Handle ticker;

    public LoginViewModel(Messages m, Formats f, TaskExecutor tasks, LoginService server, Consumer<LoginService.SignedIn> onSignedIn) {
        this.m = m;
        this.f = f;
        this.tasks = tasks;
        this.server = server;
        this.onSignedIn = onSignedIn;
        this.sandbox.set(server.sandbox());
        if (server.sandbox()) {
            message.set(m.get("login.starting"));
            busy.set(true);
        }
    }

    /**
     * Connects: for the sandbox this starts it and lists the demo accounts. Called once the window is on screen, so
     * the server's start-up does not compete with the first frame.
     */
    public void start() {
        if (!server.sandbox()) {
            return;
        }
        BackgroundTask.of(server::demoAccounts).onSuccess(list -> {
            message.set(m.get("login.sandboxHint"));
            accounts.setAll(list);
        }).onFailure((text, e) -> fail(null, describe(e))).onFinished(() -> busy.set(false)).executeWith(tasks);
    }

    public StringProperty phoneProperty() {
        return phone;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Which field {@link #errorProperty()} is about (null: the form, or the server). */
    public javafx.beans.property.ReadOnlyObjectProperty<Field> errorFieldProperty() {
        return errorField;
    }

    private void fail(Field field, String text) {
        errorField.set(field);
        error.set(text);
    }

    /** A failure of a call about {@code field}: the server's answer about it there, a network or protocol failure for the form. */
    private void failed(Field field, Throwable e) {
        ApiException api = unwrap(e);
        boolean aboutTheField = api != null && (api.kind() == ApiException.Kind.BUSINESS || api.kind() == ApiException.Kind.VALIDATION
                || api.kind() == ApiException.Kind.RATE_LIMITED || api.kind() == ApiException.Kind.UNAUTHORIZED);
        fail(aboutTheField ? field : null, describe(e));
    }

    public StringProperty sandboxCodeProperty() {
        return sandboxCode;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty codeSentProperty() {
        return codeSent;
    }

    public BooleanProperty sandboxProperty() {
        return sandbox;
    }

    public IntegerProperty countdownProperty() {
        return countdown;
    }

    public ObservableList<Dto.SandboxAccount> accounts() {
        return accounts;
    }

    /** A demo account as the list shows it: phone, role, and the name on a second line. */
    public String accountText(Dto.SandboxAccount a) {
        return a == null ? null : a.phone() + " · " + f.role(Role.fromWire(a.role())) + (a.name() == null ? "" : "\n" + a.name());
    }

    /** "Get code", "Resend in N s" while the server's countdown runs, then "Resend". */
    public StringBinding sendText() {
        return Bindings.createStringBinding(() -> countdown.get() > 0 ? m.format("login.resendIn", countdown.get())
                : codeSent.get() ? m.get("login.resend") : m.get("login.send"), countdown, codeSent);
    }

    /** The phone as the server wants it, or null while it is not a valid Kyrgyz number. */
    public String normalizedPhone() {
        return Phones.normalize(phone.get());
    }

    public BooleanBinding canSend() {
        return Bindings.createBooleanBinding(() -> !busy.get() && countdown.get() == 0 && Phones.normalize(phone.get()) != null,
                busy, countdown, phone);
    }

    public BooleanBinding canVerify() {
        return Bindings.createBooleanBinding(() -> !busy.get() && codeSent.get() && code.get() != null
                && code.get().trim().matches("\\d{6}"), busy, codeSent, code);
    }

    public void sendCode() {
        String p = normalizedPhone();
        if (p == null) {
            fail(Field.PHONE, m.get("login.phone.invalid"));
            return;
        }
        phone.set(p); // «0555 123 456» and «555123456» are shown as the server gets them
        busy.set(true);
        fail(null, null);
        // a spent request budget holds the request for up to a minute: said, rather than a silent «sending»
        message.set(m.get(server.budgetSpent() ? "login.sending.waiting" : "login.sending"));
        BackgroundTask.of(() -> server.sendCode(p)).onSuccess(r -> {
            message.set(ServerTexts.say(m, r.message()));
            codeSent.set(true);
            sandboxCode.set(r.sandboxCode() == null ? null : m.format("login.sandboxCode", r.sandboxCode()));
            startCountdown(r.waitSeconds() == null ? 60 : r.waitSeconds());
        }).onFailure((text, e) -> {
            message.set(null);
            failed(Field.PHONE, e);
            ApiException api = unwrap(e);
            if (api != null && "rate_limit".equals(api.code())) {
                codeSent.set(true);
                startCountdown(parseSeconds(api.serverMessage()));
            }
        }).onFinished(() -> busy.set(false)).executeWith(tasks);
    }

    private void startCountdown(int seconds) {
        countdown.set(Math.max(0, seconds));
        stopTicker();
        if (countdown.get() > 0) {
            ticker = tasks.schedule(Duration.ofSeconds(1), true, () -> {
                countdown.set(Math.max(0, countdown.get() - 1));
                if (countdown.get() == 0) {
                    stopTicker(); // nothing left to count: a login screen that was left does not tick on
                }
            });
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel();
            ticker = null;
        }
    }

    private static int parseSeconds(String message) {
        if (message == null) {
            return 60;
        }
        String digits = message.replaceAll("[^0-9]", "");
        try {
            return digits.isEmpty() ? 60 : Math.min(3600, Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    public void verify() {
        String p = normalizedPhone();
        String c = code.get() == null ? "" : code.get().trim();
        if (p == null || !c.matches("\\d{6}")) {
            fail(p == null ? Field.PHONE : Field.CODE, p == null ? m.get("login.phone.invalid") : m.get("login.code.invalid"));
            return;
        }
        busy.set(true);
        fail(null, null);
        message.set(m.get("login.verifying"));
        BackgroundTask.of(() -> {
            LoginService.SignedIn in = server.signIn(p, c);
            UserAccount me = in.account();
            if (!me.role().isStaff() || !me.active()) {
                // the console is for staff: a client, or a deactivated account, is signed out again at once
                server.signOut(in);
                throw new Refused(m.get(me.role().isStaff() ? "login.inactive" : "login.clientRefused"));
            }
            return in;
        }).onSuccess(r -> {
            stopTicker();
            onSignedIn.accept(r);
        }).onFailure((text, e) -> {
            if (e instanceof Refused) {
                fail(null, text);
            } else {
                failed(Field.CODE, e);
            }
        }).onFinished(() -> {
            busy.set(false);
            message.set(null);
        }).executeWith(tasks);
    }

    /** Leaves the login screen: no countdown ticks on. */
    public void close() {
        stopTicker();
    }

    private static ApiException unwrap(Throwable t) {
        while (t != null) {
            if (t instanceof ApiException a) {
                return a;
            }
            t = t.getCause();
        }
        return null;
    }

    /** The server's own message when it gave one, else our explanation of the kind of failure. */
    public String describe(Throwable t) {
        ApiException a = unwrap(t);
        if (a == null) {
            return m.get("error.server");
        }
        if (a.serverMessage() != null && a.kind() != ApiException.Kind.NETWORK && a.kind() != ApiException.Kind.PROTOCOL) {
            return ServerTexts.say(m, a.serverMessage());
        }
        return ErrorTexts.of(m, a);
    }
}
