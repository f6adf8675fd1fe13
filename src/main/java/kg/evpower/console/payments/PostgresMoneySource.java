package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.ClientBalance;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.Money;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;
import kg.evpower.console.i18n.Messages;

/**
 * Reads a period's money straight from production's PostgreSQL (contract §6), which needs no backend change: JDBC over
 * TLS with a read-only role, one read-only REPEATABLE READ transaction so the four listings are one consistent snapshot,
 * and every listing streamed with a fetch size and mapped row by row into the domain (never buffered twice). The
 * windows are {@link MoneyData}'s, the same the operator API is asked for, and money is rounded to 0.01 som as the
 * operator API rounds it, so both sources give the engine the same rows.
 */
public final class PostgresMoneySource implements MoneySource {

    /** Rows fetched per round trip. */
    static final int FETCH = 10_000;
    /** The tables a reconciliation reads; a role that may change any of them is not read-only. */
    static final List<String> TABLES = List.of("clients", "balance_topups", "payment_transactions_odengi", "charging_sessions",
            "ocpp_transactions");

    /** The TLS mode a connection gets unless told otherwise: the server's certificate and its name are checked. */
    public static final String VERIFY_FULL = "verify-full";
    /** The modes offered, strongest first. */
    public static final List<String> SSL_MODES = List.of(VERIFY_FULL, "verify-ca", "require", "disable");

    /**
     * Where to connect. {@code sslMode} is pgjdbc's: {@code verify-full} (the default) checks the server's certificate
     * against {@code sslRootCert}, a CA file, or without one against the system's trust store (the JVM's), and that it
     * names {@code host}; {@code verify-ca} skips the name, {@code require} only encrypts, {@code disable} not even
     * that. The weaker modes get a {@link #tlsWarning} wherever a connection is started.
     */
    public record Settings(String host, int port, String database, String user, String sslMode, String sslRootCert) {

        public Settings {
            if (host == null || host.isBlank() || database == null || database.isBlank() || user == null || user.isBlank()) {
                throw new IllegalArgumentException("host, database and user are required");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            sslMode = sslMode == null || sslMode.isBlank() ? VERIFY_FULL : sslMode;
        }

        /** What a mode weaker than {@code verify-full} lets through, in the operator's words; null for verify-full. */
        public String tlsWarning(Messages m) {
            return PostgresMoneySource.tlsWarning(sslMode, host, m);
        }

        public String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database + " (sslmode=" + sslMode + ")";
        }
    }

    /**
     * What the role may do. {@code writable} lists the tables (of {@link #TABLES}) it may insert into, update, delete
     * from or truncate; a superuser may write everything. A hot standby cannot write whatever the role.
     */
    public record Access(String role, boolean superuser, boolean standby, List<String> writable) {

        public boolean readOnly() {
            return standby || !superuser && writable.isEmpty();
        }

        /** The operator's warning when the role is not read-only, else null. */
        public String warning(Messages m) {
            return readOnly() ? null : superuser ? m.format("recon.pg.superuser", role)
                    : m.format("recon.pg.writable", role, String.join(", ", writable));
        }
    }

    /** The warning for {@code sslMode} towards {@code host}: null for verify-full (and for an unknown mode pgjdbc refuses). */
    public static String tlsWarning(String sslMode, String host, Messages m) {
        String h = host == null || host.isBlank() ? "?" : host.trim();
        return switch (sslMode == null ? VERIFY_FULL : sslMode) {
            case "verify-ca" -> m.format("recon.pg.weak.verifyCa", h);
            case "require" -> m.format("recon.pg.weak.require", h);
            case "disable", "allow", "prefer" -> m.format("recon.pg.weak.plain", h);
            default -> null;
        };
    }

    private final Settings settings;
    private final char[] password;

    public PostgresMoneySource(Settings settings, char[] password) {
        this.settings = settings;
        this.password = password == null ? new char[0] : password.clone();
    }

