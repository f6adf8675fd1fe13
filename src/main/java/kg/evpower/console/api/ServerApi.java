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
 * What the server is: health, version, and which paths its {@code /openapi.json} offers.
 */
public final class ServerApi {

    private final ApiTransport t;

    ServerApi(ApiTransport t) {
        this.t = t;
    }

    public Dto.Health health() {
        return t.call("GET", "/health", null, Dto.Health.class, ApiTransport.Auth.PUBLIC);
    }

    public Dto.Version version() {
        return t.call("GET", "/version", null, Dto.Version.class, ApiTransport.Auth.PUBLIC);
    }

    /**
     * Reads {@code /openapi.json}: which paths the server offers, and whether it is a sandbox. With an operator gateway
     * beside the server, its document too: the paths it serves are asked of it from then on (the server's own take
     * the rest); a gateway that cannot be read leaves the server's paths alone, and {@link #gatewayProblem()} says why.
     */
    public ServerCapabilities capabilities() {
        JsonNode doc = t.call("GET", "/openapi.json", null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        Set<String> paths = new HashSet<>(paths(doc));
        boolean sandbox = paths.stream().anyMatch(p -> p.startsWith("/_sandbox/"));
        gatewayProblem = null;
        if (t.gatewayUri() != null) {
            try {
                Set<String> served = paths(t.gatewayGet("/openapi.json", JsonNode.class));
                t.gatewayServes(served);
                paths.addAll(served);
            } catch (ApiException e) {
                t.gatewayServes(Set.of());
                gatewayProblem = e;
            }
        }
        return new ServerCapabilities(Set.copyOf(paths), sandbox);
    }

    private volatile ApiException gatewayProblem;

    /** Why the operator gateway's document could not be read at the last {@link #capabilities()}, or null. */
    public ApiException gatewayProblem() {
        return gatewayProblem;
    }

    /** The operator gateway's {@code /health}, as it answers (its database, Redis, where statistics come from). */
    public JsonNode gatewayHealth() {
        return t.gatewayGet("/health", JsonNode.class);
    }

    private static Set<String> paths(JsonNode doc) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
