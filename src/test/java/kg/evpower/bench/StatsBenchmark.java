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
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;

/**
 * Statistics at the size: a year of a 10,000-station network (2 connectors each, 50 owners, 3,000 locations)
 * with 3,000,000 sessions, their OCPP transactions and two ledger rows each, in a real PostgreSQL 16 with production's
 * schema, generated there by SQL. Each question is read as the console's PostgreSQL source reads it (StatsEngine in
 * one read-only snapshot, the report built, the statistics encoded as the operator API would send them): one warm-up,
 * then the median of 3. Also the period's sessions merely counted by PostgreSQL, the floor any reading stands on.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kg.evpower.bench.StatsBenchmark [SESSIONS]
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
                measure(c, "year, per station, per day (365 bars)", year, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
                measure(c, "year, per owner, per month", year, StatsReport.Grouping.OWNER, StatsReport.Bucket.MONTH);
                measure(c, "month, per station, per day", month, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
                measure(c, "month, one owner (200 stations)", month.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
                measure(c, "year, one owner (200 stations)", year.owner(owner), StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
                floor(c, "floor: COUNT(*) of the year's sessions", year);
                floor(c, "floor: COUNT(*) of the month's sessions", month);
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

    static void measure(Connection c, String what, StatsQuery q, StatsReport.Grouping g, StatsReport.Bucket b) throws Exception {
        List<Long> ms = new ArrayList<>();
        long bytes = 0;
        Statistics last = null;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            Statistics s = Statistics.of(new StatsReport(StatsEngine.read(c, q)), g, b);
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
