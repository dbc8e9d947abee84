package dev.lagoon.server.internal.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A piece of SQL text with {@code ?} placeholders and the values bound to them, in order.
 * The text holds only quoted identifiers, keywords and placeholders, never a client value.
 *
 * @param sql    the SQL text
 * @param params the values for its placeholders
 */
public record SqlFragment(String sql, List<Param> params) {

    /** Compact constructor: copies the parameter list. */
    public SqlFragment {
        params = List.copyOf(params);
    }

    /**
     * One bound value.
     *
     * @param kind  the kind of the column it is compared with or stored in
     * @param value a value converted by {@link Values}
     */
    public record Param(ValueKind kind, Object value) {
    }

    /**
     * Binds the parameters starting at a given index.
     *
     * @param ps    the statement
     * @param first the 1-based index of the first placeholder of this fragment
     * @return the index after the last one bound
     * @throws SQLException from the driver
     */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (Param p : params) {
            Values.bind(ps, index++, p.kind(), p.value());
        }
        return index;
    }
}
