package kg.evpower.sandbox.world.stations;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import kg.evpower.sandbox.server.http.Json;

/**
 * Sandbox-only: {@code GET|POST /_sandbox/stations/{id}/answers} says, or sets, whether a simulated charger answers the
 * commands sent to it ({@code {"silent": true}}: it never answers, and the command times out).
 */
public final class ChargePointRoutes {

    private final ChargePointSimulator chargePoints;

    public ChargePointRoutes(ChargePointSimulator chargePoints) {
        this.chargePoints = chargePoints;
    }

    public void install(Javalin app) {
        app.get("/_sandbox/stations/{id}/answers", this::show);
        app.post("/_sandbox/stations/{id}/answers", this::set);
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(Json.obj("success", true, "station_id", id, "silent", chargePoints.silent(id)));
    }

    private void set(Context ctx) {
        JsonNode body = Json.body(ctx);
        chargePoints.setSilent(ctx.pathParam("id"), body.path("silent").asBoolean(false));
        show(ctx);
    }
}
