package kg.evpower.console.shell;

import kg.evpower.console.i18n.ErrorTexts;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.i18n.Messages;

/**
 * OTP login: phone validation, "send code" with the server's countdown, code entry, the server's messages shown as
 * given, and the role check (a plain client is refused). All I/O runs on {@code io}; results come back through
 * {@code fx}.
 */
public final class LoginViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoginViewModel.class);

    /** Signed in: the client holding the session and who it is. */
    public record SignedIn(EvPowerClient client, UserAccount account) {
    }

    /** What "send code" learnt: the server's answer, its countdown, and the code when the server is a sandbox. */
    private record Sent(Dto.OtpSend answer, Dto.OtpStatus status, String sandboxCode) {
    }

    private final Messages m;
    private final Executor io;
    private final Consumer<Runnable> fx;
    private final Supplier<CompletableFuture<EvPowerClient>> connect;
    private final Consumer<SignedIn> onSignedIn;
    private final StringProperty phone = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty sandboxCode = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty codeSent = new SimpleBooleanProperty();
    private final BooleanProperty sandbox = new SimpleBooleanProperty();
    private final IntegerProperty countdown = new SimpleIntegerProperty();
    private final ObservableList<Dto.SandboxAccount> accounts = FXCollections.observableArrayList();
    private final Timeline ticker;

    public LoginViewModel(Messages m, Executor io, Consumer<Runnable> fx, boolean sandboxProfile,
                          Supplier<CompletableFuture<EvPowerClient>> connect, Consumer<SignedIn> onSignedIn) {
        this.m = m;
        this.io = io;
        this.fx = fx;
        this.connect = connect;
        this.onSignedIn = onSignedIn;
        this.sandbox.set(sandboxProfile);
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            countdown.set(Math.max(0, countdown.get() - 1));
            if (countdown.get() == 0) {
                ticker().stop(); // nothing left to count: a login screen that was left does not tick on
            }
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        if (sandboxProfile) {
            message.set(m.get("login.starting"));
            busy.set(true);
        }
    }

    /**
     * Connects: for the sandbox this starts it and lists the demo accounts. Called once the window is on screen, so
     * the server's start-up does not compete with the first frame.
     */
    public void start() {
        if (sandbox.get()) {
            connect.get().whenComplete((client, err) -> {
                List<Dto.SandboxAccount> list = List.of();
                if (client != null) {
                    try {
                        list = client.sandboxAccounts();
                        LOG.info("sandbox answered at {}: {} demo accounts", client.baseUri(), list.size());
                    } catch (ApiException e) {
                        LOG.warn("the sandbox did not list its demo accounts: {}", e.getMessage());
                        list = List.of();
                    }
                }
                List<Dto.SandboxAccount> shown = list;
                fx.accept(() -> {
                    busy.set(false);
                    message.set(err == null ? m.get("login.sandboxHint") : null);
                    if (err != null) {
                        error.set(describe(err));
                    }
                    accounts.setAll(shown);
                });
            });
        }
    }

    private Timeline ticker() {
        return ticker;
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
            error.set(m.get("login.phone.invalid"));
            return;
        }
        busy.set(true);
        error.set(null);
        message.set(m.get("login.sending"));
        connect.get().thenApplyAsync(client -> {
            Dto.OtpSend sent = client.sendOtp(p);
            Dto.OtpStatus status = client.otpStatus(p);
            return new Sent(sent, status, sandbox.get() ? client.sandboxOtp(p).orElse(null) : null);
        }, io).whenComplete((r, err) -> fx.accept(() -> {
            busy.set(false);
            if (err != null) {
                message.set(null);
                error.set(describe(err));
                ApiException api = unwrap(err);
                if (api != null && "rate_limit".equals(api.code())) {
                    codeSent.set(true);
                    startCountdown(parseSeconds(api.serverMessage()));
                }
                return;
            }
            message.set(r.answer().message());
            codeSent.set(true);
            sandboxCode.set(r.sandboxCode() == null ? null : m.format("login.sandboxCode", r.sandboxCode()));
            startCountdown(r.status().waitSeconds() == null ? 60 : r.status().waitSeconds());
        }));
    }

    private void startCountdown(int seconds) {
        countdown.set(Math.max(0, seconds));
        ticker.playFromStart();
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
            error.set(p == null ? m.get("login.phone.invalid") : m.get("login.code.invalid"));
            return;
        }
        busy.set(true);
        error.set(null);
        message.set(m.get("login.verifying"));
        connect.get().thenApplyAsync(client -> {
            client.verifyOtp(p, c);
            UserAccount me = client.profile();
            if (!me.role().isStaff()) {
                client.logout();
            }
            return new SignedIn(client, me);
        }, io).whenComplete((r, err) -> fx.accept(() -> {
            busy.set(false);
            message.set(null);
            if (err != null) {
                error.set(describe(err));
                return;
            }
            if (!r.account().role().isStaff()) {
                error.set(m.get("login.clientRefused"));
                return;
            }
            if (!r.account().active()) {
                error.set(m.get("login.inactive"));
                r.client().logout();
                return;
            }
            ticker.stop();
            onSignedIn.accept(r);
        }));
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
            return a.serverMessage();
        }
        return ErrorTexts.of(m, a);
    }
}
