package kg.evpower.sandbox;

import kg.evpower.console.api.ApiTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/** Production's payment-status endpoints over HTTP: which of them expire a topup and which only read it. */
class PaymentStatusIT {

    @Test
    void statusCheckLeavesAnExpiredProcessingTopupAsItIsWhileTheStatusReadCancelsIt() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"stuck_processing\":0.5}}");
            Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":2,\"topups\":40,\"sessions\":0,\"seed\":3,\"hourly_cleanup\":false}");
            JsonNode stuck = null;
            for (JsonNode d : Sandboxes.read(s, "/_sandbox/money/truth").path("defects")) {
                if (d.path("defect").asText().equals("stuck_processing")) {
                    stuck = d;
                }
            }
            assertTrue(stuck != null, "the replay left no topup processing past its expiry");
            String invoice = stuck.path("invoice_id").asText();
            EvPowerClient api = Sandboxes.loggedIn(s, "+996700000001");

            JsonNode check = api.call("POST", "/api/v1/payment/status-check/" + invoice, Map.of(), JsonNode.class, ApiTransport.Auth.SESSION);
            assertTrue(check.path("success").asBoolean(), check.toString());
            JsonNode stored = api.call("GET", "/api/v1/admin/topups?invoice_id=" + invoice, null, JsonNode.class, ApiTransport.Auth.SESSION);
            assertEquals("processing", stored.path("topups").path(0).path("status").asText(), stored.toString());

            JsonNode read = api.call("GET", "/api/v1/payment/status/" + invoice, null, JsonNode.class, ApiTransport.Auth.SESSION);
            assertEquals(2, read.path("status").asInt(), read.toString());
            assertEquals("Платеж отменен - время истекло", read.path("status_text").asText());
        }
    }
}
