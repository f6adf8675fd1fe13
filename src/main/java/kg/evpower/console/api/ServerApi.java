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

    /** Reads {@code /openapi.json}: which paths the server offers, and whether it is a sandbox. */
    public ServerCapabilities capabilities() {
        JsonNode doc = t.call("GET", "/openapi.json", null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        Set<String> paths = new HashSet<>();
        boolean sandbox = false;
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String p = it.next();
            paths.add(p);
            sandbox |= p.startsWith("/_sandbox/");
        }
        return new ServerCapabilities(Set.copyOf(paths), sandbox);
    }
}
