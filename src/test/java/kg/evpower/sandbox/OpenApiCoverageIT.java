package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} describes everything the sandbox serves, and nothing it does not. */
class OpenApiCoverageIT {

    private static SandboxServer server;
    private static JsonNode doc;
    private static SandboxServer productionOnly;
    private static JsonNode productionDoc;

    @BeforeAll
    static void start() throws Exception {
        server = Sandboxes.start(Sandboxes.quiet());
        doc = fetch(server);
        productionOnly = Sandboxes.start(Sandboxes.quiet().withOperatorApi(false));
        productionDoc = fetch(productionOnly);
    }

    private static JsonNode fetch(SandboxServer server) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return new ObjectMapper().readTree(r.body());
    }

    @AfterAll
    static void stop() {
        server.close();
        productionOnly.close();
    }

    private static String shape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("<[^>]*>", "{}");
    }

    private static Set<String> documented(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                out.add(method.toUpperCase(Locale.ROOT) + " " + shape(p.getKey()));
            }
        }));
        return out;
    }

    private static Set<String> served(SandboxServer server) {
        Set<String> out = new TreeSet<>();
        for (String r : server.routes()) {
            String[] mp = r.split(" ", 2);
            // a WebSocket is documented as the GET of its upgrade request
            out.add((mp[0].equals("WS") ? "GET" : mp[0]) + " " + shape(mp[1]));
        }
        return out;
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        assertSameRoutes(served(server), documented(doc));
        assertTrue(documented(doc).contains("GET /api/v1/admin/stations"));
    }

    @Test
    void aProductionOnlySandboxServesAndDocumentsNoOperatorApi() {
        assertSameRoutes(served(productionOnly), documented(productionDoc));
        productionDoc.path("paths").fields().forEachRemaining(p -> p.getValue().forEach(op ->
                assertTrue(!op.path("x-operator-api").asBoolean(false), p.getKey())));
        assertTrue(!documented(productionDoc).contains("GET /api/v1/admin/stations"));
        assertTrue(documented(productionDoc).contains("GET /api/v1/locations"));
    }

    private static void assertSameRoutes(Set<String> served, Set<String> documented) {
        assertTrue(served.size() > 30, "routes were recorded: " + served);
        List<String> undocumented = new ArrayList<>(served);
        undocumented.removeAll(documented);
        List<String> phantom = new ArrayList<>(documented);
        phantom.removeAll(served);
        assertEquals(List.of(), undocumented, "served but not in /openapi.json");
        assertEquals(List.of(), phantom, "in /openapi.json but not served");
    }

    @Test
    void sandboxOnlyAndOperatorApiPathsAreMarked() {
        doc.path("paths").fields().forEachRemaining(p -> {
            for (JsonNode op : p.getValue()) {
                if (!op.isObject()) {
                    continue;
                }
                boolean sandboxOnly = op.path("x-sandbox-only").asBoolean(false);
                assertEquals(p.getKey().startsWith("/_sandbox/"), sandboxOnly, p.getKey() + " x-sandbox-only");
                if (p.getKey().equals("/api/v1/admin/stations")) {
                    assertTrue(op.path("x-operator-api").asBoolean(false), p.getKey() + " x-operator-api");
                }
            }
        });
    }
}
