package kg.evpower.sandbox.world.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.server.store.PaidTopups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Months of the network's past written straight into a fresh database, so statistics mean something on a fresh
 * machine: sessions on every working station with a daily cycle (quiet nights, morning and evening peaks), weekdays
 * and weekends (city stations busier on weekdays, Issyk-Kul's resorts at weekends), demand growing over the
 * span, a few stations nobody has used for weeks, and a few starts that failed. Each session is written as the
 * sandbox's own paths leave it — the session, its OCPP transaction, the reserve and the refund (or extra payment) in
 * the ledger, with the client's balance before and after — and clients top up by O!Dengi before they run short, so
 * balances, ledger and the provider's records reconcile. The live simulation, which starts after, shuns the stations
 * this history left dead.
 */
public final class NetworkHistory {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkHistory.class);

    /** The meta key under which the stations left dead are kept (comma-separated ids). */
    public static final String DEAD_STATIONS = "history_dead_stations";
    private static final ZoneOffset BISHKEK = ZoneOffset.ofHours(6);
    /** Starts per hour of the day (Bishkek), relative. */
    private static final double[] HOUR_WEIGHTS = {0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.0, 2.2, 1.8, 1.6, 1.7, 1.6, 1.5, 1.5, 1.7,
        2.3, 2.6, 2.4, 1.9, 1.4, 0.9, 0.5};
    /** Issyk-Kul's resort towns: busier at weekends than on weekdays, unlike the cities. */
    private static final java.util.Set<String> RESORTS = java.util.Set.of("Чолпон-Ата", "Каракол");
    private static final BigDecimal[] LIMITS = {bd(100), bd(150), bd(200), bd(300), bd(400), bd(500)};
    private static final BigDecimal[] TOPUPS = {bd(300), bd(500), bd(500), bd(1000), bd(1000), bd(1500), bd(2000)};
    private static final BigDecimal UNLIMITED_RESERVE = bd(200);
    private static final BigDecimal UNLIMITED_CUSHION = bd(2500);
    private static final double FAILED_STARTS = 0.01;
    private static final double DEAD_SHARE = 0.04;
    /** History invoices are numbered below the live emulator's first (7,100,000,000) and above the seed's openings. */
    private static final long FIRST_INVOICE = 7_050_000_000L;

    /** What was written. */
    public record Summary(int sessions, int failed, int topups, List<String> dead, Instant from, Instant to, long millis) {
    }

    private record Connector(int number, double powerKw) {
    }

    private record Station(String id, boolean urban, BigDecimal rate, List<Connector> connectors) {
    }

    private static final class Client {
        final String id;
        final String phone;
        final Instant since;
        final BigDecimal initial;
        BigDecimal balance;
        Instant freeAt;

        Client(String id, String phone, Instant since, BigDecimal balance) {
            this.id = id;
            this.phone = phone;
            this.since = since;
            this.initial = balance;
            this.balance = balance;
            this.freeAt = since;
        }
    }

    /** A ledger row or a topup, kept until all are known and then written in time order. */
    private record Money(Instant at, long order, Client client, String type, BigDecimal amount, BigDecimal before, BigDecimal after,
                         String sessionId, String description) {
    }

    private record Planned(Instant start, Station station, Connector connector, Duration length) {
    }

    private final Random rnd;
    private final boolean production;
    private final List<Money> money = new ArrayList<>();
    private final List<Object[]> sessionRows = new ArrayList<>();
    private final List<Object[]> transactionRows = new ArrayList<>();
    private final java.util.Set<String> txIds = new java.util.HashSet<>();
    private long order;
    private long invoice = FIRST_INVOICE;
    private int sessions;
    private int topups;
    private int failed;

    private NetworkHistory(long seed, boolean production) {
        this.rnd = new Random(seed ^ 0x5EED_4157L);
        this.production = production;
    }

    /**
     * Writes {@code span} of history ending at {@code end} into a database that has only its seed, once: the stations
     * left dead are recorded under {@link #DEAD_STATIONS}.
     *
     * @param production whether the reserve's ledger row carries production's balance columns (contract §7 defect)
     */
    public static Summary write(Database db, Duration span, Instant end, long seed, boolean production) {
        long t0 = System.nanoTime();
        NetworkHistory h = new NetworkHistory(seed, production);
        Instant from = end.minus(span);
        List<String> dead = db.tx(c -> h.run(c, from, end));
        db.putMeta(DEAD_STATIONS, String.join(",", dead));
        Summary done = new Summary(h.sessions, h.failed, h.topups, dead, from, end, (System.nanoTime() - t0) / 1_000_000);
        LOG.info("network history written: {} sessions ({} failed starts), {} topups, {} stations left dead, {} .. {}, in {} ms",
                done.sessions(), done.failed(), done.topups(), done.dead().size(), from, end, done.millis());
        return done;
    }

    /** Writes the history; answers the stations it left dead. */
    private List<String> run(Connection c, Instant from, Instant end) throws SQLException {
        List<Station> stations = stations(c);
        List<Client> clients = clients(c);
        Map<String, Instant> deadFrom = new LinkedHashMap<>();
        Map<Station, Double> popularity = new HashMap<>();
        for (Station s : stations) {
            boolean dc = s.connectors().stream().anyMatch(k -> k.powerKw() >= 50);
            popularity.put(s, Math.exp(rnd.nextGaussian() * 0.5) * (dc ? 4.0 : 2.2) * Math.min(2, s.connectors().size()) / 1.5);
            if (rnd.nextDouble() < DEAD_SHARE) {
                long days = Duration.between(from, end).toDays();
                deadFrom.put(s.id(), end.minus(Duration.ofDays(8 + rnd.nextInt((int) Math.max(1, Math.min(40, days - 8))))));
            }
        }
        List<Planned> plan = plan(stations, popularity, deadFrom, from, end);
        for (Planned p : plan) {
            if (clients.isEmpty()) {
                break;
            }
            if (session(p, clients)) {
                sessions++;
            }
        }
        write(c);
        return List.copyOf(deadFrom.keySet());
    }

    /** When each session starts, where, and how long the car stays: a connector serves one car at a time. */
    private List<Planned> plan(List<Station> stations, Map<Station, Double> popularity, Map<String, Instant> deadFrom, Instant from, Instant end) {
        LocalDate first = from.atOffset(BISHKEK).toLocalDate();
        LocalDate last = end.atOffset(BISHKEK).toLocalDate();
        long days = Math.max(1, ChronoUnit.DAYS.between(first, last));
        double hourTotal = 0;
        for (double w : HOUR_WEIGHTS) {
            hourTotal += w;
        }
        List<Planned> out = new ArrayList<>();
        for (Station s : stations) {
            Map<Integer, Instant> busyUntil = new HashMap<>();
            Instant dead = deadFrom.getOrDefault(s.id(), Instant.MAX);
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                double growth = 0.55 + 0.45 * ChronoUnit.DAYS.between(first, d) / days;
                boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                double week = s.urban() ? (weekend ? (d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.7 : 0.85) : 1.0) : (weekend ? 1.35 : 0.9);
                int n = poisson(popularity.get(s) * growth * week);
                List<Instant> starts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int hour = hourOf(rnd.nextDouble() * hourTotal);
                    starts.add(d.atStartOfDay().plusHours(hour).plusSeconds(rnd.nextInt(3600)).toInstant(BISHKEK));
                }
                starts.sort(Comparator.naturalOrder());
                for (Instant t : starts) {
                    Connector k = s.connectors().get(rnd.nextInt(s.connectors().size()));
                    Duration length = k.powerKw() >= 50 ? Duration.ofMinutes(18 + rnd.nextInt(40)) : Duration.ofMinutes(50 + rnd.nextInt(230));
                    if (t.isBefore(from) || !t.plus(length).isBefore(end) || !t.isBefore(dead)
                            || busyUntil.getOrDefault(k.number(), Instant.MIN).isAfter(t)) {
                        continue;
                    }
                    busyUntil.put(k.number(), t.plus(length).plusSeconds(60 + rnd.nextInt(600)));
                    out.add(new Planned(t, s, k, length));
                }
            }
        }
        out.sort(Comparator.comparing(Planned::start));
        return out;
    }

    private static int hourOf(double x) {
        for (int h = 0; h < HOUR_WEIGHTS.length; h++) {
            x -= HOUR_WEIGHTS[h];
            if (x < 0) {
                return h;
            }
        }
        return 23;
    }

    private int poisson(double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** One planned session: a free client who tops up first when short, the reserve, the charge, the settlement. */
    private boolean session(Planned p, List<Client> clients) {
        Instant topupAt = p.start().minusSeconds(120 + rnd.nextInt(1500));
        Client client = null;
        for (int tries = 0; tries < 30 && client == null; tries++) {
            Client k = clients.get(rnd.nextInt(clients.size()));
            if (k.since.plusSeconds(3600).isBefore(topupAt) && !k.freeAt.isAfter(topupAt)) {
                client = k;
            }
        }
        if (client == null) {
            return false;
        }
        boolean unlimited = rnd.nextDouble() < 0.35;
        BigDecimal wanted = unlimited ? UNLIMITED_RESERVE : LIMITS[rnd.nextInt(LIMITS.length)];
        // a driver who charges without a limit keeps a cushion for a full battery; now and then one runs short and
        // production leaves the rest unpaid (no debt is kept), which the ledger then shows
        BigDecimal cushion = unlimited && rnd.nextDouble() < 0.97 ? UNLIMITED_CUSHION : wanted;
        if (client.balance.compareTo(cushion) < 0) {
            BigDecimal amount = TOPUPS[rnd.nextInt(TOPUPS.length)];
            while (client.balance.add(amount).compareTo(cushion) < 0) {
                amount = amount.add(bd(500));
            }
            money.add(new Money(topupAt, order++, client, "balance_topup", amount, client.balance, client.balance.add(amount), null, null));
            client.balance = client.balance.add(amount);
            topups++;
        }
        BigDecimal reserve = unlimited ? client.balance.min(UNLIMITED_RESERVE) : wanted;
        String sessionId = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
        Instant start = p.start();
        BigDecimal before = client.balance;
        BigDecimal after = before.subtract(reserve);
        money.add(new Money(start, order++, client, "charge_reserve", reserve.negate(), production ? after : before,
                production ? after.subtract(reserve) : after, sessionId, "Резервирование средств для зарядки " + p.station().id()));
        client.balance = after;
        String limitType = unlimited ? "none" : "amount";
        BigDecimal limitValue = unlimited ? BigDecimal.ZERO : reserve;
        if (rnd.nextDouble() < FAILED_STARTS) {
            // the station never started a transaction and rebooted: production's boot cleanup ends it in error
            Instant stop = start.plusSeconds(60 + rnd.nextInt(480));
            money.add(new Money(stop, order++, client, "charge_refund", reserve, BigDecimal.ZERO, BigDecimal.ZERO, sessionId,
                    "Возврат средств: станция перезагрузилась (сессия " + sessionId + ")"));
            client.balance = client.balance.add(reserve);
            client.freeAt = stop.plusSeconds(60);
            sessionRows.add(new Object[] {sessionId, client.id, p.station().id(), start, stop, BigDecimal.ZERO, BigDecimal.ZERO, "error", null,
                limitType, limitValue, start, reserve, reserve, reserve, false});
            failed++;
            return true;
        }
        // what the car takes: a DC charger's share of its power, an AC car's on-board charger; an amount limit stops it
        double kw = p.connector().powerKw() >= 50 ? p.connector().powerKw() * (0.45 + rnd.nextDouble() * 0.4)
                : Math.min(p.connector().powerKw(), rnd.nextBoolean() ? 7.4 : 11) * (0.8 + rnd.nextDouble() * 0.15);
        long wh = Math.round(kw * p.length().toSeconds() / 3.6);
        Duration length = p.length();
        if (!unlimited) {
            long most = reserve.divide(p.station().rate(), 3, RoundingMode.DOWN).movePointRight(3).longValue();
            if (wh > most) {
                length = Duration.ofSeconds(Math.max(120, length.toSeconds() * most / Math.max(1, wh)));
                wh = most;
            }
        }
        BigDecimal kwh = BigDecimal.valueOf(wh, 3);
        BigDecimal cost = kwh.multiply(p.station().rate()).setScale(2, RoundingMode.HALF_UP);
        Instant stop = start.plus(length);
        BigDecimal balance = client.balance;
        if (cost.compareTo(reserve) > 0) {
            BigDecimal extra = cost.subtract(reserve).min(balance.max(BigDecimal.ZERO));
            if (extra.signum() > 0) {
                money.add(new Money(stop, order++, client, "charge_payment", extra.negate(), balance, balance.subtract(extra), sessionId,
                        "Доплата за зарядку"));
                client.balance = balance.subtract(extra);
            }
        } else if (cost.compareTo(reserve) < 0) {
            BigDecimal refund = reserve.subtract(cost);
            money.add(new Money(stop, order++, client, "charge_refund", refund, balance, balance.add(refund), sessionId,
                    "Возврат неиспользованного резерва"));
            client.balance = balance.add(refund);
        }
        client.freeAt = stop.plusSeconds(300);
        Instant txStart = start.plusSeconds(8);
        long meterStart = 100_000 + rnd.nextInt(9_000_000);
        // production numbers a station's transactions by the clock's second; two connectors starting in one second take the next
        int txId = (int) txStart.getEpochSecond();
        while (!txIds.add(p.station().id() + "#" + txId)) {
            txId++;
        }
        sessionRows.add(new Object[] {sessionId, client.id, p.station().id(), start, stop, kwh, cost, "stopped", Integer.toString(txId),
            limitType, limitValue, start, reserve, reserve, reserve, true});
        transactionRows.add(new Object[] {txId, p.station().id(), p.connector().number(), "EVP" + client.id.substring(0, 8),
            BigDecimal.valueOf(meterStart), BigDecimal.valueOf(meterStart + wh), txStart, stop, rnd.nextDouble() < 0.6 ? "Remote" : "EVDisconnected",
            sessionId, "Stopped", txStart, stop});
        return true;
    }

    private void write(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO charging_sessions (id, user_id, station_id, start_time, stop_time, energy,"
                + " amount, status, transaction_id, limit_type, limit_value, created_at, final_amount, reserved_amount, base_amount,"
                + " payment_processed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            batch(s, sessionRows);
        }
        try (PreparedStatement t = c.prepareStatement("INSERT INTO ocpp_transactions (transaction_id, station_id, connector_id, id_tag,"
                + " meter_start, meter_stop, start_timestamp, stop_timestamp, stop_reason, charging_session_id, status, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            batch(t, transactionRows);
        }
        money.sort(Comparator.comparing(Money::at).thenComparingLong(Money::order));
        java.util.Set<Client> touched = new java.util.LinkedHashSet<>();
        try (PaidTopups pay = new PaidTopups(c)) {
            int n = 0;
            for (Money m : money) {
                if ("balance_topup".equals(m.type())) {
                    pay.add(m.client().id, m.client().phone, m.amount(), m.before(), m.at().minusSeconds(45), invoice++);
                } else {
                    pay.ledger(m.client().id, m.type(), m.amount(), m.before(), m.after(), m.sessionId(), m.description(), m.at());
                }
                touched.add(m.client());
                if (++n % 2000 == 0) {
                    pay.flush();
                    c.commit(); // committed in parts: one transaction of a few hundred thousand rows costs H2 seconds more
                }
            }
            pay.flush();
        }
        try (PreparedStatement b = c.prepareStatement("UPDATE clients SET balance = balance + ? WHERE id = ?")) {
            for (Client k : touched) {
                Database.bind(b, k.balance.subtract(k.initial), k.id);
                b.addBatch();
            }
            b.executeBatch();
        }
    }

    private static void batch(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        int n = 0;
        for (Object[] r : rows) {
            Database.bind(ps, r);
            ps.addBatch();
            if (++n % 2000 == 0) {
                ps.executeBatch();
                ps.getConnection().commit(); // in parts, as the money rows
            }
        }
        ps.executeBatch();
    }

    private static List<Station> stations(Connection c) throws SQLException {
        Map<String, Station> out = new LinkedHashMap<>();
        List<Object[]> rows = Database.query(c, "SELECT s.id, l.city, s.price_per_kwh, k.connector_number, k.power_kw FROM stations s"
                + " JOIN locations l ON l.id = s.location_id JOIN connectors k ON k.station_id = s.id"
                + " WHERE s.status = 'active' AND s.is_available = TRUE ORDER BY s.id, k.connector_number",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getBigDecimal(5)});
        for (Object[] r : rows) {
            String city = (String) r[1];
            BigDecimal rate = r[2] == null || ((BigDecimal) r[2]).signum() <= 0 ? new BigDecimal("12") : (BigDecimal) r[2];
            Station s = out.computeIfAbsent((String) r[0], id -> new Station(id, !RESORTS.contains(city), rate,
                    new ArrayList<>()));
            s.connectors().add(new Connector((Integer) r[3], r[4] == null ? 22 : ((BigDecimal) r[4]).doubleValue()));
        }
        return new ArrayList<>(out.values());
    }

    private static List<Client> clients(Connection c) throws SQLException {
        return Database.query(c, "SELECT id, phone, created_at, balance FROM clients WHERE status = 'active' AND phone NOT LIKE '+996700%'"
                + " ORDER BY id", rs -> new Client(rs.getString(1), rs.getString(2), Database.instant(rs, "created_at"), rs.getBigDecimal(4)));
    }

    private static BigDecimal bd(long v) {
        return BigDecimal.valueOf(v);
    }
}
