package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * The sandbox's own helpers under {@code /_sandbox/} (demo accounts, the OTP production would send by WhatsApp). Used by the launcher and the tests only; the console's screens learn them through {@code platform.EmbeddedServer}.
 */
public final class SandboxApi {

    private final ApiTransport t;

    public SandboxApi(EvPowerClient client) {
        this(client.transport());
    }

    SandboxApi(ApiTransport t) {
        this.t = t;
    }

    /** The OTP code a sandbox generated for this phone (production sends it by WhatsApp instead). */
    public Optional<String> sandboxOtp(String phone) {
        try {
            return Optional.ofNullable(t.call("GET", "/_sandbox/otp?phone=" + ApiTransport.enc(phone), null, Dto.SandboxOtp.class, ApiTransport.Auth.PUBLIC).code());
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<Dto.SandboxAccount> sandboxAccounts() {
        Dto.SandboxAccounts r = t.call("GET", "/_sandbox/accounts", null, Dto.SandboxAccounts.class, ApiTransport.Auth.PUBLIC);
        return r.staff() == null ? List.of() : r.staff();
    }
}
