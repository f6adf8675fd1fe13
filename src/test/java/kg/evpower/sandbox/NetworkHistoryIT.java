package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kg.evpower.figures.StatsEngine;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.world.history.NetworkHistory;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * {@code --history DAYS}: a fresh sandbox gets weeks of the network's past that mean something as statistics — daily
 * and weekly cycles, growth, dead stations, failed starts — while its money stays whole: every client's balance is
 * the sum of its ledger, each row's "before" is the previous row's "after", and the ledger's ids run in time order.
 */
class NetworkHistoryIT {

    @Test
    void aFreshSandboxGetsAPastThatMeansSomethingAndStillReconciles() throws Exception {
        SandboxConfig config = Sandboxes.quiet();
        config = config.withMoney(config.money().withProduction(false).withNetworkHistory(Duration.ofDays(63)));
        long sessions;
        try (SandboxServer s = Sandboxes.start(config)) {
            Database db = s.db();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (db.meta(NetworkHistory.DEAD_STATIONS) == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String dead = db.meta(NetworkHistory.DEAD_STATIONS);
            assertTrue(dead != null && !dead.isBlank(), "the history was written and left some stations dead: " + dead);
            sessions = db.queryOne("SELECT COUNT(*) FROM charging_sessions", rs -> rs.getLong(1)).orElseThrow();
            assertTrue(sessions > 10_000, "weeks of a busy network: " + sessions);

            // the money: balances are ledger sums, chains unbroken, ids in time order
            Map<String, BigDecimal> sums = new HashMap<>();
            Map<String, BigDecimal> lastAfter = new HashMap<>();
            Map<String, Instant> lastAt = new HashMap<>();
            int[] broken = {0};
            db.query("SELECT client_id, amount, balance_before, balance_after, created_at, transaction_type FROM payment_transactions_odengi"
                    + " ORDER BY id", rs -> {
                        String client = rs.getString(1);
                        sums.merge(client, rs.getBigDecimal(2), BigDecimal::add);
                        Instant at = Database.instant(rs, "created_at");
                        Instant before = lastAt.put(client, at);
                        if (before != null && at.isBefore(before)) {
                            broken[0]++;
                        }
                        boolean bootRefund = rs.getBigDecimal(3).signum() == 0 && rs.getBigDecimal(4).signum() == 0;
                        BigDecimal prev = lastAfter.get(client);
                        if (!bootRefund) {
                            if (prev != null && prev.compareTo(rs.getBigDecimal(3)) != 0) {
                                broken[0]++;
                            }
                            lastAfter.put(client, rs.getBigDecimal(4));
                        } else if (prev != null) {
                            // production writes a boot cleanup's refund with 0/0; the chain goes on from the refunded balance
                            lastAfter.put(client, prev.add(rs.getBigDecimal(2)));
                        }
                        return null;
                    });
            assertEquals(0, broken[0], "ledger rows out of order or chains broken");
            List<Object[]> balances = db.query("SELECT id, balance FROM clients", rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2)});
            int off = 0;
            for (Object[] b : balances) {
                if (((BigDecimal) b[1]).compareTo(sums.getOrDefault((String) b[0], BigDecimal.ZERO)) != 0) {
                    off++;
                }
            }
            assertEquals(0, off, "clients whose balance is not their ledger's sum");
            long topupsWithoutInvoice = db.queryOne("SELECT COUNT(*) FROM balance_topups t LEFT JOIN sandbox_odengi_invoices i"
                    + " ON i.invoice_id = t.invoice_id WHERE i.invoice_id IS NULL", rs -> rs.getLong(1)).orElseThrow();
            assertEquals(0, topupsWithoutInvoice, "every topup has the provider's paid invoice");

            // the statistics: cycles, growth, dead stations, failed starts
            Instant now = Instant.now();
            LocalDate today = LocalDate.ofInstant(now, StatsQuery.BISHKEK);
            StatsReport all;
            try (Connection c = db.connection()) {
                all = new StatsReport(StatsEngine.read(c, StatsQuery.days(today.minusDays(62), today, now).idle(7)));
            }
            long[][] heat = all.heat();
            long night = 0;
            long evening = 0;
            long weekdays = 0;
            long sundays = 0;
            for (int d = 0; d < 7; d++) {
                night += heat[d][3] + heat[d][4];
                evening += heat[d][18] + heat[d][19];
                long day = java.util.Arrays.stream(heat[d]).sum();
                if (d < 5) {
                    weekdays += day;
                } else if (d == 6) {
                    sundays += day;
                }
            }
            assertTrue(evening > 5 * night, "evenings are busier than nights: " + evening + " vs " + night);
            assertTrue(weekdays / 5 > sundays, "a weekday is busier than a Sunday: " + weekdays / 5 + " vs " + sundays);
            List<StatsReport.Bar> weeks = all.series(StatsReport.Bucket.WEEK);
            long first = weeks.get(1).sessions() + weeks.get(2).sessions();
            long last = weeks.get(weeks.size() - 3).sessions() + weeks.get(weeks.size() - 2).sessions();
            assertTrue(last > first * 1.15, "demand grows: " + first + " then " + last);
            Set<String> idle = all.idle().stream().map(StatsReport.Idle::stationId).collect(Collectors.toSet());
            assertTrue(idle.containsAll(Set.of(dead.split(","))), "the dead stations are idle: " + dead + " in " + idle);
            assertTrue(all.total().failed() > 0 && all.total().failed() < all.total().sessions() / 20, "a few failed starts: " + all.total());
            assertTrue(all.total().occupiedShare() > 0.02 && all.total().occupiedShare() < 0.8, "utilisation: " + all.total().occupiedShare());
        }
        // a second start on the same data writes no second past
        try (SandboxServer s = Sandboxes.start(config.withDataDir(config.dataDir(), false))) {
            Thread.sleep(500);
            long again = s.db().queryOne("SELECT COUNT(*) FROM charging_sessions", rs -> rs.getLong(1)).orElseThrow();
            assertEquals(sessions, again);
        }
    }
}
