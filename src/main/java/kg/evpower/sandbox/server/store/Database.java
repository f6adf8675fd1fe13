package kg.evpower.sandbox.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The sandbox's database: file-backed H2 (the default), or a PostgreSQL server when the sandbox plays production's data
 * tier ({@link #openPostgres}); schema creation, a small JDBC helper and transactions. Everything the sandbox knows lives
 * here, so a restart on the same data resumes the network.
 */
public final class Database implements AutoCloseable {

    /** Maps one row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final javax.sql.DataSource pool;
    private final Runnable dispose;
    private final Path file;
    /** Group commit: tickets handed out to callers of {@link #durable()}, and the last one a flush covered. */
    private final java.util.concurrent.atomic.AtomicLong durableTickets = new java.util.concurrent.atomic.AtomicLong();
    private final Object durableLock = new Object();
    private long durableThrough;
    /** Whether the current request (thread) wrote through {@link #tx} or {@link #update}. */
    private static final ThreadLocal<Boolean> WROTE = ThreadLocal.withInitial(() -> false);

    /** PostgreSQL rather than H2: a commit is already durable there, and a few statements are spelt differently. */
    private final boolean postgres;

    private Database(javax.sql.DataSource pool, Runnable dispose, Path file, boolean postgres) {
        this.pool = pool;
        this.dispose = dispose;
        this.file = file;
        this.postgres = postgres;
    }

    /**
     * Opens (creating when missing) the database in {@code dataDir}; {@code reset} deletes it first. The database holds
     * phones and live login codes, so its files are the owner's alone (0600, as the console's own files), created so
     * before H2 writes a byte, and a data folder this call creates is 0700.
     */
    public static Database open(Path dataDir, boolean reset) {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir);
                ownerOnly(dataDir, "rwx------");
            }
            if (reset) {
                try (Stream<Path> files = Files.list(dataDir)) {
                    for (Path p : files.filter(p -> p.getFileName().toString().startsWith("evpower.")).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            for (String name : new String[] {"evpower.mv.db", "evpower.trace.db"}) {
                Path f = dataDir.resolve(name);
                if (!Files.exists(f)) {
                    Files.createFile(f);
                }
            }
            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("evpower.")).toList()) {
                    ownerOnly(p, "rw-------");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare data directory " + dataDir, e);
        }
        Path base = dataDir.toAbsolutePath().resolve("evpower");
        String url = "jdbc:h2:file:" + base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";TIME ZONE=UTC;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(32);
        Database db = new Database(pool, pool::dispose, base, false);
        db.createSchema();
        return db;
    }

    /**
     * The sandbox's tables on a PostgreSQL server ({@code jdbc:postgresql://…}), created when missing; {@code reset} drops
     * everything in the {@code public} schema first. For the sandbox as production's data tier: the operator gateway then
     * reads the same tables through a role of its own, as it reads production's.
     */
    public static Database openPostgres(String jdbcUrl, String user, String password, boolean reset) {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(16);
        hc.setPoolName("sandbox-postgres");
        hc.setInitializationFailTimeout(10_000);
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(hc);
        Database db = new Database(pool, pool::close, null, true);
        if (reset) {
            db.tx(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA public CASCADE");
                    st.execute("CREATE SCHEMA public");
                    // as a fresh database's public schema: every role may look up names in it (each table still needs its grant)
                    st.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
                }
                return null;
            });
        }
        db.createSchema();
        return db;
    }

    /** {@code postgres://host:port/db?...} as pgjdbc's {@code jdbc:postgresql://host:port/db?...}; a JDBC URL as it is. */
    public static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            java.net.URI u = java.net.URI.create(url);
            return "jdbc:postgresql://" + u.getRawAuthority() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        throw new IllegalArgumentException("must be jdbc:postgresql://… or postgres://…: " + url);
    }

    /** Whether this is PostgreSQL (the sandbox as production's data tier) rather than the embedded H2. */
    public boolean postgres() {
        return postgres;
    }

    /**
     * Another server's database read through this class's queries (the operator gateway over production's
     * PostgreSQL): no schema is made, nothing is written by the caller's choice; the pool is its owner's to close
     * ({@link #close()} does nothing here).
     */
    public static Database external(javax.sql.DataSource pool) {
        return new Database(pool, null, null, true);
    }

    /** Sets POSIX permissions where the file system has them (not on Windows, where the profile folder is private). */
    private static void ownerOnly(Path p, String permissions) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    private void createSchema() {
        String ddl;
        try (InputStream in = Database.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql missing from the class path");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tx(c -> {
            try (Statement st = c.createStatement()) {
                for (String sql : ddl.split(";\\s*\\n")) {
                    String stripped = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                    if (!stripped.isEmpty()) {
                        st.execute(stripped);
                    }
                }
            }
            return null;
        });
    }

    public Path file() {
        return file;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A request starts: nothing written yet on this thread. */
    public static void requestStarted() {
        WROTE.set(false);
    }

    /** Whether this thread wrote since {@link #requestStarted()} (a transaction counts as a write). */
    public static boolean wroteInRequest() {
        return WROTE.get();
    }

    /**
     * Makes every transaction committed before this call survive the process being killed: H2 keeps commits in memory
     * for up to its write delay (500 ms), so a server that answers 200 first could lose what it acknowledged. The
     * pending changes are written to the database file ({@code CHECKPOINT}: the operating system has them, a SIGKILL
     * cannot take them back; a power cut can, as no fsync is asked for). Concurrent callers share one write: a caller
     * whose commit an already finished write covered returns at once.
     */
    public void durable() {
        if (postgres) {
            return; // PostgreSQL's commit is on disk when it returns
        }
        long ticket = durableTickets.incrementAndGet();
        synchronized (durableLock) {
            if (durableThrough >= ticket) {
                return;
            }
            long covers = durableTickets.get();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
            durableThrough = covers;
        }
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any failure. */
    public <T> T tx(TxWork<T> work) {
        WROTE.set(true);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = pool.getConnection()) {
            return query(c, sql, mapper, params);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Object... params) {
        WROTE.set(true);
        try (Connection c = pool.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /** Inserts one row and answers its generated {@code id} (H2 and PostgreSQL alike). */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Reads a timestamp column as an {@link Instant} (null-safe). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime ts = rs.getObject(column, OffsetDateTime.class);
        return ts == null ? null : ts.toInstant();
    }

    public String meta(String key) {
        return queryOne("SELECT meta_value FROM sandbox_meta WHERE meta_key = ?", rs -> rs.getString(1), key).orElse(null);
    }

    public void putMeta(String key, String value) {
        update(postgres ? "INSERT INTO sandbox_meta (meta_key, meta_value) VALUES (?, ?) ON CONFLICT (meta_key) DO UPDATE"
                + " SET meta_value = EXCLUDED.meta_value" : "MERGE INTO sandbox_meta (meta_key, meta_value) KEY (meta_key) VALUES (?, ?)", key, value);
    }

    @Override
    public void close() {
        if (dispose == null) {
            return; // another server's database: its pool is its owner's
        }
        if (postgres) {
            dispose.run();
            return;
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        }
        dispose.run();
    }

    /** Unchecked wrapper so handlers need not declare SQLException. */
    public static final class DataAccessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
