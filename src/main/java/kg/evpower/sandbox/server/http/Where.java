package kg.evpower.sandbox.server.http;

import java.util.ArrayList;
import java.util.List;

/** The optional filters of a listing: {@code " AND clause"} with its parameters, for each filter that was given. */
final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** Adds {@code clause} with its {@code ?} parameters when the first of them is not null. */
    Where and(String clause, Object... values) {
        if (values.length > 0 && values[0] != null) {
            sql.append(" AND ").append(clause);
            args.addAll(List.of(values));
        }
        return this;
    }

    /** {@code " AND a AND b"}, or empty. */
    String sql() {
        return sql.toString();
    }

    /** A fresh copy of the parameters, to append paging to. */
    List<Object> args() {
        return new ArrayList<>(args);
    }
}
