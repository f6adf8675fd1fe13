package kg.evpower.sandbox.world.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.Json;
import kg.evpower.sandbox.server.http.Wire;
import kg.evpower.sandbox.server.push.PushService;

/**
 * Under {@code /_sandbox/push/}, the push-service emulator: the endpoint the simulated devices' subscriptions point
 * at, and controls to list devices, set how each answers, read what each received and subscribe a new one.
 */
public final class PushDeviceRoutes {

    private final PushService push;
    private final PushEmulator emulator;

    public PushDeviceRoutes(PushService push, PushEmulator emulator) {
        this.push = push;
        this.emulator = emulator;
    }

    public void install(Javalin app) {
        app.post(PushEmulator.PATH + "{service}/{device}", this::receive);
        app.get("/_sandbox/push/devices", this::devices);
        app.post("/_sandbox/push/devices", this::newDevice);
        app.post("/_sandbox/push/devices/{device}", this::setDevice);
        app.get("/_sandbox/push/devices/{device}/messages", this::messages);
    }

    private void receive(Context ctx) {
        PushEmulator.Answer a = emulator.receive(ctx.pathParam("device"), ctx.header("Authorization"), ctx.header("Content-Encoding"),
                ctx.header("TTL"), ctx.header("Urgency"), ctx.bodyAsBytes());
        ctx.status(a.status());
        if (a.messageId() != null) {
            ctx.header("Location", "/_sandbox/push/messages/" + a.messageId());
        }
        if (a.status() == 429) {
            ctx.header("Retry-After", "60");
        }
        ctx.result(a.body());
    }

    private Map<String, Object> deviceView(PushEmulator.Device d, List<PushService.Subscription> subs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("service", d.service());
        m.put("label", d.label());
        m.put("answer", d.answer());
        m.put("delay_ms", d.delayMs());
        List<Map<String, Object>> s = new ArrayList<>();
        for (PushService.Subscription x : subs) {
            if (x.endpoint().endsWith("/" + d.id())) {
                s.add(Json.obj("subscription_id", x.id(), "user_id", x.userId(), "user_type", x.userType()));
            }
        }
        m.put("subscriptions", s);
        return m;
    }

    private void devices(Context ctx) {
        String user = ctx.queryParam("user_id");
        List<PushService.Subscription> subs = push.all();
        List<Map<String, Object>> out = new ArrayList<>();
        for (PushEmulator.Device d : emulator.devices()) {
            Map<String, Object> v = deviceView(d, subs);
            if (user == null || ((List<?>) v.get("subscriptions")).stream().anyMatch(x -> user.equals(((Map<?, ?>) x).get("user_id")))) {
                out.add(v);
            }
        }
        ctx.json(Json.obj("success", true, "devices", out));
    }

    private void newDevice(Context ctx) {
        JsonNode body = Json.body(ctx);
        String user = Json.requiredString(body, "user_id");
        String type = body.path("user_type").asText("owner");
        String service = body.path("service").asText("fcm");
        String label = body.path("label").asText("Sandbox device");
        String device = emulator.subscribeNew(user, type, service, label, body.path("user_agent").asText(label)).id();
        ctx.json(Json.obj("success", true, "device_id", device));
    }

    private void setDevice(Context ctx) {
        JsonNode body = Json.body(ctx);
        try {
            if (!emulator.setAnswer(ctx.pathParam("device"), body.path("answer").asInt(201), body.path("delay_ms").asInt(0))) {
                throw ApiError.detail(404, "no such device");
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.validation("answer", "value_error", e.getMessage(), body.toString());
        }
        ctx.json(Json.obj("success", true));
    }

    private void messages(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PushEmulator.Message m : emulator.messages(ctx.pathParam("device"))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", m.id());
            v.put("received_at", Wire.iso(m.at()));
            v.put("answered", m.answered());
            v.put("ttl", m.ttl());
            v.put("urgency", m.urgency());
            v.put("vapid_subject", m.vapidSubject());
            v.put("payload", m.payload());
            v.put("problem", m.problem());
            out.add(v);
        }
        ctx.json(Json.obj("success", true, "messages", out));
    }
}