    @Override
    public String name() {
        return "PostgreSQL " + settings;
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("password", new String(password));
        p.setProperty("sslmode", settings.sslMode());
        String rootCert = settings.sslRootCert();
        if (rootCert != null && !rootCert.isBlank()) {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(rootCert))) {
                throw new Failure(settings.toString(), Failure.ROOT_CERT, rootCert, "CA file unreadable", null);
            }
            p.setProperty("sslrootcert", rootCert);
        } else if (settings.sslMode().startsWith("verify-")) {
            // no CA file: the system's trust store (pgjdbc's own default would be ~/.postgresql/root.crt)
            p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
        p.setProperty("ApplicationName", "EvPower console reconciliation");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "300");
        p.setProperty("readOnly", "true");
        Connection c = DriverManager.getConnection(settings.url(), p);
        c.setAutoCommit(false);
        c.setReadOnly(true);
        return c;
    }

    /**
     * What to beware of, after connecting: a TLS mode that does not check the server, a role that is not read-only;
     * null when neither.
     */
    public String warning(Messages m) {
        String tls = settings.tlsWarning(m);
        String role = access().warning(m);
        return tls == null ? role : role == null ? tls : tls + "\n" + role;
    }

    /** Connects and asks what the role may do; the console warns unless {@link Access#readOnly()}. */
    public Access access() {
        try (Connection c = connect()) {
            try (PreparedStatement s = c.prepareStatement("SELECT current_user, COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname ="
                    + " current_user), false), pg_is_in_recovery()");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                String role = rs.getString(1);
                boolean superuser = rs.getBoolean(2);
                boolean standby = rs.getBoolean(3);
                List<String> writable = new ArrayList<>();
                try (PreparedStatement q = c.prepareStatement("SELECT t FROM unnest(?::text[]) WITH ORDINALITY AS x(t, n)"
                        + " WHERE to_regclass(t) IS NOT NULL AND has_table_privilege(current_user, t, 'INSERT, UPDATE, DELETE, TRUNCATE')"
                        + " ORDER BY n")) {
                    q.setArray(1, c.createArrayOf("text", TABLES.toArray()));
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            writable.add(r.getString(1));
                        }
                    }
                }
                c.rollback();
                return new Access(role, superuser, standby, List.copyOf(writable));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A database failure, with PostgreSQL's own message (and SQLSTATE) and no password in it. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Not SQLSTATEs: the server's certificate is not trusted, or names another host, or the CA file is unreadable. */
        static final String CERTIFICATE = "certificate";
        static final String HOSTNAME = "hostname";
        static final String ROOT_CERT = "rootcert";
        private final String sqlState;
        private final String where;
        private final String subject;

        /** {@code subject}: the CA file or host our own kinds name, else null (PostgreSQL's message says it all). */
        Failure(String where, String sqlState, String subject, String message, Throwable cause) {
            super(where + ": " + message, cause);
            this.sqlState = sqlState;
            this.where = where;
            this.subject = subject;
        }

        public String sqlState() {
            return sqlState;
        }

        /**
         * What went wrong in the operator's language (by SQLSTATE class: the login, the connection, a missing database,
         * a missing right), then PostgreSQL's own words. A certificate that is not trusted or names another host, and
         * an unreadable CA file, are said in our words alone: the TLS library's are class names and certificate paths.
         */
        public String explain(Messages m) {
            String state = sqlState == null ? "" : sqlState;
            if (subject != null) {
                return m.format("recon.pg.error." + state, subject) + "\n" + where;
            }
            String kind = state.startsWith("28") ? "auth" : state.startsWith("08") ? "connection" : state.equals("3D000") ? "database"
                    : state.equals("42501") ? "privilege" : "other";
            return m.get("recon.pg.error." + kind) + "\n" + getMessage();
        }
    }

    private Failure failure(SQLException e) {
        String where = settings.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                String trusted = settings.sslRootCert() == null ? "—" : settings.sslRootCert();
                return new Failure(where, Failure.CERTIFICATE, trusted, "certificate not trusted", e);
            }
        }
        // pgjdbc names its host name verifier in this message, in every language it speaks
        if (e.getMessage() != null && e.getMessage().contains("PgjdbcHostnameVerifier")) {
            return new Failure(where, Failure.HOSTNAME, settings.host(), "certificate for another host", e);
        }
        return new Failure(where, e.getSQLState(), null, e.getMessage(), e);
    }

    @Override
    public MoneyData load(Instant from, Instant to, List<StatementLine> statement, Progress progress, BooleanSupplier cancelled) {
        try (Connection c = connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Instant asOf = Instant.now();
            List<Topup> topups = new ArrayList<>();
            stream(c, "topups", "SELECT id, invoice_id, order_id, client_id::text, requested_amount, paid_amount, status, created_at, paid_at,"
                    + " invoice_expires_at FROM balance_topups WHERE created_at >= ? AND created_at < ? ORDER BY id",
                    List.of(MoneyData.topupsFrom(from), to), rs -> topups.add(new Topup(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), som(rs, 5), som(rs, 6), Topup.TopupStatus.parse(rs.getString(7)), instant(rs, 8), instant(rs, 9),
                            instant(rs, 10))), progress, cancelled);
            List<LedgerEntry> ledger = new ArrayList<>();
            stream(c, "ledger", "SELECT id, client_id::text, transaction_type, amount, balance_topup_id, charging_session_id::text, created_at"
                    + " FROM payment_transactions_odengi WHERE created_at >= ? AND created_at < ? ORDER BY id",
                    List.of(MoneyData.ledgerFrom(from), MoneyData.ledgerTo(to)), rs -> {
                        BigDecimal amount = som(rs, 4);
                        Long topup = rs.getObject(5) == null ? null : rs.getLong(5);
                        ledger.add(new LedgerEntry(rs.getLong(1), rs.getString(2), LedgerEntry.Type.parse(rs.getString(3)),
                                amount == null ? BigDecimal.ZERO : amount, topup, rs.getString(6), instant(rs, 7)));
                    }, progress, cancelled);
            List<BillingSession> sessions = new ArrayList<>();
            // the session's last OCPP transaction; production has no index on charging_session_id, so one hash join, not a lookup per row
            stream(c, "sessions", "SELECT s.id::text, s.user_id::text, s.station_id, s.status, s.start_time, s.stop_time, s.energy, s.amount,"
                    + " s.reserved_amount, s.payment_processed, t.status, t.stop_timestamp FROM charging_sessions s"
                    + " LEFT JOIN (SELECT DISTINCT ON (charging_session_id::text) charging_session_id::text AS sid, status, stop_timestamp"
                    + " FROM ocpp_transactions WHERE charging_session_id IS NOT NULL ORDER BY charging_session_id::text, id DESC) t"
                    + " ON t.sid = s.id::text"
                    + " WHERE (s.start_time >= ? AND s.start_time < ?) OR (s.stop_time >= ? AND s.stop_time < ?) ORDER BY s.id::text COLLATE \"C\"",
                    List.of(from, to, from, to), rs -> sessions.add(new BillingSession(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), instant(rs, 5), instant(rs, 6), rs.getBigDecimal(7), som(rs, 8), som(rs, 9), rs.getBoolean(10),
                            rs.getString(11), instant(rs, 12))), progress, cancelled);
            List<ClientBalance> balances = new ArrayList<>();
            stream(c, "balances", "SELECT c.id::text, c.balance, COALESCE(l.total, 0) FROM clients c LEFT JOIN (SELECT client_id::text AS cid,"
                    + " SUM(amount) AS total FROM payment_transactions_odengi GROUP BY client_id::text) l ON l.cid = c.id::text"
                    + " ORDER BY c.id::text COLLATE \"C\"", List.of(), rs -> {
                        BigDecimal balance = som(rs, 2);
                        balances.add(new ClientBalance(rs.getString(1), balance == null ? BigDecimal.ZERO : balance, som(rs, 3)));
                    }, progress, cancelled);
            c.rollback();
            return new MoneyData(from, to, asOf, topups, ledger, sessions, balances, statement);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The sessions at {@code stationId} that run now or started at or after {@code since}, running ones first, newest
     * first, at most {@code limit}: their ids. Production's public API has no way to find a station's sessions; its
     * database does. Read-only, like the reconciliation's reads.
     */
    public List<String> sessionsAt(String stationId, Instant since, int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT id::text FROM charging_sessions"
                + " WHERE station_id = ? AND (status = 'started' OR start_time >= ?)"
                + " ORDER BY CASE WHEN status = 'started' THEN 0 ELSE 1 END, start_time DESC, id::text LIMIT ?")) {
            s.setString(1, stationId);
            s.setObject(2, since.atOffset(java.time.ZoneOffset.UTC));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            c.rollback();
            return ids;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The statistics of {@code q} by the one definition the operator API serves ({@link kg.evpower.figures.StatsEngine}),
     * read in one read-only snapshot of production's tables.
     */
    public kg.evpower.figures.Statistics statistics(kg.evpower.figures.StatsQuery q, kg.evpower.figures.StatsReport.Grouping grouping,
                                                    kg.evpower.figures.StatsReport.Bucket bucket) {
        try (Connection c = snapshot()) {
            kg.evpower.figures.StatsReport r = new kg.evpower.figures.StatsReport(kg.evpower.figures.StatsEngine.read(c, q));
            c.rollback();
            return kg.evpower.figures.Statistics.of(r, grouping, bucket);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The same statistics through {@code cache} (from {@link #statisticsCache()}): the database answers until the rows
     * are held in memory, then the memory does, each answer after a refresh of what may have changed.
     */
    public kg.evpower.figures.Statistics statistics(kg.evpower.figures.StatsCache cache, kg.evpower.figures.StatsQuery q,
                                                    kg.evpower.figures.StatsReport.Grouping grouping, kg.evpower.figures.StatsReport.Bucket bucket) {
        try {
            return kg.evpower.figures.Statistics.of(new kg.evpower.figures.StatsReport(cache.read(q)), grouping, bucket);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A statistics cache over this database, each read in its own read-only snapshot. */
    public kg.evpower.figures.StatsCache statisticsCache() {
        return new kg.evpower.figures.StatsCache("postgres", this::snapshot, java.time.Instant::now, java.time.Duration.ofSeconds(5));
    }

    private Connection snapshot() throws SQLException {
        Connection c = connect();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return c;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs one listing with a fetch size, handing each row to {@code reader} as it arrives. */
    private static void stream(Connection c, String stage, String sql, List<Instant> args, RowReader reader, Progress progress,
                               BooleanSupplier cancelled) throws SQLException {
        if (cancelled.getAsBoolean()) {
            throw new Reconciler.Cancelled();
        }
        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH);
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i).atOffset(java.time.ZoneOffset.UTC));
            }
            try (ResultSet rs = s.executeQuery()) {
                long n = 0;
                while (rs.next()) {
                    reader.read(rs);
                    if (++n % FETCH == 0) {
                        progress.rows(stage, n);
                        if (cancelled.getAsBoolean()) {
                            s.cancel();
                            throw new Reconciler.Cancelled();
                        }
                    }
                }
                progress.rows(stage, n);
            }
        }
    }

    /** Money as the operator API gives it: som to 0.01. */
    private static BigDecimal som(ResultSet rs, int col) throws SQLException {
        BigDecimal v = rs.getBigDecimal(col);
        return v == null ? null : Money.toTyiyn(v);
    }

    /** A {@code timestamptz} (contract §1.7: every stored time is one). */
    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime v = rs.getObject(col, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }
}
