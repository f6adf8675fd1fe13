package kg.evpower.sandbox.world.money;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.http.Json;
import kg.evpower.sandbox.server.payments.OdengiEmulator;
import kg.evpower.sandbox.server.store.Database;

/**
 * O!Dengi's JSON API as a merchant's server calls it ({@code ODENGI_API_URL}, {@code …/api/json/json.php} in
 * production): one POST with {@code cmd, version, sid, mktime, lang, data, hash}, the hash checked as production signs
 * it ({@link OdengiEmulator#hash}) with the sandbox merchant's password. Only {@code statusPayment} is answered — what
 * the operator gateway's recheck asks: {@code data.status} processing|approved|canceled and, once paid,
 * {@code data.amount} in tyiyn, as production's {@code payment_provider_service.py} reads it. The answers to a bad
 * merchant, a bad hash or an unknown invoice are the sandbox's own (O!Dengi's are not documented in the backend).
 */
public final class OdengiApiRoutes {

    public static final String PATH = "/_sandbox/odengi/api/json/json.php";

    private final Database db;
    private final OdengiEmulator odengi;
    private final Supplier<Instant> clock;

    public OdengiApiRoutes(Database db, OdengiEmulator odengi, Supplier<Instant> clock) {
        this.db = db;
        this.odengi = odengi;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.post(PATH, this::call);
    }

    private void call(Context ctx) {
        JsonNode req = Json.body(ctx);
        if (!OdengiEmulator.MERCHANT_ID.equals(req.path("sid").asText())) {
            ctx.json(error(1, "unknown merchant"));
            return;
        }
        if (!OdengiEmulator.hash(req, OdengiEmulator.MERCHANT_PASSWORD).equals(req.path("hash").asText())) {
            ctx.json(error(2, "hash mismatch"));
            return;
        }
        if (!"statusPayment".equals(req.path("cmd").asText())) {
            ctx.json(error(3, "command not available in the sandbox: " + req.path("cmd").asText()));
            return;
        }
        String invoice = req.path("data").path("invoice_id").asText();
        Optional<OdengiEmulator.Status> st = db.tx(c -> odengi.statusPayment(c, invoice, clock.get()));
        if (st.isEmpty()) {
            ctx.json(error(4, "invoice not found"));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoice_id", invoice);
        data.put("status", st.get().status());
        if (st.get().paidTyiyn() != null) {
            data.put("amount", st.get().paidTyiyn());
        }
        ctx.json(Json.obj("data", data));
    }

    private static Map<String, Object> error(int code, String message) {
        return Json.obj("data", Json.obj("error", code, "desc", message));
    }
}
