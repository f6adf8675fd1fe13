package kg.evpower.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Production's money schema in a PostgreSQL database, and the sandbox's rows copied into it: the same data the sandbox's
 * operator API serves, held the way production's database holds it.
 */
public final class ProductionCopy {

    /** Parents first (the foreign keys point at clients, locations and stations). */
    public static final List<String> TABLES = List.of("users", "locations", "stations", "connectors", "clients", "balance_topups",
            "payment_transactions_odengi", "charging_sessions", "ocpp_transactions", "ocpp_meter_values", "ocpp_station_status");

    private ProductionCopy() {
    }

    public static void createSchema(Connection pg) throws SQLException, IOException {
        for (String file : List.of("production-money-schema.sql", "production-network-schema.sql")) {
            String ddl;
            try (InputStream in = ProductionCopy.class.getResourceAsStream("/kg/evpower/postgres/" + file)) {
                ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (Statement s = pg.createStatement()) {
                s.execute(ddl);
            }
        }
    }

    /** Copies every row of {@link #TABLES}, the columns production has, from the sandbox's database; answers rows per table. */
    public static List<Integer> copy(Connection sandbox, Connection pg) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        boolean auto = pg.getAutoCommit();
        pg.setAutoCommit(false);
        for (String table : TABLES) {
            List<String> columns = new ArrayList<>();
            try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnName(i));
                }
            }
            String list = String.join(", ", columns);
            int n = 0;
            try (Statement read = sandbox.createStatement(); ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
                 PreparedStatement write = pg.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                         + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Array a) {
                            v = a.getArray();
                        }
                        write.setObject(i, v instanceof Object[] arr ? pg.createArrayOf("text", arr) : v);
                    }
                    write.addBatch();
                    if (++n % 1000 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
            counts.add(n);
        }
        pg.commit();
        pg.setAutoCommit(auto);
        return counts;
    }
}
