package kg.evpower.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows statistics are made of — each session with its connector and ledger net, each OCPP transaction — held in
 * memory column by column in start order, so a year of a 10,000-station network is summed in a few hundred
 * milliseconds instead of being aggregated by the database for every screen. The figures are {@link StatsEngine}'s,
 * by the same definitions ({@link Figures}); tests hold the two to the same report on H2 and PostgreSQL.
 *
 * <p>It is loaded once and then kept current by {@link #refresh}: the last {@link #TAIL} of sessions and transactions is
 * read again whole; older rows are read again only while they are open (a session still {@code started} or without a
 * stop time, a transaction without a stop — production's boot cleanup may end one days later); a session's ledger net
 * is read again when a charge row for it was written since the last refresh (a refund long after the stop). Rows of
 * stations that have no {@code stations} row, or sessions without a start time, are kept out as the SQL keeps them out.
 *
 * <p>Money and energy are kept as integers of 10⁻⁹ (som, kWh): exact for every value with nine decimals or fewer,
 * which is all the sandbox writes and every value production's {@code numeric} columns held in the copies examined;
 * a longer value is rounded there, half-even, and {@link #rounded()} says so. Times are kept in microseconds.
 * Thread-safe: reads and refreshes take turns.
 */
public final class StatsIndex {

    /** How far back sessions and transactions are read again whole on each refresh. */
    public static final Duration TAIL = Duration.ofHours(1);
    /** How much earlier than the last refresh a charge row may carry as its time and still be found (commit delays, clocks). */
    static final Duration LATE_LEDGER = Duration.ofMinutes(10);
    private static final int SCALE = 9;
    private static final long NONE = Long.MIN_VALUE;
    private static final byte STARTED = 0;
    private static final byte STOPPED = 1;
    private static final byte ERROR = 2;
    private static final byte OTHER = 3;
    /** Ids asked at once when open rows are read again (PostgreSQL takes up to 32,767 parameters). */
    private static final int CHUNK = 500;

    private final Map<String, Integer> stationIndex = new HashMap<>();
    private final List<String> stationIds = new ArrayList<>();
    private final Map<Long, Integer> cellIndex = new HashMap<>();
    private int[] cellStation = new int[256];
    private int[] cellConnector = new int[256];
    private int cellCount;

    // sessions, in start order
    private int n;
    private int[] sCell = new int[1024];
    private long[] sStart = new long[1024];
    private long[] sStop = new long[1024];
    private byte[] sStatus = new byte[1024];
    private long[] sEnergy = new long[1024];
    private long[] sAmount = new long[1024];
    private long[] sNet = new long[1024];
    private int[] sHash = new int[1024];
    // OCPP transactions with a connector, in start order
    private int m;
    private int[] tCell = new int[1024];
    private long[] tStart = new long[1024];
    private long[] tStop = new long[1024];

    /** Sessions before the tail that may still change: id → row. */
    private final Map<String, Integer> openSessions = new HashMap<>();
    /** Transactions before the tail without a stop: id → row. */
    private final Map<Long, Integer> openTransactions = new HashMap<>();
    /** The tail's ids, row by row, so that rows falling out of the tail can be remembered while open. */
    private final List<String> tailSessionIds = new ArrayList<>();
    private final List<Long> tailTransactionIds = new ArrayList<>();
    private Instant floor;
    private Instant refreshed;
    private int energyScale;
    private int amountScale;
    private int netScale;
    private boolean rounded;

    /** What the last refresh read, for the logs and the benchmark. */
    public record Refresh(long millis, int sessions, int transactions, int reopened, int ledgerNets) {
    }

    /** Heap bytes a session and a transaction take (their columns), for {@link #load(Connection, Instant, long)}'s limit. */
    static final int SESSION_BYTES = 4 + 8 + 8 + 1 + 8 + 8 + 8 + 4;
    static final int TRANSACTION_BYTES = 4 + 8 + 8;

    /** The rows would not fit in the heap allowed: the database keeps answering. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Everything in the database up to {@code now}, read in the connection's snapshot. */
    public static StatsIndex load(Connection c, Instant now) throws SQLException {
        return load(c, now, Long.MAX_VALUE);
    }

    /**
     * Everything in the database up to {@code now}, read in the connection's snapshot, unless the rows would take more
     * than {@code maxBytes} of heap ({@link TooLarge}, before anything is read but the two counts).
     */
    public static StatsIndex load(Connection c, Instant now, long maxBytes) throws SQLException {
        long[] counts = new long[2];
        StatsEngine.query(c, "SELECT (SELECT COUNT(*) FROM charging_sessions), (SELECT COUNT(*) FROM ocpp_transactions)", List.of(), rs -> {
            counts[0] = rs.getLong(1);
            counts[1] = rs.getLong(2);
        });
        long need = counts[0] * SESSION_BYTES + counts[1] * TRANSACTION_BYTES;
        if (need > maxBytes || counts[0] > Integer.MAX_VALUE / 2 || counts[1] > Integer.MAX_VALUE / 2) {
            throw new TooLarge(String.format("%,d sessions and %,d transactions need ~%,d MB; %,d MB allowed", counts[0], counts[1], need >> 20,
                    maxBytes >> 20));
        }
        StatsIndex index = new StatsIndex();
        index.sessionCapacity((int) (counts[0] + counts[0] / 16 + 1024));
        index.transactionCapacity((int) (counts[1] + counts[1] / 16 + 1024));
        index.refresh(c, now);
        return index;
    }

    /** Sessions held. */
    public synchronized int sessions() {
        return n;
    }

    /** Transactions held. */
    public synchronized int transactions() {
        return m;
    }

    /** When the rows were last read. */
    public synchronized Instant refreshed() {
        return refreshed;
    }

    /** Whether some money or energy value had more than nine decimals and was rounded (sums may then be off by 10⁻⁹ each). */
    public synchronized boolean rounded() {
        return rounded;
    }

    /** Rough bytes the rows take on the heap. */
    public synchronized long bytes() {
        return (long) sStart.length * SESSION_BYTES + (long) tStart.length * TRANSACTION_BYTES + (long) cellStation.length * 8
                + stationIds.size() * 80L;
    }

    /** Reads again what may have changed since the last refresh (the whole database the first time). */
    public synchronized Refresh refresh(Connection c, Instant now) throws SQLException {
        long t0 = System.nanoTime();
        Instant newFloor = now.minus(TAIL);
        if (floor != null && newFloor.isBefore(floor)) {
            newFloor = floor;
        }
        long floorMicros = micros(newFloor);
        boolean first = floor == null;
        // rows that have left the tail stay as they are, remembered by id while they may still change
        if (!first) {
            int sTail = n - tailSessionIds.size();
            int sCut = lowerBound(sStart, n, floorMicros);
            for (int i = sTail; i < sCut; i++) {
                if (open(i)) {
                    openSessions.put(tailSessionIds.get(i - sTail), i);
                }
            }
            int tTail = m - tailTransactionIds.size();
            int tCut = lowerBound(tStart, m, floorMicros);
            for (int i = tTail; i < tCut; i++) {
                if (tStop[i] == NONE) {
                    openTransactions.put(tailTransactionIds.get(i - tTail), i);
                }
            }
            n = sCut;
            m = tCut;
        }
        tailSessionIds.clear();
        tailTransactionIds.clear();
        int sessionsRead = readSessions(c, first ? null : newFloor, floorMicros);
        int transactionsRead = readTransactions(c, first ? null : newFloor, floorMicros);
        int reopened = first ? 0 : reopenSessions(c) + reopenTransactions(c);
        int nets = first ? 0 : lateLedger(c, refreshed.minus(LATE_LEDGER), newFloor);
        floor = newFloor;
        refreshed = now;
        return new Refresh((System.nanoTime() - t0) / 1_000_000, sessionsRead, transactionsRead, reopened, nets);
    }

    private boolean open(int i) {
        return sStatus[i] == STARTED || sStop[i] == NONE;
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    private static final String SESSION_COLUMNS = "SELECT s.id, s.station_id, s.status, s.energy, s.amount, s.start_time, s.stop_time";

    /** Sessions from {@code from} on (all when null) with their connector and ledger net, appended in start order. */
    private int readSessions(Connection c, Instant from, long floorMicros) throws SQLException {
        List<Object> p = new ArrayList<>();
        String txWindow = "";
        String ledgerWindow = "";
        String where = "s.start_time IS NOT NULL";
        if (from != null) {
            // a session's transaction starts after it, its reserve row as it starts; a day's margin for clocks
            txWindow = " AND t.start_timestamp >= ?";
            ledgerWindow = " AND l.created_at >= ?";
            where = "s.start_time >= ?";
            p.add(from.minus(Duration.ofDays(1)));
            p.add(from.minus(Duration.ofDays(1)));
            p.add(from);
        }
        String sql = SESSION_COLUMNS + ", tx.cid, led.net FROM charging_sessions s"
                + " LEFT JOIN (SELECT t.charging_session_id tsid, MIN(t.connector_id) cid FROM ocpp_transactions t"
                + " WHERE t.charging_session_id IS NOT NULL" + txWindow + " GROUP BY t.charging_session_id) tx ON tx.tsid = s.id"
                + " LEFT JOIN (SELECT l.charging_session_id lsid, SUM(l.amount) net FROM payment_transactions_odengi l"
                + " WHERE l.charging_session_id IS NOT NULL AND l.transaction_type IN " + StatsEngine.CHARGES + ledgerWindow
                + " GROUP BY l.charging_session_id) led ON led.lsid = s.id"
                + " WHERE " + where + " ORDER BY s.start_time, s.id";
        int[] read = {0};
        StatsEngine.query(c, sql, p, rs -> {
            String id = rs.getString(1);
            int row = appendSession();
            setSession(row, id, rs);
            if (sStart[row] < floorMicros) {
                if (open(row)) {
                    openSessions.put(id, row);
                }
            } else {
                tailSessionIds.add(id);
            }
            read[0]++;
        });
        return read[0];
    }

    private int readTransactions(Connection c, Instant from, long floorMicros) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = "t.start_timestamp IS NOT NULL AND t.connector_id IS NOT NULL";
        if (from != null) {
            where += " AND t.start_timestamp >= ?";
            p.add(from);
        }
        String sql = "SELECT t.id, t.station_id, t.connector_id, t.start_timestamp, t.stop_timestamp FROM ocpp_transactions t WHERE " + where
                + " ORDER BY t.start_timestamp, t.id";
        int[] read = {0};
        StatsEngine.query(c, sql, p, rs -> {
            long id = rs.getLong(1);
            if (m == tStart.length) {
                transactionCapacity(m * 2);
            }
            int row = m++;
            tCell[row] = cell(rs.getString(2), rs.getInt(3));
            tStart[row] = micros(rs, 4);
            tStop[row] = micros(rs, 5);
            if (tStart[row] < floorMicros) {
                if (tStop[row] == NONE) {
                    openTransactions.put(id, row);
                }
            } else {
                tailTransactionIds.add(id);
            }
            read[0]++;
        });
        return read[0];
    }

    /** The open sessions before the tail, read again by id; those now closed are forgotten. */
    private int reopenSessions(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>(openSessions.keySet());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            String sql = SESSION_COLUMNS + ", (SELECT MIN(t.connector_id) FROM ocpp_transactions t WHERE t.charging_session_id = s.id),"
                    + " (SELECT SUM(l.amount) FROM payment_transactions_odengi l WHERE l.charging_session_id = s.id AND l.transaction_type IN "
                    + StatsEngine.CHARGES + ") FROM charging_sessions s WHERE s.id IN (" + marks + ")";
            StatsEngine.query(c, sql, new ArrayList<>(chunk), rs -> {
                String id = rs.getString(1);
                Integer row = openSessions.get(id);
                long start = micros(rs, 6);
                if (row == null || start != sStart[row]) {
                    return; // a start time rewritten: the row keeps its place (and its old start), as rows are ordered by it
                }
                setSession(row, id, rs);
                if (!open(row)) {
                    openSessions.remove(id);
                }
            });
        }
        return ids.size();
    }

    private int reopenTransactions(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>(openTransactions.keySet());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            StatsEngine.query(c, "SELECT t.id, t.station_id, t.connector_id, t.stop_timestamp FROM ocpp_transactions t WHERE t.id IN (" + marks
                    + ")", new ArrayList<>(chunk), rs -> {
                        long id = rs.getLong(1);
                        Integer row = openTransactions.get(id);
                        if (row == null) {
                            return;
                        }
                        if (rs.getString(2) != null && rs.getObject(3) != null) {
                            tCell[row] = cell(rs.getString(2), rs.getInt(3));
                        }
                        tStop[row] = micros(rs, 4);
                        if (tStop[row] != NONE) {
                            openTransactions.remove(id);
                        }
                    });
        }
        return ids.size();
    }

    /** Sessions before the tail with a charge row written since {@code since}: their ledger net read again whole. */
    private int lateLedger(Connection c, Instant since, Instant before) throws SQLException {
        String sql = "SELECT s.id, s.start_time, SUM(l.amount) FROM charging_sessions s JOIN payment_transactions_odengi l"
                + " ON l.charging_session_id = s.id AND l.transaction_type IN " + StatsEngine.CHARGES
                + " WHERE s.start_time < ? AND s.id IN (SELECT l2.charging_session_id FROM payment_transactions_odengi l2"
                + " WHERE l2.created_at >= ? AND l2.charging_session_id IS NOT NULL AND l2.transaction_type IN " + StatsEngine.CHARGES + ")"
                + " GROUP BY s.id, s.start_time";
        int[] found = {0};
        StatsEngine.query(c, sql, List.of(before, since), rs -> {
            String id = rs.getString(1);
            long start = micros(rs, 2);
            int hash = id.hashCode();
            for (int i = lowerBound(sStart, n, start); i < n && sStart[i] == start; i++) {
                if (sHash[i] == hash) {
                    sNet[i] = scaled(rs.getBigDecimal(3), 2);
                    found[0]++;
                }
            }
        });
        return found[0];
    }

    private int appendSession() {
        if (n == sStart.length) {
            sessionCapacity(n * 2);
        }
        return n++;
    }

    private void sessionCapacity(int size) {
        if (size > sStart.length) {
            sCell = Arrays.copyOf(sCell, size);
            sStart = Arrays.copyOf(sStart, size);
            sStop = Arrays.copyOf(sStop, size);
            sStatus = Arrays.copyOf(sStatus, size);
            sEnergy = Arrays.copyOf(sEnergy, size);
            sAmount = Arrays.copyOf(sAmount, size);
            sNet = Arrays.copyOf(sNet, size);
            sHash = Arrays.copyOf(sHash, size);
        }
    }

    private void transactionCapacity(int size) {
        if (size > tStart.length) {
            tCell = Arrays.copyOf(tCell, size);
            tStart = Arrays.copyOf(tStart, size);
            tStop = Arrays.copyOf(tStop, size);
        }
    }

    /** A session's columns: id, station, status, energy, amount, start, stop, connector, net. */
    private void setSession(int row, String id, ResultSet rs) throws SQLException {
        Object connector = rs.getObject(8);
        sCell[row] = cell(rs.getString(2), connector == null ? 0 : ((Number) connector).intValue());
        String status = rs.getString(3);
        sStatus[row] = "started".equals(status) ? STARTED : "stopped".equals(status) ? STOPPED : "error".equals(status) ? ERROR : OTHER;
        sEnergy[row] = scaled(rs.getBigDecimal(4), 0);
        sAmount[row] = scaled(rs.getBigDecimal(5), 1);
        sStart[row] = micros(rs, 6);
        sStop[row] = micros(rs, 7);
        sNet[row] = scaled(rs.getBigDecimal(9), 2);
        sHash[row] = id.hashCode();
    }

    /** A value as an integer of 10⁻⁹, noting the largest scale seen per column (0 energy, 1 amount, 2 ledger net). */
    private long scaled(BigDecimal v, int column) {
        if (v == null) {
            return 0;
        }
        int scale = Math.max(0, v.stripTrailingZeros().scale());
        if (scale > SCALE) {
            rounded = true;
        }
        int kept = Math.min(Math.max(v.scale(), 0), SCALE);
        switch (column) {
            case 0 -> energyScale = Math.max(energyScale, kept);
            case 1 -> amountScale = Math.max(amountScale, kept);
            default -> netScale = Math.max(netScale, kept);
        }
        return v.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    private int cell(String station, int connector) {
        Integer s = stationIndex.get(station);
        if (s == null) {
            s = stationIds.size();
            stationIndex.put(station, s);
            stationIds.add(station);
        }
        long key = ((long) s << 32) | (connector & 0xffffffffL);
        Integer k = cellIndex.get(key);
        if (k == null) {
            k = cellCount++;
            if (k == cellStation.length) {
                cellStation = Arrays.copyOf(cellStation, k * 2);
                cellConnector = Arrays.copyOf(cellConnector, k * 2);
            }
            cellStation[k] = s;
            cellConnector[k] = connector;
            cellIndex.put(key, k);
        }
        return k;
    }

    // ---- figures ---------------------------------------------------------------------------------------------------

    /**
     * The figures of {@code q} from the rows held, with the stations and connectors in scope read from {@code c} (their
     * names, owners and places change without a session); call {@link #refresh} first for rows as of now.
     */
    public synchronized StatsEngine.Data read(Connection c, StatsQuery q) throws SQLException {
        StatsEngine.Scope scope = new StatsEngine.Scope(q);
        List<StatsEngine.StationInfo> stations = StatsEngine.stations(c, scope);
        List<StatsEngine.ConnectorInfo> connectors = StatsEngine.connectors(c, scope);
        boolean[] inScope = new boolean[stationIds.size()];
        for (StatsEngine.StationInfo s : stations) {
            Integer i = stationIndex.get(s.id());
            if (i != null) {
                inScope[i] = true;
            }
        }
        boolean[] cellInScope = new boolean[cellCount];
        for (int k = 0; k < cellCount; k++) {
            cellInScope[k] = inScope[cellStation[k]];
        }
        return new StatsEngine.Data(q, stations, connectors, cells(q, cellInScope), hours(q, cellInScope), totals(q.previous(), cellInScope),
                active(q, cellInScope));
    }

    private Map<StatsEngine.Cell, Figures> cells(StatsQuery q, boolean[] in) {
        long from = micros(q.from());
        long to = micros(q.to());
        // the connector time is counted between whole seconds, as the SQL counts it
        long fromSecond = q.from().getEpochSecond() * 1_000_000;
        long end = q.end().getEpochSecond() * 1_000_000;
        long asOf = micros(q.asOf());
        long half = BigDecimal.valueOf(5, 3).setScale(SCALE).unscaledValue().longValueExact();
        int k = cellCount;
        boolean[] touched = new boolean[k];
        long[] sessions = new long[k];
        long[] ended = new long[k];
        long[] failed = new long[k];
        long[] running = new long[k];
        long[] energy = new long[k];
        long[] amount = new long[k];
        long[] duration = new long[k];
        long[] ledger = new long[k];
        long[] disagreements = new long[k];
        long[] occupied = new long[k];
        long[] charging = new long[k];
        int hi = lowerBound(sStart, n, to);
        for (int i = lowerBound(sStart, n, from - micros(StatsQuery.LONGEST_SESSION)); i < hi; i++) {
            int cell = sCell[i];
            if (!in[cell]) {
                continue;
            }
            touched[cell] = true;
            byte status = sStatus[i];
            long start = sStart[i];
            long stop = status == STARTED && sStop[i] == NONE ? asOf : sStop[i];
            if (start >= from) {
                sessions[cell]++;
                if (status == ERROR) {
                    failed[cell]++;
                } else if (status == STARTED) {
                    running[cell]++;
                } else if (status == STOPPED) {
                    ended[cell]++;
                    energy[cell] += sEnergy[i];
                    amount[cell] += sAmount[i];
                    if (stop != NONE) {
                        duration[cell] += stop - start;
                    }
                    ledger[cell] -= sNet[i];
                    if (Math.abs(sNet[i] + sAmount[i]) >= half) {
                        disagreements[cell]++;
                    }
                }
            }
            if (status != ERROR && stop != NONE) {
                occupied[cell] += Math.max(0, Math.min(stop, end) - Math.max(start, fromSecond));
            }
        }
        int thi = lowerBound(tStart, m, to);
        for (int i = lowerBound(tStart, m, from - micros(StatsQuery.LONGEST_SESSION)); i < thi; i++) {
            int cell = tCell[i];
            if (!in[cell]) {
                continue;
            }
            touched[cell] = true;
            long stop = tStop[i] == NONE ? asOf : tStop[i];
            charging[cell] += Math.max(0, Math.min(stop, end) - Math.max(tStart[i], fromSecond));
        }
        Map<StatsEngine.Cell, Figures> out = new HashMap<>();
        for (int cell = 0; cell < k; cell++) {
            if (touched[cell]) {
                out.put(new StatsEngine.Cell(stationIds.get(cellStation[cell]), cellConnector[cell]), new Figures(sessions[cell], ended[cell],
                        failed[cell], running[cell], money(energy[cell], energyScale), money(amount[cell], amountScale),
                        duration[cell] / 1_000_000, money(ledger[cell], netScale), disagreements[cell], occupied[cell] / 1e6,
                        charging[cell] / 1e6, 0));
            }
        }
        return out;
    }

    private List<StatsEngine.Hour> hours(StatsQuery q, boolean[] in) {
        long from = micros(q.from());
        int lo = lowerBound(sStart, n, from);
        int hi = lowerBound(sStart, n, micros(q.to()));
        long offset = StatsEngine.BISHKEK_OFFSET * 1_000_000;
        long firstHour = Math.floorDiv(from + offset, 3_600_000_000L);
        int size = hi > lo ? (int) (Math.floorDiv(sStart[hi - 1] + offset, 3_600_000_000L) - firstHour + 1) : 0;
        long[] count = new long[size];
        long[] ended = new long[size];
        long[] failed = new long[size];
        long[] energy = new long[size];
        long[] amount = new long[size];
        for (int i = lo; i < hi; i++) {
            if (!in[sCell[i]]) {
                continue;
            }
            int h = (int) (Math.floorDiv(sStart[i] + offset, 3_600_000_000L) - firstHour);
            count[h]++;
            if (sStatus[i] == STOPPED) {
                ended[h]++;
                energy[h] += sEnergy[i];
                amount[h] += sAmount[i];
            } else if (sStatus[i] == ERROR) {
                failed[h]++;
            }
        }
        List<StatsEngine.Hour> out = new ArrayList<>();
        for (int h = 0; h < size; h++) {
            if (count[h] > 0) {
                out.add(new StatsEngine.Hour(firstHour + h, count[h], ended[h], failed[h], money(energy[h], energyScale), money(amount[h], amountScale)));
            }
        }
        return out;
    }

    private Figures totals(StatsQuery q, boolean[] in) {
        long sessions = 0;
        long ended = 0;
        long failed = 0;
        long running = 0;
        long energy = 0;
        long amount = 0;
        long duration = 0;
        int hi = lowerBound(sStart, n, micros(q.to()));
        for (int i = lowerBound(sStart, n, micros(q.from())); i < hi; i++) {
            if (!in[sCell[i]]) {
                continue;
            }
            sessions++;
            switch (sStatus[i]) {
                case STOPPED -> {
                    ended++;
                    energy += sEnergy[i];
                    amount += sAmount[i];
                    if (sStop[i] != NONE) {
                        duration += sStop[i] - sStart[i];
                    }
                }
                case ERROR -> failed++;
                case STARTED -> running++;
                default -> {
                }
            }
        }
        return new Figures(sessions, ended, failed, running, money(energy, energyScale), money(amount, amountScale), duration / 1_000_000,
                BigDecimal.ZERO, 0, 0, 0, 0);
    }

    private Set<String> active(StatsQuery q, boolean[] in) {
        Set<String> out = new HashSet<>();
        long end = micros(q.end());
        int hi = lowerBound(sStart, n, end);
        for (int i = lowerBound(sStart, n, end - micros(Duration.ofDays(q.idleDays()))); i < hi; i++) {
            if (in[sCell[i]]) {
                out.add(stationIds.get(cellStation[sCell[i]]));
            }
        }
        return out;
    }

    // ---- numbers ---------------------------------------------------------------------------------------------------

    private static BigDecimal money(long nanos, int scale) {
        return BigDecimal.valueOf(nanos, SCALE).setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** The first row at or after {@code key} in the first {@code size} of {@code sorted}. */
    private static int lowerBound(long[] sorted, int size, long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static long micros(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? NONE : micros(t.toInstant());
    }
}
