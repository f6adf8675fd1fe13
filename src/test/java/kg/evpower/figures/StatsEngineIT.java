package kg.evpower.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kg.evpower.figures.StatsReport.Bucket;
import kg.evpower.figures.StatsReport.Grouping;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.testing.EmbeddedPostgres;
import kg.evpower.testing.ProductionCopy;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics' one definition against a hand-computed month, on the sandbox's H2 and on production's PostgreSQL
 * schema: sessions crossing midnight and the month's end in Bishkek time, a running session, a failed start, a
 * station-initiated stop whose refund the ledger never got, a station created mid-month, idle stations. Then a
 * sandbox's own history read over both databases gives the same report, figure for figure.
 */
class StatsEngineIT {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    /** Bishkek wall time as an instant. */
    static Instant bishkek(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atOffset(ZoneOffset.ofHours(6)).toInstant();
    }

    static final Instant AS_OF = bishkek("2026-12-05T12:00");
    static final StatsQuery NOVEMBER = StatsQuery.days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), AS_OF);

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object v = params[i];
                ps.setObject(i + 1, v instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : v);
            }
            ps.executeUpdate();
        }
    }

    private static void session(Connection c, String id, String station, String status, String start, String stop, String energy, String amount)
            throws Exception {
        exec(c, "INSERT INTO charging_sessions (id, user_id, station_id, start_time, stop_time, energy, amount, status, reserved_amount)"
                + " VALUES (?, 'client-1', ?, ?, ?, ?, ?, ?, ?)", id, station, bishkek(start), stop == null ? null : bishkek(stop),
                new BigDecimal(energy), new BigDecimal(amount), status, new BigDecimal(amount));
    }

    private static void transaction(Connection c, String session, String station, int connector, String start, String stop) throws Exception {
        exec(c, "INSERT INTO ocpp_transactions (transaction_id, station_id, connector_id, start_timestamp, stop_timestamp, charging_session_id,"
                + " status) VALUES (?, ?, ?, ?, ?, ?, ?)", (int) bishkek(start).getEpochSecond(), station, connector, bishkek(start),
                stop == null ? null : bishkek(stop), session, stop == null ? "Started" : "Stopped");
    }

    private static void ledger(Connection c, String session, String type, String amount) throws Exception {
        exec(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, charging_session_id) VALUES ('client-1', ?, ?, ?)",
                type, new BigDecimal(amount), session);
    }

    /** The hand-computed month (see the expectations in {@link #check}). */
    static void fixture(Connection c) throws Exception {
        exec(c, "INSERT INTO clients (id, phone, balance) VALUES ('client-1', '+996555000001', 0)");
        exec(c, "INSERT INTO users (id, email, phone, role) VALUES ('owner-a', 'a@evpower.kg', NULL, 'admin'), ('owner-b', NULL, '+996700100002', 'admin')");
        exec(c, "INSERT INTO locations (id, name, city, user_id) VALUES ('loc-1', 'Альфа', 'Бишкек', 'owner-a'), ('loc-2', 'Бета', 'Ош', 'owner-b')");
        String station = "INSERT INTO stations (id, serial_number, model, location_id, status, user_id, connectors_count, created_at)"
                + " VALUES (?, ?, 'M', ?, 'active', ?, ?, ?)";
        exec(c, station, "S1", "SN1", "loc-1", "owner-a", 2, bishkek("2026-01-01T00:00"));
        exec(c, station, "S2", "SN2", "loc-1", "owner-a", 1, bishkek("2026-11-16T00:00"));
        exec(c, station, "S3", "SN3", "loc-2", "owner-b", 1, bishkek("2026-01-01T00:00"));
        exec(c, station, "S4", "SN4", "loc-2", "owner-b", 1, bishkek("2026-01-01T00:00"));
        String connector = "INSERT INTO connectors (station_id, connector_number, connector_type, power_kw) VALUES (?, ?, ?, ?)";
        exec(c, connector, "S1", 1, "Type2", new BigDecimal("22"));
        exec(c, connector, "S1", 2, "CCS", new BigDecimal("60"));
        exec(c, connector, "S2", 1, "Type2", new BigDecimal("22"));
        exec(c, connector, "S3", 1, "GB/T", new BigDecimal("60"));
        exec(c, connector, "S4", 1, "Type2", new BigDecimal("7.4"));

        // s1: an ordinary hour on S1's AC socket; reserve 200, refund 74: the ledger agrees (126)
        session(c, "s1", "S1", "stopped", "2026-11-03T10:00", "2026-11-03T11:00", "10.5", "126.00");
        transaction(c, "s1", "S1", 1, "2026-11-03T10:02", "2026-11-03T10:58");
        ledger(c, "s1", "charge_reserve", "-200");
        ledger(c, "s1", "charge_refund", "74");
        // s2: on the CCS across the month's end; stopped by the station, whose refund production never logs
        session(c, "s2", "S1", "stopped", "2026-11-30T23:30", "2026-12-01T00:30", "20", "240");
        transaction(c, "s2", "S1", 2, "2026-11-30T23:31", "2026-12-01T00:29");
        ledger(c, "s2", "charge_reserve", "-300");
        // s3: October's, across midnight into November: counts for October, occupies an hour of November
        session(c, "s3", "S1", "stopped", "2026-10-31T23:00", "2026-11-01T01:00", "15", "180");
        transaction(c, "s3", "S1", 1, "2026-10-31T23:02", "2026-11-01T00:58");
        ledger(c, "s3", "charge_reserve", "-180");
        // s4: a failed start on S3 (no transaction), its reserve refunded in full
        session(c, "s4", "S3", "error", "2026-11-10T12:00", "2026-11-10T12:10", "0", "100");
        ledger(c, "s4", "charge_reserve", "-100");
        ledger(c, "s4", "charge_refund", "100");
        // s5: still charging on S2 since the 30th's evening; its amount is still the reserve
        session(c, "s5", "S2", "started", "2026-11-30T20:00", null, "12", "500");
        transaction(c, "s5", "S2", 1, "2026-11-30T20:05", null);
        ledger(c, "s5", "charge_reserve", "-500");
        // s6: S3's DC, an hour and a half; the ledger agrees (363)
        session(c, "s6", "S3", "stopped", "2026-11-15T18:00", "2026-11-15T19:30", "30.25", "363");
        transaction(c, "s6", "S3", 1, "2026-11-15T18:02", "2026-11-15T19:28");
        ledger(c, "s6", "charge_reserve", "-400");
        ledger(c, "s6", "charge_refund", "37");
    }

    static void check(StatsReport r) {
        Figures t = r.total();
        assertEquals(5, t.sessions(), "s1, s2, s4, s5, s6 started in November");
        assertEquals(3, t.ended());
        assertEquals(1, t.failed());
        assertEquals(1, t.running());
        assertEquals(0, new BigDecimal("60.75").compareTo(t.energyKwh()), t.energyKwh().toString());
        assertEquals(0, new BigDecimal("729").compareTo(t.revenue()), t.revenue().toString());
        assertEquals(12_600, t.durationSeconds());
        assertEquals(0, new BigDecimal("789").compareTo(t.ledgerRevenue()), "s2's unlogged refund: " + t.ledgerRevenue());
        assertEquals(1, t.ledgerDisagreements());
        assertFalse(t.ledgerAgrees());
        assertEquals(8 * 3600, t.occupiedSeconds(), 0.001, "s1 1 h, s2 0.5 h, s3 1 h, s5 4 h, s6 1.5 h");
        assertEquals(464 * 60, t.chargingSeconds(), 0.001, "56 + 29 + 58 + 235 + 86 minutes");
        assertEquals(4 * 30 * 86_400 + 15 * 86_400, t.capacitySeconds(), 0.001, "S2 from the 16th");
        assertEquals(0, new BigDecimal("243.00").compareTo(t.averageRevenue()));
        assertEquals(70.0, t.averageMinutes(), 1e-9);

        // the month before: October, with s3 alone
        Figures p = r.previous();
        assertEquals(1, p.sessions());
        assertEquals(0, new BigDecimal("180").compareTo(p.revenue()));

        Map<String, Figures> owners = r.groups(Grouping.OWNER).stream().collect(Collectors.toMap(StatsReport.Group::key, StatsReport.Group::figures));
        assertEquals(List.of("owner-a", "owner-b"), r.groups(Grouping.OWNER).stream().map(StatsReport.Group::key).toList(), "by revenue");
        assertEquals("a@evpower.kg", r.groups(Grouping.OWNER).get(0).label());
        assertEquals("+996700100002", r.groups(Grouping.OWNER).get(1).label(), "no email: the phone");
        assertEquals(3, owners.get("owner-a").sessions());
        assertEquals(0, new BigDecimal("366").compareTo(owners.get("owner-a").revenue()));
        assertEquals(2, owners.get("owner-b").sessions());

        Map<String, StatsReport.Group> current = r.groups(Grouping.CURRENT).stream().collect(Collectors.toMap(StatsReport.Group::key, g -> g));
        assertEquals(0, new BigDecimal("126").compareTo(current.get("AC").figures().revenue()));
        assertEquals(2, current.get("AC").figures().sessions(), "s1 and s5");
        assertEquals(3, current.get("AC").connectors());
        assertEquals(0, new BigDecimal("603").compareTo(current.get("DC").figures().revenue()), "s2 on CCS, s6 on GB/T 60 kW");
        assertEquals(1, current.get(StatsReport.UNKNOWN).figures().failed(), "a failed start has no connector");
        Map<String, Figures> types = r.groups(Grouping.CONNECTOR_TYPE).stream().collect(Collectors.toMap(StatsReport.Group::key, StatsReport.Group::figures));
        assertEquals(1, types.get("CCS").sessions());
        assertEquals(1, types.get("GB/T").sessions());
        assertEquals(2, types.get("Type2").sessions());

        Map<String, StatsReport.Group> stations = r.groups(Grouping.STATION).stream().collect(Collectors.toMap(StatsReport.Group::key, g -> g));
        assertEquals(4, stations.size(), "idle S4 is listed too");
        assertEquals(0, stations.get("S4").figures().sessions());
        assertEquals(15 * 86_400, stations.get("S2").figures().capacitySeconds(), 0.001);
        assertEquals(4 * 3600 / (15.0 * 86_400), stations.get("S2").figures().occupiedShare(), 1e-12);

        List<StatsReport.Bar> weeks = r.series(Bucket.WEEK);
        assertEquals(List.of(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16),
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30)), weeks.stream().map(StatsReport.Bar::start).toList());
        assertEquals(List.of(0L, 1L, 2L, 0L, 0L, 2L), weeks.stream().map(StatsReport.Bar::sessions).toList());
        List<StatsReport.Bar> days = r.series(Bucket.DAY);
        assertEquals(30, days.size());
        assertEquals(0, new BigDecimal("240").compareTo(days.get(29).revenue()), "s2 belongs to the 30th, the day it started");
        assertEquals(1, r.series(Bucket.MONTH).size());
        assertEquals(0, new BigDecimal("729").compareTo(r.series(Bucket.MONTH).get(0).revenue()));

        long[][] heat = r.heat();
        assertEquals(1, heat[1][10], "s1: Tuesday 10:00");
        assertEquals(1, heat[0][23], "s2: Monday 23:30");
        assertEquals(1, heat[1][12], "s4: Tuesday 12:00");
        assertEquals(1, heat[0][20], "s5: Monday 20:00");
        assertEquals(1, heat[6][18], "s6: Sunday 18:00");
        assertEquals(5, java.util.Arrays.stream(heat).flatMapToLong(java.util.Arrays::stream).sum());

        assertEquals(List.of("S3", "S4"), r.idle().stream().map(StatsReport.Idle::stationId).toList(), "no session in the last 7 days");
    }

    @Test
    void theHandComputedMonthOnTheSandboxsDatabase() throws Exception {
        Database db = Database.open(Files.createTempDirectory("stats-h2"), true);
        try (Connection c = db.connection()) {
            fixture(c);
            check(new StatsReport(StatsEngine.read(c, NOVEMBER)));
            // an owner's scope: their stations only
            StatsReport b = new StatsReport(StatsEngine.read(c, NOVEMBER.owner("owner-b")));
            assertEquals(2, b.total().sessions());
            assertEquals(List.of("S3", "S4"), b.stations().stream().map(StatsEngine.StationInfo::id).toList());
            assertEquals(2 * 30 * 86_400, b.total().capacitySeconds(), 0.001);
            StatsReport one = new StatsReport(StatsEngine.read(c, NOVEMBER.station("S1")));
            assertEquals(2, one.total().sessions());
        } finally {
            db.close();
        }
    }

    @Test
    void theHandComputedMonthOnProductionsSchema() throws Exception {
        try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE fixture");
        }
        try (Connection c = pg.admin("fixture")) {
            ProductionCopy.createSchema(c);
            fixture(c);
            check(new StatsReport(StatsEngine.read(c, NOVEMBER)));
        }
    }

    @Test
    void aSandboxsHistoryGivesTheSameReportOverBothDatabases() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet())) {
            try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE copy");
            }
            // production's money ways, its defects included: refunds the ledger never got, double refunds
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"double_refund\":0.5}}");
            Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":30,\"topups\":100,\"sessions\":300,\"seed\":5}");
            Instant now = Instant.now();
            StatsQuery q = new StatsQuery(now.minus(java.time.Duration.ofHours(20)), now.plus(java.time.Duration.ofDays(1)), null, null, null, 1, now);
            StatsReport h2;
            try (Connection c = s.db().connection(); Connection target = pg.admin("copy")) {
                ProductionCopy.createSchema(target);
                ProductionCopy.copy(c, target);
                h2 = new StatsReport(StatsEngine.read(c, q));
                StatsReport postgres = new StatsReport(StatsEngine.read(target, q));
                assertTrue(h2.total().sessions() > 100 && h2.total().ledgerDisagreements() > 0 && h2.total().occupiedSeconds() > 0,
                        "the sandbox's history has sessions, some the ledger disagrees with: " + h2.total());
                assertSameReport(h2, postgres);
                // the rows held in memory give the same report over both databases
                assertSameReport(h2, new StatsReport(StatsIndex.load(c, now).read(c, q)));
                assertSameReport(h2, new StatsReport(StatsIndex.load(target, now).read(target, q)));
            }
        }
    }

    @Test
    void theHandComputedMonthFromTheRowsHeldInMemory() throws Exception {
        onBothDatabases("fixture_index", c -> {
            fixture(c);
            StatsIndex.TooLarge tooLarge = org.junit.jupiter.api.Assertions.assertThrows(StatsIndex.TooLarge.class,
                    () -> StatsIndex.load(c, Instant.now(), 100));
            assertTrue(tooLarge.getMessage().startsWith("6 sessions and 5 transactions need"), tooLarge.getMessage());
            StatsIndex index = StatsIndex.load(c, Instant.now());
            assertEquals(6, index.sessions());
            assertEquals(5, index.transactions());
            check(new StatsReport(index.read(c, NOVEMBER)));
            assertSameReport(new StatsReport(StatsEngine.read(c, NOVEMBER.owner("owner-b"))), new StatsReport(index.read(c, NOVEMBER.owner("owner-b"))));
            assertSameReport(new StatsReport(StatsEngine.read(c, NOVEMBER.station("S1"))), new StatsReport(index.read(c, NOVEMBER.station("S1"))));
        });
    }

    /**
     * What changes after the rows are loaded reaches them on a refresh: a running session of last month stops (and its
     * transaction), a refund arrives for a session weeks old, a new session starts in the last hour, a station gets a new
     * owner; a failed start's reserve is refunded twice. The index then says what the database says, on H2 and PostgreSQL.
     */
    @Test
    void aRefreshCatchesUpWithWhatChanged() throws Exception {
        onBothDatabases("fixture_refresh", StatsEngineIT::refreshes);
    }

    private interface Body {
        void run(Connection c) throws Exception;
    }

    /** {@code body} on a new sandbox database (H2), then on a new database of production's schema (PostgreSQL). */
    private static void onBothDatabases(String name, Body body) throws Exception {
        Database db = Database.open(Files.createTempDirectory(name), true);
        try (Connection c = db.connection()) {
            body.run(c);
        } finally {
            db.close();
        }
        try (Connection admin = pg.admin("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        try (Connection c = pg.admin(name)) {
            ProductionCopy.createSchema(c);
            body.run(c);
        }
    }

    private static void refreshes(Connection c) throws Exception {
        fixture(c);
        Instant loaded = Instant.now();
        StatsIndex index = StatsIndex.load(c, loaded);
        Instant now = loaded.plusSeconds(1);
        StatsQuery since = new StatsQuery(bishkek("2026-10-01T00:00"), now.plus(java.time.Duration.ofDays(1)), null, null, null, 7, now);
        assertSameReport(new StatsReport(StatsEngine.read(c, since)), new StatsReport(index.read(c, since)));

        exec(c, "UPDATE charging_sessions SET status = 'stopped', stop_time = ?, amount = 150, energy = 12.5 WHERE id = 's5'", bishkek("2026-12-01T03:00"));
        exec(c, "UPDATE ocpp_transactions SET stop_timestamp = ?, status = 'Stopped' WHERE charging_session_id = 's5'", bishkek("2026-12-01T02:58"));
        ledger(c, "s5", "charge_refund", "350");
        ledger(c, "s2", "charge_refund", "60");
        ledger(c, "s4", "charge_refund", "100");
        Instant fresh = now.minus(java.time.Duration.ofMinutes(10));
        session(c, "s7", "S4", "started", fresh.atOffset(ZoneOffset.ofHours(6)).toLocalDateTime().toString(), null, "1.5", "200");
        transaction(c, "s7", "S4", 1, fresh.plusSeconds(5).atOffset(ZoneOffset.ofHours(6)).toLocalDateTime().toString(), null);
        ledger(c, "s7", "charge_reserve", "-200");
        exec(c, "UPDATE stations SET user_id = 'owner-a' WHERE id = 'S3'");

        StatsIndex.Refresh r = index.refresh(c, now);
        assertEquals(1, r.sessions(), "s7 is the only session of the last hour: " + r);
        assertEquals(1, r.transactions());
        assertTrue(r.ledgerNets() >= 3, "s2, s4 and s5 had charge rows since: " + r);
        StatsReport memory = new StatsReport(index.read(c, since));
        assertSameReport(new StatsReport(StatsEngine.read(c, since)), memory);
        assertEquals(0, new BigDecimal("150").compareTo(memory.series(Bucket.DAY).stream()
                .filter(b -> b.start().equals(LocalDate.of(2026, 11, 30))).findFirst().orElseThrow().revenue().subtract(new BigDecimal("240"))),
                "s5 counts as ended now");
        assertSameReport(new StatsReport(StatsEngine.read(c, since.owner("owner-a"))), new StatsReport(index.read(c, since.owner("owner-a"))));
        // nothing changed: nothing read again but the last hour
        StatsIndex.Refresh idle = index.refresh(c, now.plusSeconds(2));
        assertEquals(0, idle.reopened(), "no session or transaction is open before the last hour: " + idle);
        assertSameReport(new StatsReport(StatsEngine.read(c, since)), new StatsReport(index.read(c, since)));
    }

    /** The same report, figure for figure, group for group, bar for bar. */
    private static void assertSameReport(StatsReport h2, StatsReport postgres) {
        assertEquals(h2.total().sessions(), postgres.total().sessions());
        assertSame(h2.total(), postgres.total());
        assertSame(h2.previous(), postgres.previous());
        for (Grouping g : Grouping.values()) {
            List<StatsReport.Group> a = h2.groups(g);
            List<StatsReport.Group> b = postgres.groups(g);
            assertEquals(a.size(), b.size(), g.name());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).key(), b.get(i).key(), g + " " + i);
                assertSame(a.get(i).figures(), b.get(i).figures());
            }
        }
        for (Bucket bucket : Bucket.values()) {
            List<StatsReport.Bar> a = h2.series(bucket);
            List<StatsReport.Bar> b = postgres.series(bucket);
            assertEquals(a.stream().map(StatsReport.Bar::start).toList(), b.stream().map(StatsReport.Bar::start).toList(), bucket.name());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).sessions(), b.get(i).sessions(), bucket + " " + a.get(i).start());
                assertEquals(0, a.get(i).revenue().compareTo(b.get(i).revenue()), bucket + " " + a.get(i).start());
                assertEquals(0, a.get(i).energyKwh().compareTo(b.get(i).energyKwh()), bucket + " " + a.get(i).start());
            }
        }
        assertTrue(java.util.Arrays.deepEquals(h2.heat(), postgres.heat()));
        assertEquals(h2.idle(), postgres.idle());
    }

    /** Equal figures: money and energy by value (the databases scale numbers differently), times to the millisecond. */
    private static void assertSame(Figures a, Figures b) {
        assertEquals(a.sessions(), b.sessions());
        assertEquals(a.ended(), b.ended());
        assertEquals(a.failed(), b.failed());
        assertEquals(a.running(), b.running());
        assertEquals(0, a.energyKwh().compareTo(b.energyKwh()), a.energyKwh() + " " + b.energyKwh());
        assertEquals(0, a.revenue().compareTo(b.revenue()), a.revenue() + " " + b.revenue());
        assertEquals(0, a.ledgerRevenue().compareTo(b.ledgerRevenue()));
        assertEquals(a.ledgerDisagreements(), b.ledgerDisagreements());
        assertEquals(a.durationSeconds(), b.durationSeconds(), 1);
        assertEquals(a.occupiedSeconds(), b.occupiedSeconds(), 0.01);
        assertEquals(a.chargingSeconds(), b.chargingSeconds(), 0.01);
        assertEquals(a.capacitySeconds(), b.capacitySeconds(), 0.01);
    }
}
