package kg.evpower.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.http.AdminMoneyRoutes;
import kg.evpower.sandbox.server.payments.OdengiEmulator;
import kg.evpower.sandbox.server.store.Database;

/**
 * The provider recheck as the gateway can make it: O!Dengi's {@code statusPayment} asked with production's merchant
 * credentials, signed and read exactly as production's {@code ocpp_service.py} and {@code payment_provider_service.py}
 * do ({@code data.payments[0]} when there, else {@code data}; status processing|approved|canceled; amount in tyiyn). The
 * gateway writes nothing: a paid topup that production has not credited is reported ({@code credited: false}, with the
 * provider's amount) for production's own status check to credit, never credited here.
 */
final class OdengiStatus implements AdminMoneyRoutes.Rechecker {

    private final GatewayConfig.Odengi provider;
    private final Database production;
    private final HttpClient http;
    private final Supplier<Instant> clock;
    private final ObjectMapper json = kg.evpower.sandbox.server.http.Json.MAPPER;

    OdengiStatus(GatewayConfig.Odengi provider, Database production, HttpClient http, Supplier<Instant> clock) {
        this.provider = provider;
        this.production = production;
        this.http = http;
        this.clock = clock;
    }

    /** What O!Dengi says about the invoice: its status word and the paid amount in tyiyn (null until paid). */
    record Said(String status, Long tyiyn) {
    }

    Said ask(String invoiceId, String orderId) throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode();
        req.put("cmd", "statusPayment");
        req.put("version", OdengiEmulator.API_VERSION);
        req.put("sid", provider.merchantId());
        req.put("mktime", Long.toString(clock.get().getEpochSecond()));
        req.put("lang", "ru");
        ObjectNode data = req.putObject("data");
        data.put("invoice_id", invoiceId);
        if (orderId != null) {
            data.put("order_id", orderId);
        }
        req.put("hash", OdengiEmulator.hash(req, new String(provider.password())));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(provider.url()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(req)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("O!Dengi answered HTTP " + r.statusCode());
        }
        JsonNode d = json.readTree(r.body()).path("data");
        if (d.has("error")) {
            throw new IOException("O!Dengi: " + d.path("desc").asText(d.path("error").asText()));
        }
        JsonNode p = d.path("payments").isArray() && d.path("payments").size() > 0 ? d.path("payments").get(0) : d;
        long amount = p.path("amount").asLong(0);
        return new Said(p.path("status").asText("processing"), amount > 0 ? amount : null);
    }

    @Override
    public Optional<Map<String, Object>> recheck(String invoiceId) {
        Optional<String[]> row = production.queryOne("SELECT status, order_id, paid_amount, client_id FROM balance_topups WHERE invoice_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, invoiceId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Said said;
        try {
            said = ask(invoiceId, row.get()[1]);
        } catch (IOException e) {
            throw kg.evpower.sandbox.server.http.ApiError.detail(502, "O!Dengi не ответил на проверку: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kg.evpower.sandbox.server.http.ApiError.detail(502, "O!Dengi не ответил на проверку");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("invoice_id", invoiceId);
        out.put("status_before", row.get()[0]);
        out.put("provider_status", said.status());
        out.put("credited", false);
        out.put("amount", said.tyiyn() == null ? null : BigDecimal.valueOf(said.tyiyn(), 2));
        out.put("new_balance", null);
        boolean uncredited = "approved".equals(said.status()) && row.get()[2] == null;
        out.put("note", uncredited ? "Оплачен у O!Dengi, но не зачислен: этот шлюз только читает; зачисляет собственная проверка статуса сервера"
                : "Шлюз только читает: статус у O!Dengi показан, в базе ничего не изменено");
        return Optional.of(out);
    }
}
