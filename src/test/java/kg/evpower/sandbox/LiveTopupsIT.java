package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * Money moving while the sandbox runs: simulated clients ask for QRs and pay them, the monitor credits them through
 * the polling path, all seen through the operator API; pausing the simulation stops the traffic.
 */
class LiveTopupsIT {

    @Test
    void runningSimulationTopsUpAndTheMonitorCreditsPaidQrs() throws Exception {
        SandboxConfig cfg = Sandboxes.quiet().withSimulation(true, 1.0)
                .withMoney(SandboxConfig.Money.DEFAULT.withTopupsPerHour(3600 * 2));
        try (SandboxServer s = Sandboxes.start(cfg)) {
            Instant from = Instant.now().minusSeconds(5);
            EvPowerClient api = Sandboxes.loggedIn(s, "+996700000001");
            Set<String> staff = Set.copyOf(s.db().query("SELECT id FROM clients WHERE phone LIKE '+996700%'", rs -> rs.getString(1)));

            // paid QRs are credited at the monitor's next 15-second step after the payment (20..199 s after the QR)
            List<Dto.TopupDto> credited = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (credited.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                credited = api.money().adminTopups(from, Instant.now().plusSeconds(5), null, 500).topups().stream()
                        .filter(t -> "approved".equals(t.status())).toList();
            }
            assertTrue(credited.size() >= 3, "fewer than 3 live topups credited within 120 s: " + credited.size());

            List<Dto.TopupDto> all = api.money().adminTopups(from, Instant.now().plusSeconds(5), null, 500).topups();
            assertTrue(all.size() >= 20, "live topups asked for: " + all.size());
            for (Dto.TopupDto t : all) {
                assertFalse(staff.contains(t.clientId()), "a staff account topped up: " + t.invoiceId());
                assertTrue(Set.of("processing", "approved", "canceled").contains(t.status()), t.toString());
            }
            // every credit is one balance_topup ledger row of the paid amount
            Map<Long, BigDecimal> ledger = new HashMap<>();
            for (Dto.LedgerDto l : api.money().adminLedger(from, Instant.now().plusSeconds(5), null, 1000).ledger()) {
                if ("balance_topup".equals(l.transactionType()) && l.balanceTopupId() != null) {
                    ledger.merge(l.balanceTopupId(), l.amount(), BigDecimal::add);
                }
            }
            for (Dto.TopupDto t : credited) {
                assertEquals(0, t.paidAmount().compareTo(t.requestedAmount()), t.toString());
                assertTrue(ledger.containsKey(t.id()), "credited topup without a ledger row: " + t.invoiceId());
            }
            JsonNode counts = Sandboxes.read(s, "/_sandbox/money").path("live");
            assertTrue(counts.path("topups").asInt() >= all.size(), counts.toString());
            assertTrue(counts.path("paid").asInt() >= credited.size(), counts.toString());

            // paused: no client comes (one already half-way through, asking for a second QR, still finishes)
            Sandboxes.control(s, "/_sandbox/simulation", "{\"running\":false}");
            Thread.sleep(1500);
            int before = Sandboxes.read(s, "/_sandbox/money").path("live").path("arrivals").asInt();
            Thread.sleep(4000);
            assertEquals(before, Sandboxes.read(s, "/_sandbox/money").path("live").path("arrivals").asInt(), "clients came while paused");
        }
    }
}
