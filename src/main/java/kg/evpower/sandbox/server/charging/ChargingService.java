package kg.evpower.sandbox.server.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;

/**
 * Production's v1 charging money paths (contract §3.2, §6.5, §7.3), over the sandbox database: start reserves funds
 * and occupies the connector, a stop through the API settles the reserve against energy × rate, status reads a
 * session the way the public polling endpoint does. The defects production has here are reproduced on purpose (the
 * reserve's ledger row records the balance after the debit as "before"; a stop through the API does not set
 * {@code payment_processed}; a stop frees every connector of the station), because the console's reconciliation must
 * see them. No HTTP here: {@link Refusal} carries the error code and message production answers with.
 */
public final class ChargingService {

    /** The rate when a station has none (contract §6.5, API paths). */
    public static final BigDecimal DEFAULT_RATE = new BigDecimal("13.5");
    /** The unlimited session's reserve cap before the session fee (contract §3.2). */
    static final BigDecimal UNLIMITED_RESERVE = new BigDecimal("200");
    static final BigDecimal MIN_RESERVE = new BigDecimal("10");

    private final Database db;
    private final Supplier<Instant> clock;
    private final MoneyMode mode;
    private final List<SessionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With the money mode deciding, per opportunity, whether production's defective path is taken. */
    public ChargingService(Database db, Supplier<Instant> clock, MoneyMode mode) {
        this.db = db;
        this.clock = clock;
        this.mode = mode;
    }

