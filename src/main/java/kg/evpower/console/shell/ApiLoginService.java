package kg.evpower.console.shell;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.platform.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The login over the server's API: WhatsApp OTP (the sandbox shows its code), {@code /profile}, {@code /openapi.json}. */
public final class ApiLoginService implements LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiLoginService.class);

    private final Supplier<CompletableFuture<EvPowerClient>> connect;
    private final EmbeddedServer embedded;

    /** {@code embedded} is the built-in sandbox when that is the chosen server, else null. */
    public ApiLoginService(Supplier<CompletableFuture<EvPowerClient>> connect, EmbeddedServer embedded) {
        this.connect = connect;
        this.embedded = embedded;
    }

    private EvPowerClient client() {
        return connect.get().join();
    }

    @Override
    public boolean budgetSpent() {
        CompletableFuture<EvPowerClient> c = connect.get();
        if (!c.isDone() || c.isCompletedExceptionally()) {
            return false;
        }
        EvPowerClient client = c.join();
        return client.budget().inWindow() >= client.budget().perWindow();
    }

    @Override
    public boolean sandbox() {
        return embedded != null;
    }

    @Override
    public List<Dto.SandboxAccount> demoAccounts() {
        EvPowerClient client = client();
        try {
            List<Dto.SandboxAccount> list = embedded.demoAccounts();
            LOG.info("sandbox answered at {}: {} demo accounts", client.baseUri(), list.size());
            return list;
        } catch (ApiException e) {
            LOG.warn("the sandbox did not list its demo accounts: {}", e.getMessage());
            return List.of();
        }
    }

    @Override
    public CodeSent sendCode(String phone) {
        EvPowerClient client = client();
        Dto.OtpSend sent = client.auth().sendOtp(phone);
        Dto.OtpStatus status = client.auth().otpStatus(phone);
        return new CodeSent(sent.message(), status.waitSeconds(), embedded != null ? embedded.otpCode(phone).orElse(null) : null);
    }

    @Override
    public SignedIn signIn(String phone, String code) {
        EvPowerClient client = client();
        client.auth().verifyOtp(phone, code);
        UserAccount me = client.auth().profile();
        ServerCapabilities caps;
        try {
            caps = client.server().capabilities();
        } catch (ApiException e) {
            LOG.info("the server's offer is unknown ({}): the public API only", e.getMessage());
            caps = ServerCapabilities.unknown();
        }
        return new SignedIn(client, me, caps);
    }

    @Override
    public void signOut(SignedIn session) {
        session.client().auth().logout();
    }
}
