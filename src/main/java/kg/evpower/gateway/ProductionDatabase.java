package kg.evpower.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Production's PostgreSQL as the gateway reads it: a small pool of connections that are read-only on the server's
 * side too (every transaction begins {@code READ ONLY}), and the check, made once at start, that the role itself
 * cannot write.
 */
public final class ProductionDatabase implements AutoCloseable {

    /** What the role may do that a reader must not. */
    public record Privileges(String role, boolean superuser, List<String> writableTables, boolean mayDeleteSubscriptions) {
        public boolean readOnly() {
            return !superuser && writableTables.isEmpty();
        }

        @Override
        public String toString() {
            return superuser ? "role " + role + " is a superuser"
                    : writableTables.isEmpty() ? "role " + role + " can only read" + (mayDeleteSubscriptions
                            ? " (and delete the push subscriptions a push service says are gone)" : "")
                    : "role " + role + " can write " + String.join(", ", writableTables.subList(0, Math.min(8, writableTables.size())))
                            + (writableTables.size() > 8 ? " and " + (writableTables.size() - 8) + " more" : "");
        }
    }

    private final GatewayConfig config;
    private final HikariDataSource pool;
    private final HikariDataSource listings;

    public ProductionDatabase(GatewayConfig config) {
        this.config = config;
        pool = pool(config, "gateway-snapshots", false);
        // the shared routes' plain reads, each its own statement (autocommit, READ ONLY all the same)
        listings = pool(config, "gateway-listings", true);
    }

    /**
     * HikariCP rather than a bare pool: it checks a connection before lending it when it has been idle, and drops the
     * ones a database restart cut, so after a restart requests fail at most while the server is down, not once per
     * dead connection afterwards. Started lazily: a database that is down at start is the start's refusal to say.
     */
    private static HikariDataSource pool(GatewayConfig config, String name, boolean autoCommit) {
        HikariConfig h = new HikariConfig();
        h.setPoolName(name);
        h.setJdbcUrl(config.pgUrl());
        h.setUsername(config.pgUser());
        h.setPassword(new String(config.pgPassword()));
        h.setReadOnly(true);
        h.setAutoCommit(autoCommit);
        h.setMaximumPoolSize(8);
        h.setMinimumIdle(0);
        h.setConnectionTimeout(10_000);
        h.setInitializationFailTimeout(-1);
        h.addDataSourceProperty("readOnlyMode", "always");
        h.addDataSourceProperty("ApplicationName", "EvPower operator gateway");
        h.addDataSourceProperty("connectTimeout", "10");
        h.addDataSourceProperty("socketTimeout", "300");
        return new HikariDataSource(h);
    }

    /** The pool the sandbox's shared routes read through ({@code kg.evpower.sandbox.server.store.Database#external}). */
    public javax.sql.DataSource listings() {
        return listings;
    }

    /** A pooled connection: read-only, autocommit off, repeatable read (one snapshot per question). */
    public Connection snapshot() throws SQLException {
        Connection c = pool.getConnection();
        try {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** The role's privileges on every table outside the system schemas. */
    public Privileges privileges() throws SQLException {
        try (Connection c = snapshot()) {
            try {
                String role;
                boolean superuser;
                try (PreparedStatement s = c.prepareStatement("SELECT current_user, COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)");
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    role = rs.getString(1);
                    superuser = rs.getBoolean(2);
                }
                List<String> writable = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                        + " AND (has_table_privilege(c.oid, 'INSERT, UPDATE, TRUNCATE')"
                        // the one write allowed: deleting subscriptions a push service says are gone, as production does
                        + " OR has_table_privilege(c.oid, 'DELETE') AND NOT (n.nspname = 'public' AND c.relname = 'push_subscriptions')) ORDER BY 1");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        writable.add(rs.getString(1));
                    }
                }
                boolean deletes;
                try (PreparedStatement s = c.prepareStatement("SELECT to_regclass('public.push_subscriptions') IS NOT NULL"
                        + " AND has_table_privilege('public.push_subscriptions', 'DELETE')"); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    deletes = rs.getBoolean(1);
                }
                return new Privileges(role, superuser, List.copyOf(writable), deletes);
            } finally {
                c.rollback();
            }
        }
    }

    /** "ok", or what went wrong reaching the database. */
    public String health() {
        try (Connection c = snapshot(); PreparedStatement s = c.prepareStatement("SELECT 1"); ResultSet rs = s.executeQuery()) {
            rs.next();
            c.rollback();
            return "ok";
        } catch (SQLException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private volatile HikariDataSource cleaner;

    /**
     * Deletes a push subscription the push service says is gone (404/410), as production's sender does — only when the
     * role was granted DELETE on {@code push_subscriptions} (checked at start); a pool of one connection that may write
     * only for this.
     */
    public boolean deleteSubscription(String id) {
        HikariDataSource c = cleaner;
        if (c == null) {
            synchronized (this) {
                if (cleaner == null) {
                    HikariConfig h = new HikariConfig();
                    h.setPoolName("gateway-subscription-cleanup");
                    h.setJdbcUrl(config.pgUrl());
                    h.setUsername(config.pgUser());
                    h.setPassword(new String(config.pgPassword()));
                    h.setMaximumPoolSize(1);
                    h.setMinimumIdle(0);
                    h.setInitializationFailTimeout(-1);
                    cleaner = new HikariDataSource(h);
                }
                c = cleaner;
            }
        }
        try (Connection conn = c.getConnection(); PreparedStatement s = conn.prepareStatement("DELETE FROM push_subscriptions WHERE id::text = ?")) {
            s.setString(1, id);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        listings.close();
        if (cleaner != null) {
            cleaner.close();
        }
    }
}
