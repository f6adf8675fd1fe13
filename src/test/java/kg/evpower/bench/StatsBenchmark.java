package kg.evpower.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatisticsJson;
import kg.evpower.figures.StatsEngine;
import kg.evpower.figures.StatsIndex;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;

/**
 * Statistics at the size: a year of a 10,000-station network (2 connectors each, 50 owners, 3,000 locations)
 * with 3,000,000 sessions, their OCPP transactions and two ledger rows each, in a real PostgreSQL 16 with production's
 * schema, generated there by SQL. Each question is read as the console's PostgreSQL source reads it (StatsEngine in
 * one read-only snapshot, the report built, the statistics encoded as the operator API would send them): one warm-up,
 * then the median of 3. Also the period's sessions merely counted by PostgreSQL, the floor any reading stands on. Then the
 * same questions from the rows held in memory ({@link StatsIndex}, as the operator API and the console hold them once
 * loaded): its load, its size, and each question with a refresh before it (5,000 sessions of the year's last evening
 * are still running, so every refresh reads them again), as a server asked every few seconds would answer.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StatsBenchmark [SESSIONS]
 * </pre>
 */
public final class StatsBenchmark {

    static final int STATIONS = 10_000;
    static final LocalDate FIRST = LocalDate.of(2025, 12, 1);
    static final LocalDate LAST = LocalDate.of(2026, 11, 30);
    static final Instant AS_OF = Instant.parse("2026-12-05T06:00:00Z");

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE stats");
            }
            try (Connection c = pg.admin("stats")) {
                long t0 = System.nanoTime();
                ProductionCopy.createSchema(c);
                generate(c, sessions);
                System.out.printf("generated %,d sessions at %,d stations in %.1f s%n", sessions, STATIONS, (System.nanoTime() - t0) / 1e9);
                c.setReadOnly(true);
                c.setAutoCommit(false);
                StatsQuery year = StatsQuery.days(FIRST, LAST, AS_OF);
                StatsQuery month = StatsQuery.days(LocalDate.of(2026, 11, 1), LAST, AS_OF);
                String owner = "owner-7";
                List<Statistics> sql = List.of(
                        measure(c, "year, per station, per day (365 bars)", year, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, "year, per owner, per month", year, StatsReport.Grouping.OWNER, StatsReport.Bucket.MONTH),
                        measure(c, "month, per station, per day", month, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, "month, one owner (200 stations)", month.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, "year, one owner (200 stations)", year.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY));
                floor(c, "floor: COUNT(*) of the year's sessions", year);
                floor(c, "floor: COUNT(*) of the month's sessions", month);

                System.gc();
                long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                long t1 = System.nanoTime();
                StatsIndex index = StatsIndex.load(c, Instant.now());
                c.rollback();
                long loadMs = (System.nanoTime() - t1) / 1_000_000;
                System.gc();
                long heap1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                System.out.printf("memory: %,d sessions and %,d transactions loaded in %,d ms; %,d MB on the heap (%,d MB counted)%n",
                        index.sessions(), index.transactions(), loadMs, (heap1 - heap0) >> 20, index.bytes() >> 20);
                List<Long> refreshes = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    StatsIndex.Refresh r = index.refresh(c, Instant.now());
                    c.rollback();
                    if (i > 0) {
                        refreshes.add(r.millis());
                    }
                    if (i == 5) {
                        System.out.printf("memory: a refresh alone median %,d ms (runs %s; %s)%n", refreshes.stream().sorted().toList().get(2),
                                refreshes, r);
                    }
                }
                List<Statistics> memory = List.of(
                        measure(c, index, "memory: year, per station, per day", year, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, index, "memory: year, per owner, per month", year, StatsReport.Grouping.OWNER, StatsReport.Bucket.MONTH),
                        measure(c, index, "memory: month, per station, per day", month, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, index, "memory: month, one owner", month.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY),
                        measure(c, index, "memory: year, one owner", year.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY));
                int differ = 0;
                int compared = 0;
                for (int i = 0; i < sql.size(); i++) {
                    List<StatsReport.Group> a = sql.get(i).stations();
                    List<StatsReport.Group> b = memory.get(i).stations();
                    differ += same(sql.get(i).total(), memory.get(i).total()) ? 0 : 1;
                    for (int k = 0; k < a.size(); k++) {
                        compared++;
                        differ += a.get(k).key().equals(b.get(k).key()) && same(a.get(k).figures(), b.get(k).figures()) ? 0 : 1;
                    }
                }
                System.out.printf("memory and SQL: %,d stations' figures and 5 totals compared, %,d differ%n", compared, differ);
                overHttp(pg, index, year, month.owner(owner));
            }
        }
        System.exit(0);
    }

    /** The network and its year, written by PostgreSQL itself. */
    static void generate(Connection c, int sessions) throws Exception {
        double step = 365.0 * 86_400 / sessions;
        String[] sql = {
            "INSERT INTO users (id, email, role) SELECT 'owner-' || g, 'owner' || g || '@evpower.kg', 'admin' FROM generate_series(1, 50) g",
            "INSERT INTO locations (id, name, city, user_id) SELECT 'loc-' || g, 'Локация ' || g, 'Бишкек', 'owner-' || (g % 50 + 1)"
                + " FROM generate_series(1, 3000) g",
            "INSERT INTO stations (id, model, location_id, user_id, status, price_per_kwh, created_at) SELECT 'ST-' || lpad(g::text, 5, '0'),"
                + " 'Model', 'loc-' || (g % 3000 + 1), 'owner-' || ((g % 3000 + 1) % 50 + 1), CASE WHEN g % 97 = 0 THEN 'maintenance' ELSE 'active' END,"
                + " 15, timestamptz '2025-06-01 00:00+00' FROM generate_series(1, " + STATIONS + ") g",
            "INSERT INTO connectors (station_id, connector_number, connector_type, power_kw) SELECT s.id, n,"
                + " CASE WHEN n = 1 THEN 'Type2' ELSE 'CCS2' END, CASE WHEN n = 1 THEN 22 ELSE 60 END FROM stations s, generate_series(1, 2) n",
            "INSERT INTO clients (id, balance) SELECT 'client-' || g, 0 FROM generate_series(0, 49999) g",
            // evenly over the year, spread over the stations; one in a hundred a failed start, the last few still running
            "INSERT INTO charging_sessions (id, user_id, station_id, start_time, stop_time, energy, amount, status, reserved_amount)"
                + " SELECT 's' || g, 'client-' || (g % 50000), 'ST-' || lpad(((g::bigint * 7919) % " + STATIONS + " + 1)::text, 5, '0'), t,"
                + " CASE WHEN g % 100 = 0 THEN t + interval '3 minutes' ELSE t + interval '40 minutes' END,"
                + " CASE WHEN g % 100 = 0 THEN 0 ELSE 20.5 END, CASE WHEN g % 100 = 0 THEN 0 ELSE 307.5 END,"
                + " CASE WHEN g % 100 = 0 THEN 'error' ELSE 'stopped' END, 400"
                + " FROM (SELECT g, timestamptz '2025-11-30 18:00+00' + (g * " + step + ") * interval '1 second' t"
                + " FROM generate_series(1, " + sessions + ") g) x",
            "INSERT INTO ocpp_transactions (transaction_id, station_id, connector_id, start_timestamp, stop_timestamp, charging_session_id, status)"
                + " SELECT extract(epoch FROM start_time)::int, station_id, 1 + (hashtext(id) & 1), start_time + interval '8 seconds', stop_time, id,"
                + " 'Stopped' FROM charging_sessions WHERE status = 'stopped'",
            "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before, balance_after, charging_session_id,"
                + " created_at) SELECT user_id, 'charge_reserve', -400, 1000, 600, id, start_time FROM charging_sessions",
            "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before, balance_after, charging_session_id,"
                + " created_at) SELECT user_id, 'charge_refund', CASE WHEN status = 'error' THEN 400 ELSE 92.5 END, 600, 692.5, id, stop_time"
                + " FROM charging_sessions",
            // the year's last evening still charging: 5,000 sessions a refresh must read again, as a live network's
            "UPDATE charging_sessions SET status = 'started', stop_time = NULL, energy = 3.5, amount = 400 WHERE id IN"
                + " (SELECT id FROM charging_sessions WHERE status = 'stopped' ORDER BY start_time DESC LIMIT 5000)",
            "UPDATE ocpp_transactions t SET stop_timestamp = NULL, status = 'Started' FROM charging_sessions s"
                + " WHERE s.id = t.charging_session_id AND s.status = 'started'",
            "ANALYZE",
        };
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                long t0 = System.nanoTime();
                st.execute(s);
                System.out.printf("  %.1f s  %s%n", (System.nanoTime() - t0) / 1e9, s.substring(0, Math.min(70, s.length())));
            }
        }
    }

    static Statistics measure(Connection c, String what, StatsQuery q, StatsReport.Grouping g, StatsReport.Bucket b) throws Exception {
        return measure(c, null, what, q, g, b);
    }

    /** The same figures: counts equal, money and energy by value, times to the millisecond. */
    static boolean same(kg.evpower.figures.Figures a, kg.evpower.figures.Figures b) {
        return a.sessions() == b.sessions() && a.ended() == b.ended() && a.failed() == b.failed() && a.running() == b.running()
                && a.energyKwh().compareTo(b.energyKwh()) == 0 && a.revenue().compareTo(b.revenue()) == 0
                && a.ledgerRevenue().compareTo(b.ledgerRevenue()) == 0 && a.ledgerDisagreements() == b.ledgerDisagreements()
                && a.durationSeconds() == b.durationSeconds() && Math.abs(a.occupiedSeconds() - b.occupiedSeconds()) < 0.001
                && Math.abs(a.chargingSeconds() - b.chargingSeconds()) < 0.001 && Math.abs(a.capacitySeconds() - b.capacitySeconds()) < 0.001;
    }

    /** One question: from the database, or from {@code index} refreshed first; a warm-up, then the median of 3. */
    static Statistics measure(Connection c, StatsIndex index, String what, StatsQuery q, StatsReport.Grouping g, StatsReport.Bucket b) throws Exception {
        List<Long> ms = new ArrayList<>();
        long bytes = 0;
        Statistics last = null;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            StatsEngine.Data data;
            if (index == null) {
                data = StatsEngine.read(c, q);
            } else {
                index.refresh(c, Instant.now());
                data = index.read(c, q);
            }
            Statistics s = Statistics.of(new StatsReport(data), g, b);
            bytes = StatisticsJson.write(s).toString().length();
            c.rollback();
            long t = (System.nanoTime() - t0) / 1_000_000;
            if (i > 0) {
                ms.add(t);
            }
            last = s;
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-42s median %,6d ms  (runs %s; %,d sessions, %,d groups, %,d bars, %,d bytes as JSON)%n", what,
                sorted[sorted.length / 2], Arrays.toString(sorted), last.total().sessions(), last.groups().size(), last.series().size(), bytes);
        return last;
    }

    /**
     * The same memory answering over a real socket as the operator API's route does it (a connection held open as a
     * pool would hold it, a refresh, the report, the JSON written by Javalin), read by an HTTP client and decoded by the
     * console's codec into the console's {@link Statistics}: request to decoded answer. The route's sign-in check (one
     * indexed lookup of the caller) is left out.
     */
    static void overHttp(EmbeddedPostgres pg, StatsIndex index, StatsQuery year, StatsQuery ownerMonth) throws Exception {
        Connection pooled = pg.admin("stats");
        pooled.setReadOnly(true);
        pooled.setAutoCommit(false);
        pooled.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        io.javalin.Javalin app = io.javalin.Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.get("/stats", ctx -> {
            StatsQuery q = "year".equals(ctx.queryParam("q")) ? year : ownerMonth;
            StatsReport.Grouping g = StatsReport.Grouping.valueOf(ctx.queryParam("group"));
            synchronized (pooled) {
                Connection c = pooled;
                index.refresh(c, Instant.now());
                StatsEngine.Data data = index.read(c, q);
                c.rollback();
                ctx.json(StatisticsJson.write(Statistics.of(new StatsReport(data), g, StatsReport.Bucket.DAY)));
            }
        });
        app.start("127.0.0.1", 0);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            for (String[] question : new String[][] {{"year", "STATION", "HTTP: year, per station, per day"},
                {"year", "OWNER", "HTTP: year, per owner"}, {"owner", "STATION", "HTTP: month, one owner"}}) {
                List<Long> ms = new ArrayList<>();
                long bytes = 0;
                Statistics last = null;
                for (int i = 0; i < 4; i++) {
                    long t0 = System.nanoTime();
                    java.net.http.HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + app.port() + "/stats?q=" + question[0] + "&group=" + question[1])).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    last = StatisticsJson.read(json.readTree(r.body()));
                    bytes = r.body().length;
                    if (i > 0) {
                        ms.add((System.nanoTime() - t0) / 1_000_000);
                    }
                }
                long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("%-42s median %,6d ms  (runs %s; %,d sessions, %,d groups, %,d bytes)%n", question[2], sorted[sorted.length / 2],
                        Arrays.toString(sorted), last.total().sessions(), last.groups().size(), bytes);
            }
        } finally {
            app.stop();
            pooled.close();
        }
    }

    static void floor(Connection c, String what, StatsQuery q) throws Exception {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM charging_sessions WHERE start_time >= ? AND start_time < ?")) {
                ps.setObject(1, q.from().atOffset(java.time.ZoneOffset.UTC));
                ps.setObject(2, q.to().atOffset(java.time.ZoneOffset.UTC));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            c.rollback();
            if (i > 0) {
                ms.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-42s median %,6d ms  (runs %s)%n", what, sorted[sorted.length / 2], Arrays.toString(sorted));
    }
}
