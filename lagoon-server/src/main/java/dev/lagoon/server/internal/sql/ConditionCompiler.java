package dev.lagoon.server.internal.sql;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.condition.Condition;
import dev.lagoon.server.internal.condition.ConditionException;
import dev.lagoon.server.internal.condition.ConditionException.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed {@link Condition} into a parameterized SQL boolean expression for one table:
 * column names are checked against the table and quoted, literals are converted to the
 * column's type and bound as parameters.
 */
public final class ConditionCompiler {

    private final TableInfo table;
    private final Dialect dialect;
    private final StringBuilder sql = new StringBuilder();
    private final List<SqlFragment.Param> params = new ArrayList<>();

    private ConditionCompiler(TableInfo table, Dialect dialect) {
        this.table = table;
        this.dialect = dialect;
    }

    /**
     * @param condition the parsed condition
     * @param table     the table it filters
     * @param dialect   the backend
     * @return the SQL expression (without {@code WHERE}) and its parameters
     * @throws ConditionException for an unknown column ({@link Reason#UNKNOWN_COLUMN}), a literal
     *                            that does not fit its column or LIKE on a non-text column
     *                            ({@link Reason#TYPE})
     */
    public static SqlFragment compile(Condition condition, TableInfo table, Dialect dialect)
            throws ConditionException {
        ConditionCompiler compiler = new ConditionCompiler(table, dialect);
        compiler.emit(condition);
        return new SqlFragment(compiler.sql.toString(), compiler.params);
    }

    private void emit(Condition condition) throws ConditionException {
        if (condition instanceof Condition.Or or) {
            join(or.terms(), " OR ");
        } else if (condition instanceof Condition.And and) {
            join(and.terms(), " AND ");
        } else if (condition instanceof Condition.Not not) {
            sql.append("(NOT ");
            emit(not.inner());
            sql.append(')');
        } else if (condition instanceof Condition.Compare compare) {
            TableInfo.Column column = resolve(compare.column());
            sql.append(dialect.quote(column.name())).append(' ').append(compare.op().sql()).append(" ?");
            params.add(new SqlFragment.Param(column.kind(), convert(column, compare.value())));
        } else if (condition instanceof Condition.Like like) {
            TableInfo.Column column = resolve(like.column());
            if (column.kind() != ValueKind.STRING) {
                throw new ConditionException(Reason.TYPE, like.column().position(), "LIKE needs a text column, but "
                        + ApiException.echo(column.name()) + " holds " + column.kind().expected());
            }
            sql.append(dialect.quote(column.name())).append(like.negated() ? " NOT LIKE ?" : " LIKE ?");
            params.add(new SqlFragment.Param(ValueKind.STRING, like.pattern().value()));
        } else if (condition instanceof Condition.IsNull isNull) {
            TableInfo.Column column = resolve(isNull.column());
            sql.append(dialect.quote(column.name())).append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (condition instanceof Condition.Constant constant) {
            sql.append(constant.value() ? "(1 = 1)" : "(1 = 0)");
        } else {
            throw new IllegalStateException("unknown condition node " + condition.getClass().getName());
        }
    }

    private void join(List<Condition> terms, String operator) throws ConditionException {
        sql.append('(');
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            emit(terms.get(i));
        }
        sql.append(')');
    }

    private TableInfo.Column resolve(Condition.ColumnRef ref) throws ConditionException {
        return table.column(ref.name()).orElseThrow(() -> new ConditionException(Reason.UNKNOWN_COLUMN,
                ref.position(), "table " + ApiException.echo(table.name()) + " has no column "
                + ApiException.echo(ref.name())));
    }

    private static Object convert(TableInfo.Column column, Condition.Literal literal) throws ConditionException {
        try {
            return Values.forComparison(column, literal.value());
        } catch (ApiException e) {
            throw new ConditionException(Reason.TYPE, literal.position(), "cannot compare column "
                    + ApiException.echo(column.name()) + " (" + column.kind().expected() + ") with "
                    + literal.describe());
        }
    }
}
