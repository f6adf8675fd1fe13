package kg.evpower.sandbox.server.http;

import kg.evpower.sandbox.server.store.Presence;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** {@code /}, {@code /health}, {@code /readyz}, {@code /version} and {@code /openapi.json} (contract §3.8). */
public final class SystemRoutes {

    private final Presence presence;
    private final boolean operatorApi;
    private final String openApi;
    private final Instant started = Instant.now();

    public SystemRoutes(Presence presence, boolean operatorApi) {
        this.presence = presence;
        this.operatorApi = operatorApi;
        this.openApi = operatorApi ? document() : withoutOperatorApi(document());
    }

    /** The OpenAPI document as the class path holds it. */
    static String document() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/kg/evpower/sandbox/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a server with only today's production API would publish it: operator-API paths removed. */
    static String withoutOperatorApi(String doc) {
        return filtered(doc, (path, operations) -> {
            for (com.fasterxml.jackson.databind.JsonNode op : operations) {
                if (op.path("x-operator-api").asBoolean(false)) {
                    return false;
                }
            }
            return true;
        }, null);
    }

    /** The document with only the paths {@code keep} accepts (path, its operations), under another title when given. */
    public static String documentWith(java.util.function.BiPredicate<String, com.fasterxml.jackson.databind.JsonNode> keep, String title) {
        return filtered(document(), keep, title);
    }

    private static String filtered(String doc, java.util.function.BiPredicate<String, com.fasterxml.jackson.databind.JsonNode> keep,
                                   String title) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(doc);
            com.fasterxml.jackson.databind.node.ObjectNode paths = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("paths");
            List<String> drop = new java.util.ArrayList<>();
            paths.fields().forEachRemaining(p -> {
                if (!keep.test(p.getKey(), p.getValue())) {
                    drop.add(p.getKey());
                }
            });
            paths.remove(drop);
            if (title != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("info")).put("title", title);
            }
            return Json.MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void install(Javalin app) {
        app.get("/", ctx -> ctx.json(Json.obj("service", "EvPower OCPP WebSocket Server", "version", "1.0.0",
                "status", "running", "sandbox", true)));
        app.get("/health", this::health);
        app.get("/health-force", this::health);
        app.get("/readyz", ctx -> ctx.json(Json.obj("status", "ready")));
        app.get("/version", ctx -> ctx.json(Json.obj("success", true, "version", "1.0.0", "git_commit", "sandbox",
                "build_time", Wire.iso(started))));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void health(Context ctx) {
        ctx.json(Json.obj("status", "healthy", "service", "EvPower OCPP WebSocket Server", "version", "1.0.0",
                "redis", "connected", "connected_stations", presence.onlineCount(),
                "endpoints", List.of("/api/v1/locations", "/api/v1/ws/locations", "/api/v1/station/status/{id}"),
                "note", "EvPower sandbox: simulated network, no real stations", "sandbox", true));
    }
}