    /** Tells every listener; one that fails is logged and does not undo or block the committed change. */
    private void tell(java.util.function.Consumer<SessionListener> event) {
        for (SessionListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ChargingService.class).warn("session listener failed: {}", e.toString());
            }
        }
    }

    /** Someone to hear of sessions starting, metering and stopping (after each commit). */
    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** A business refusal: production answers HTTP 200 with {@code success:false}, this code, message and extras. */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final transient Map<String, Object> extra;

        public Refusal(String code, String message, Object... extra) {
            super(message, null, false, false);
            this.code = code;
            this.extra = new LinkedHashMap<>();
            for (int i = 0; i + 1 < extra.length; i += 2) {
                this.extra.put((String) extra[i], extra[i + 1]);
            }
        }

        public String code() {
            return code;
        }

        public Map<String, Object> extra() {
            return extra;
        }
    }

    /** What the station charges (only the per-kWh rate and the session fee are used by production's money paths). */
    public record Pricing(BigDecimal ratePerKwh, BigDecimal sessionFee) {
    }

    public record Started(String sessionId, String stationId, String clientId, int connectorId, BigDecimal energyKwh,
                          Pricing pricing, BigDecimal estimatedCost, BigDecimal reserved, BigDecimal newBalance,
                          String limitType, boolean stationOnline) {
    }

    public record Stopped(String sessionId, String stationId, String clientId, Instant startTime, Instant stopTime,
                          BigDecimal energyKwh, BigDecimal rate, BigDecimal reserved, BigDecimal actualCost,
                          BigDecimal refund, BigDecimal newBalance, boolean stationOnline) {
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * {@code POST /api/v1/charging/start}, checks in production's order.
     *
     * @param energyKwh  null for none
     * @param amountSom  null for none
     * @param online     whether the station is connected now (decides the message; the command itself is the
     *                   simulation's business)
     */
    public Started start(String clientId, String stationId, int connectorId, BigDecimal energyKwh, BigDecimal amountSom,
                         java.util.function.Predicate<String> online) {
        Instant now = clock.get();
        Started started = db.tx(c -> {
            // 1. the client
            List<Object[]> client = Database.query(c, "SELECT balance, status FROM clients WHERE id = ? FOR UPDATE",
                    rs -> new Object[] {rs.getBigDecimal(1), rs.getString(2)}, clientId);
            if (client.isEmpty()) {
                throw new Refusal("client_not_found", "Клиент не найден");
            }
            BigDecimal balance = money((BigDecimal) client.get(0)[0]);
            String clientStatus = (String) client.get(0)[1];
            if ("pending_deletion".equals(clientStatus)) {
                throw new Refusal("account_deletion_pending", "Аккаунт ожидает удаления");
            }
            if ("blocked".equals(clientStatus)) {
                throw new Refusal("account_blocked", "Аккаунт заблокирован");
            }
            // 2. the station: active and available
            ChargingRows.StationRow st = ChargingRows.station(c, stationId).orElseThrow(() -> new Refusal("station_not_found", "Станция не найдена или неактивна"));
            if (!"active".equals(st.status())) {
                throw new Refusal("station_not_found", "Станция не найдена или неактивна");
            }
            if (!st.available()) {
                if (st.heartbeat() == null) {
                    throw new Refusal("station_never_connected", "Станция ещё ни разу не подключалась");
                }
                long minutes = Math.max(0, Duration.between(st.heartbeat(), now).toMinutes());
                throw new Refusal("station_offline", "Станция недоступна (офлайн " + minutes + " минут)");
            }
            // 3. pricing
            Pricing pricing = ChargingRows.pricing(st);
            // 4. the reserve against the balance
            BigDecimal estimated = energyKwh == null ? null : money(energyKwh.multiply(pricing.ratePerKwh()).add(pricing.sessionFee()));
            BigDecimal reserve;
            String limitType;
            BigDecimal limitValue;
            if (energyKwh != null && amountSom != null) {
                reserve = money(estimated.min(amountSom));
                limitType = "energy";
                limitValue = energyKwh;
            } else if (amountSom != null) {
                if (amountSom.compareTo(balance) > 0) {
                    throw new Refusal("amount_exceeds_balance", "Сумма превышает баланс", "current_balance", balance.doubleValue(),
                            "requested_amount", amountSom.doubleValue());
                }
                reserve = money(amountSom);
                limitType = "amount";
                limitValue = amountSom;
            } else if (energyKwh != null) {
                reserve = estimated;
                limitType = "energy";
                limitValue = energyKwh;
            } else {
                if (balance.signum() <= 0) {
                    throw new Refusal("zero_balance", "Баланс равен нулю. Пополните баланс", "current_balance", balance.doubleValue());
                }
                reserve = money(balance.min(UNLIMITED_RESERVE.add(pricing.sessionFee())));
                if (reserve.compareTo(MIN_RESERVE) < 0) {
                    throw new Refusal("insufficient_balance", "Недостаточно средств. Минимум 10 сом", "current_balance",
                            balance.doubleValue(), "required_amount", MIN_RESERVE.doubleValue());
                }
                limitType = "none";
                limitValue = BigDecimal.ZERO;
            }
            if (reserve.compareTo(balance) > 0) {
                throw new Refusal("insufficient_balance", "Недостаточно средств на балансе", "current_balance", balance.doubleValue(),
                        "required_amount", reserve.doubleValue());
            }
            // 5. the connector
            List<String> conn = Database.query(c, "SELECT status FROM connectors WHERE station_id = ? AND connector_number = ?",
                    rs -> rs.getString(1), stationId, connectorId);
            if (conn.isEmpty()) {
                throw new Refusal("connector_not_found", "Коннектор не найден");
            }
            if (!"available".equals(conn.get(0))) {
                throw new Refusal("connector_occupied", "Коннектор занят");
            }
            // 6. one session at a time
            if (!Database.query(c, "SELECT id FROM charging_sessions WHERE user_id = ? AND status = 'started'", rs -> rs.getString(1),
                    clientId).isEmpty()) {
                throw new Refusal("session_already_active", "У вас уже есть активная сессия зарядки");
            }
            // side effects
            BigDecimal after = balance.subtract(reserve);
            Database.update(c, "UPDATE clients SET balance = ?, updated_at = ? WHERE id = ?", after, now, clientId);
            String sessionId = UUID.randomUUID().toString();
            Database.update(c, "INSERT INTO charging_sessions (id, user_id, station_id, start_time, status, limit_type, limit_value,"
                    + " amount, final_amount, reserved_amount, energy, payment_processed, created_at)"
                    + " VALUES (?, ?, ?, ?, 'started', ?, ?, ?, ?, ?, 0, FALSE, ?)",
                    sessionId, clientId, stationId, now, limitType, limitValue, reserve, reserve, reserve, now);
            // production's defect: "before" is the balance after the debit, "after" subtracts the reserve again
            boolean prod = mode.production();
            Database.update(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before,"
                    + " balance_after, charging_session_id, description, created_at) VALUES (?, 'charge_reserve', ?, ?, ?, ?, ?, ?)",
                    clientId, reserve.negate(), prod ? after : balance, prod ? after.subtract(reserve) : after, sessionId,
                    "Резервирование средств для зарядки " + stationId, now);
            Database.update(c, "UPDATE connectors SET status = 'occupied', last_status_update = ? WHERE station_id = ? AND connector_number = ?",
                    now, stationId, connectorId);
            return new Started(sessionId, stationId, clientId, connectorId, energyKwh, pricing, estimated, reserve, after, limitType,
                    online.test(stationId));
        });
        tell(l -> l.sessionStarted(started.sessionId(), stationId));
        tell(l -> l.clientStarted(started));
        return started;
    }

    /** {@code POST /api/v1/charging/stop} by the session's own client. */
    public Stopped stop(String clientId, String sessionId, java.util.function.Predicate<String> online) {
        Stopped stopped = settle(clientId, sessionId, online);
        tell(l -> l.clientStopped(stopped));
        return stopped;
    }

    /**
     * Production's hanging-session job (12 h, or 10 min without a transaction): the same settlement as a stop through
     * the API, billed on the measured energy, with no owner check.
     */
    public Stopped stopBySystem(String sessionId) {
        return settle(null, sessionId, id -> false);
    }

    /**
     * The operator API's stop (contract §9.2 item 7, proposed): the API stop's settlement, but done right —
     * {@code payment_processed} is set, so the station's StopTransaction does not settle again — and written to the
     * audit table with who and why, in the same transaction.
     */
    public Stopped stopByAdmin(String sessionId, String adminUserId, String reason) {
        return settle(null, sessionId, id -> false, (c, stopped) -> {
            Database.update(c, "UPDATE charging_sessions SET payment_processed = TRUE WHERE id = ?", sessionId);
            Database.update(c, "INSERT INTO admin_session_stops (session_id, stopped_by, reason, actual_cost, refund, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", sessionId, adminUserId, reason, stopped.actualCost(), stopped.refund(), stopped.stopTime());
        });
    }

    /** More work in the settlement's transaction. */
    @FunctionalInterface
    private interface AfterSettle {
        void run(Connection c, Stopped stopped) throws SQLException;
    }

    private Stopped settle(String requiredClient, String sessionId, java.util.function.Predicate<String> online) {
        return settle(requiredClient, sessionId, online, (c, stopped) -> { });
    }

    private Stopped settle(String requiredClient, String sessionId, java.util.function.Predicate<String> online, AfterSettle after) {
        Stopped stopped = settleInTx(requiredClient, sessionId, online, after);
        tell(l -> l.sessionStopped(sessionId, stopped.stationId()));
        return stopped;
    }

    private Stopped settleInTx(String requiredClient, String sessionId, java.util.function.Predicate<String> online, AfterSettle after) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<Object[]> rows = Database.query(c, "SELECT user_id, station_id, status, start_time, energy, reserved_amount, amount"
                    + " FROM charging_sessions WHERE id = ? FOR UPDATE",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)}, sessionId);
            if (rows.isEmpty() || !"started".equals(rows.get(0)[2])) {
                throw new Refusal("session_not_found", "Активная сессия зарядки не найдена");
            }
            Object[] s = rows.get(0);
            if (requiredClient != null && !requiredClient.equals(s[0])) {
                throw new Refusal("access_denied", "У вас нет прав для остановки этой сессии");
            }
            String clientId = (String) s[0];
            String stationId = (String) s[1];
            BigDecimal energy = ChargingRows.energyOf(c, sessionId, (BigDecimal) s[4]);
            ChargingRows.StationRow st = ChargingRows.station(c, stationId).orElseThrow(() -> new Refusal("internal_error", "Станция не найдена"));
            BigDecimal rate = st.price() != null && st.price().signum() > 0 ? st.price() : DEFAULT_RATE;
            BigDecimal cost = money(energy.multiply(rate));
            BigDecimal reserved = money(s[5] == null ? (BigDecimal) s[6] : (BigDecimal) s[5]);
            BigDecimal balance = money(Database.query(c, "SELECT balance FROM clients WHERE id = ? FOR UPDATE", rs -> rs.getBigDecimal(1),
                    clientId).get(0));
            BigDecimal refund = BigDecimal.ZERO.setScale(2);
            BigDecimal balanceAfter = balance;
            if (cost.compareTo(reserved) > 0) {
                BigDecimal extra = cost.subtract(reserved).min(balance.max(BigDecimal.ZERO));
                balanceAfter = balance.subtract(extra);
                if (extra.signum() > 0) {
                    ChargingRows.ledger(c, clientId, "charge_payment", extra.negate(), balance, balanceAfter, sessionId, "Доплата за зарядку", now);
                }
            } else {
                refund = reserved.subtract(cost);
                balanceAfter = balance.add(refund);
                if (refund.signum() > 0) {
                    ChargingRows.ledger(c, clientId, "charge_refund", refund, balance, balanceAfter, sessionId, "Возврат неиспользованного резерва", now);
                }
            }
            balanceAfter = balanceAfter.add(drift(c, clientId, sessionId, now));
            Database.update(c, "UPDATE clients SET balance = ?, updated_at = ? WHERE id = ?", balanceAfter, now, clientId);
            // production's later _finalize_session: payment_processed stays false (so the station's StopTransaction settles
            // again), and every connector is freed; fixed, the settlement is marked processed
            boolean processed = !mode.defective(Defect.DOUBLE_REFUND);
            Database.update(c, "UPDATE charging_sessions SET status = 'stopped', stop_time = ?, energy = ?, amount = ?,"
                    + " payment_processed = ? WHERE id = ?", now, energy, cost, processed, sessionId);
            Database.update(c, "UPDATE connectors SET status = 'available', last_status_update = ? WHERE station_id = ?", now, stationId);
            Instant started = s[3] == null ? null : ((OffsetDateTime) s[3]).toInstant();
            Stopped stopped = new Stopped(sessionId, stationId, clientId, started, now, energy, rate, reserved, cost, refund, balanceAfter,
                    online.test(stationId));
            after.run(c, stopped);
            return stopped;
        });
    }

    /** The rate the station-initiated stop uses when the station has none (contract §6.5, ws path). */
    public static final BigDecimal WS_DEFAULT_RATE = new BigDecimal("12.0");

    /** One MeterValues sample of a transaction; null for what the station does not measure. */
    public record Sample(Instant timestamp, BigDecimal energyWh, BigDecimal powerW, BigDecimal currentA, BigDecimal voltageV,
                         BigDecimal socPercent) {
    }

    /**
     * StartTransaction from a station: binds the OCPP transaction to the session waiting on that station (production
     * keeps it under {@code pending:{station}:{connector}}), with the OCPP transaction id = unix seconds (the next free
     * one on that station).
     *
     * @return the OCPP transaction id, or empty when no session waits there (production then still accepts it)
     */
    public Optional<Integer> startTransaction(String stationId, int connectorId, String idTag, BigDecimal meterStartWh) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<String> waiting = Database.query(c, "SELECT s.id FROM charging_sessions s WHERE s.station_id = ? AND s.status = 'started'"
                    + " AND NOT EXISTS (SELECT 1 FROM ocpp_transactions t WHERE t.charging_session_id = s.id)"
                    + " ORDER BY s.start_time DESC LIMIT 1", rs -> rs.getString(1), stationId);
            // production numbers transactions by the clock's second; two starts on one station in the same second would
            // share an id, and StopTransaction would then close the wrong one, so the sandbox takes the next free second
            int txId = (int) Math.max(now.getEpochSecond(), Database.query(c, "SELECT COALESCE(MAX(transaction_id), 0) + 1"
                    + " FROM ocpp_transactions WHERE station_id = ?", rs -> rs.getLong(1), stationId).get(0));
            Database.update(c, "INSERT INTO ocpp_transactions (transaction_id, station_id, connector_id, id_tag, meter_start, start_timestamp,"
                    + " charging_session_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'Started', ?, ?)",
                    txId, stationId, connectorId, idTag, meterStartWh, now, waiting.isEmpty() ? null : waiting.get(0), now, now);
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            Database.update(c, "UPDATE charging_sessions SET transaction_id = ? WHERE id = ?", String.valueOf(txId), waiting.get(0));
            return Optional.of(txId);
        });
    }

    /** MeterValues: stored as production stores them, and the session's energy follows the register live. */
    public void meterValues(String stationId, int connectorId, int transactionId, Sample m) {
        Metered session = db.tx(c -> {
            List<Object[]> tx = Database.query(c, "SELECT id, meter_start, charging_session_id FROM ocpp_transactions WHERE transaction_id = ?"
                    + " AND station_id = ? ORDER BY id DESC LIMIT 1", rs -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getString(3)},
                    transactionId, stationId);
            Long key = tx.isEmpty() ? null : (Long) tx.get(0)[0];
            StringBuilder sampled = new StringBuilder("[");
            ChargingRows.appendSample(sampled, "Energy.Active.Import.Register", m.energyWh(), "Wh");
            ChargingRows.appendSample(sampled, "Power.Active.Import", m.powerW(), "W");
            ChargingRows.appendSample(sampled, "Current.Import", m.currentA(), "A");
            ChargingRows.appendSample(sampled, "Voltage", m.voltageV(), "V");
            ChargingRows.appendSample(sampled, "SoC", m.socPercent(), "Percent");
            sampled.append(']');
            Database.update(c, "INSERT INTO ocpp_meter_values (transaction_id, ocpp_transaction_id, station_id, connector_id, timestamp,"
                    + " sampled_values, energy_active_import_register, power_active_import, current_import, voltage, soc, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", transactionId, key, stationId, connectorId, m.timestamp(),
                    sampled.toString(), m.energyWh(), m.powerW(), m.currentA(), m.voltageV(), m.socPercent(), clock.get());
            if (!tx.isEmpty() && tx.get(0)[2] != null && tx.get(0)[1] != null && m.energyWh() != null) {
                BigDecimal kwh = m.energyWh().subtract((BigDecimal) tx.get(0)[1]).divide(BigDecimal.valueOf(1000), 4, RoundingMode.HALF_UP)
                        .max(BigDecimal.ZERO);
                if (Database.update(c, "UPDATE charging_sessions SET energy = ? WHERE id = ? AND status = 'started'", kwh, tx.get(0)[2]) > 0) {
                    return new Metered((String) tx.get(0)[2], kwh);
                }
            }
            return null;
        });
        if (session != null) {
            tell(l -> l.meterUpdate(session.sessionId(), stationId, connectorId, m, session.energyKwh()));
        }
    }

    /** A running session whose energy a sample moved on. */
    private record Metered(String sessionId, BigDecimal energyKwh) {
    }

    /**
     * StopTransaction from a station (EV unplugged, limit reached at the station, a stop from its display, or the
     * answer to a RemoteStopTransaction). Production's ws path, defects included (contract §7.3, §7.5): rate from the
     * station or 12.0; when {@code payment_processed} is false, an extra charge is taken with no balance check and
     * logged as a negative {@code balance_topup} without a session id, and a refund is added with no ledger row at all.
     * A stop through the API leaves {@code payment_processed} false, so its StopTransaction refunds a second time.
     *
     * @return the session it settled, if any
     */
    public Optional<String> stopTransaction(String stationId, int transactionId, BigDecimal meterStopWh, String reason) {
        WsStop stop = stopTransactionInTx(stationId, transactionId, meterStopWh, reason);
        if (stop.settled()) {
            tell(l -> l.sessionStopped(stop.sessionId(), stationId));
        }
        return Optional.ofNullable(stop.sessionId());
    }

    /**
     * Production's BootNotification cleanup ({@code ws_handler.py}, contract §5.2): every session on the station that is
     * {@code started} without a transaction ends in {@code error} with energy and amount 0, its amount is refunded in
     * full with a {@code charge_refund} ledger row (balance before/after left at the column defaults, as production
     * writes it), and the station's occupied connectors are freed.
     *
     * @return the sessions it ended
     */
    public List<String> bootCleanup(String stationId) {
        Instant now = clock.get();
        List<String> ended = db.tx(c -> {
            List<Object[]> hanging = Database.query(c, "SELECT id, user_id, amount FROM charging_sessions WHERE station_id = ?"
                    + " AND status = 'started' AND transaction_id IS NULL FOR UPDATE", rs -> new Object[] {rs.getString(1), rs.getString(2),
                        rs.getBigDecimal(3)}, stationId);
            List<String> ids = new ArrayList<>();
            for (Object[] h : hanging) {
                String sessionId = (String) h[0];
                BigDecimal reserved = (BigDecimal) h[2];
                Database.update(c, "UPDATE charging_sessions SET status = 'error', stop_time = ?, energy = 0, amount = 0 WHERE id = ?", now,
                        sessionId);
                if (reserved != null && reserved.signum() > 0) {
                    Database.update(c, "UPDATE clients SET balance = balance + ?, updated_at = ? WHERE id = ?", reserved, now, h[1]);
                    Database.update(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before,"
                            + " balance_after, charging_session_id, description, created_at) VALUES (?, 'charge_refund', ?, 0, 0, ?, ?, ?)",
                            h[1], reserved, sessionId, "Возврат средств: станция перезагрузилась (сессия " + sessionId + ")", now);
                }
                Database.update(c, "UPDATE connectors SET status = 'available', error_code = 'NoError', last_status_update = ?"
                        + " WHERE station_id = ? AND status = 'occupied'", now, stationId);
                ids.add(sessionId);
            }
            return ids;
        });
        for (String id : ended) {
            tell(l -> l.sessionStopped(id, stationId));
        }
        return ended;
    }

    /** What a StopTransaction did: its session (null when none) and whether it settled money. */
    private record WsStop(String sessionId, boolean settled) {
    }

    private WsStop stopTransactionInTx(String stationId, int transactionId, BigDecimal meterStopWh, String reason) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<Object[]> tx = Database.query(c, "SELECT id, meter_start, charging_session_id FROM ocpp_transactions WHERE transaction_id = ?"
                    + " AND station_id = ? ORDER BY id DESC LIMIT 1", rs -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getString(3)},
                    transactionId, stationId);
            if (tx.isEmpty()) {
                return new WsStop(null, false);
            }
            Database.update(c, "UPDATE ocpp_transactions SET meter_stop = ?, stop_timestamp = ?, stop_reason = ?, status = 'Stopped',"
                    + " updated_at = ? WHERE id = ?", meterStopWh, now, reason == null ? "Local" : reason, now, tx.get(0)[0]);
            String sessionId = (String) tx.get(0)[2];
            if (sessionId == null) {
                return new WsStop(null, false);
            }
            List<Object[]> rows = Database.query(c, "SELECT user_id, reserved_amount, amount, payment_processed, stop_time, status"
                    + " FROM charging_sessions WHERE id = ? FOR UPDATE", rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6)}, sessionId);
            if (rows.isEmpty() || Boolean.TRUE.equals(rows.get(0)[3])) {
                return new WsStop(sessionId, false);
            }
            Object[] s = rows.get(0);
            String clientId = (String) s[0];
            BigDecimal start = tx.get(0)[1] == null ? BigDecimal.ZERO : (BigDecimal) tx.get(0)[1];
            BigDecimal energy = meterStopWh.subtract(start).divide(BigDecimal.valueOf(1000), 4, RoundingMode.HALF_UP).max(BigDecimal.ZERO);
            BigDecimal price = ChargingRows.station(c, stationId).map(ChargingRows.StationRow::price).filter(p -> p.signum() > 0).orElse(WS_DEFAULT_RATE);
            BigDecimal cost = money(energy.multiply(price));
            BigDecimal reserved = money(s[1] == null ? (BigDecimal) s[2] : (BigDecimal) s[1]);
            BigDecimal balance = money(Database.query(c, "SELECT balance FROM clients WHERE id = ? FOR UPDATE", rs -> rs.getBigDecimal(1),
                    clientId).get(0));
            // a session already stopped through the API settles a second time here (production's shadowed finalizer)
            boolean second = "stopped".equals(s[5]);
            BigDecimal after;
            if (cost.compareTo(reserved) > 0) {
                BigDecimal extra = cost.subtract(reserved);
                after = balance.subtract(extra); // no balance check: it may go negative
                if (second || mode.defective(Defect.EXTRA_CHARGE_AS_TOPUP)) {
                    Database.update(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before,"
                            + " balance_after, description, created_at) VALUES (?, 'balance_topup', ?, ?, ?, ?, ?)", clientId, extra.negate(),
                            balance, after, "Доплата за зарядку (станция)", now);
                    MoneyMode.record(c, second ? Defect.DOUBLE_CHARGE : Defect.EXTRA_CHARGE_AS_TOPUP, clientId, null, sessionId, extra, now,
                            second ? "station's StopTransaction charged again after a stop through the API" : "extra charge logged as a topup");
                } else {
                    ChargingRows.ledger(c, clientId, "charge_payment", extra.negate(), balance, after, sessionId, "Доплата за зарядку (станция)", now);
                }
            } else {
                BigDecimal refund = reserved.subtract(cost);
                after = balance.add(refund);
                if (refund.signum() > 0) {
                    if (second || mode.defective(Defect.REFUND_UNLOGGED)) {
                        // the refund is real, but nothing in the ledger says so
                        MoneyMode.record(c, second ? Defect.DOUBLE_REFUND : Defect.REFUND_UNLOGGED, clientId, null, sessionId, refund, now,
                                second ? "station's StopTransaction refunded again after a stop through the API" : "refund with no ledger row");
                    } else {
                        ChargingRows.ledger(c, clientId, "charge_refund", refund, balance, after, sessionId,
                                "Возврат неиспользованного резерва (станция)", now);
                    }
                }
            }
            if (!second) {
                after = after.add(drift(c, clientId, sessionId, now));
            }
            Database.update(c, "UPDATE clients SET balance = ?, updated_at = ? WHERE id = ?", after, now, clientId);
            Database.update(c, "UPDATE charging_sessions SET status = 'stopped', stop_time = COALESCE(stop_time, ?), energy = ?, amount = ?,"
                    + " payment_processed = TRUE WHERE id = ?", now, energy, cost, sessionId);
            return new WsStop(sessionId, true);
        });
    }

    /**
     * Production's lost update, at the balance-drift rate: a settlement's balance write races another and the client's
     * balance ends up off by a few som, with nothing in the ledger. Returns the drift to add (zero when none).
     */
    private BigDecimal drift(Connection c, String clientId, String sessionId, Instant now) throws SQLException {
        if (!mode.defective(Defect.BALANCE_DRIFT)) {
            return BigDecimal.ZERO;
        }
        BigDecimal drift = mode.amount(1, 40);
        MoneyMode.record(c, Defect.BALANCE_DRIFT, clientId, null, sessionId, drift, now, "lost update of the balance");
        return drift;
    }
}
