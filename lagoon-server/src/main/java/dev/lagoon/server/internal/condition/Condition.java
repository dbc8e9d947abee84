package dev.lagoon.server.internal.condition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The parsed form of a PhantomDB condition: a tree of boolean expressions over
 * {@code column op literal} predicates. It holds no SQL; {@code ConditionCompiler} in the
 * {@code sql} package turns it into a parameterized {@code WHERE} clause against one table.
 *
 * <p>Every node remembers the 1-based position in the source text where it starts, so
 * errors found later (an unknown column, a literal that does not fit its column) can still
 * point at the right place.
 */
public sealed interface Condition
        permits Condition.Or, Condition.And, Condition.Not, Condition.Compare, Condition.Like,
        Condition.IsNull, Condition.Constant {

    /** {@code a OR b OR ...}, at least two terms. */
    record Or(List<Condition> terms) implements Condition {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    /** {@code a AND b AND ...}, at least two terms. */
    record And(List<Condition> terms) implements Condition {
        public And {
            terms = List.copyOf(terms);
        }
    }

    /** {@code NOT inner}. */
    record Not(Condition inner) implements Condition {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }
    }

    /** {@code column op value}; {@code value} is never the {@code NULL} literal. */
    record Compare(ColumnRef column, CompareOp op, Literal value) implements Condition {
    }

    /** {@code column [NOT] LIKE 'pattern'}. */
    record Like(ColumnRef column, boolean negated, Literal pattern) implements Condition {
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(ColumnRef column, boolean negated) implements Condition {
    }

    /** A bare {@code TRUE} or {@code FALSE}; {@code ?condition=true} selects every row. */
    record Constant(boolean value, int position) implements Condition {
    }

    /** A column name as written, with its position. */
    record ColumnRef(String name, int position) {
    }

    /** The comparison operators, with their SQL spelling. */
    enum CompareOp {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        CompareOp(String sql) {
            this.sql = sql;
        }

        /** @return the operator as written in SQL */
        public String sql() {
            return sql;
        }
    }

    /** What kind of value a literal is. */
    enum LiteralType { NUMBER, STRING, BOOLEAN, NULL }

    /**
     * A literal value: a {@link BigDecimal} for numbers, a {@link String} for strings, a
     * {@link Boolean} for {@code true}/{@code false}, or {@code null} for {@code NULL}.
     */
    record Literal(LiteralType type, Object value, int position) {

        /** @return a short description for error messages, e.g. {@code 'abc'} or {@code 42} */
        public String describe() {
            return switch (type) {
                case STRING -> "'" + value + "'";
                case NUMBER -> ((BigDecimal) value).toPlainString();
                case BOOLEAN -> String.valueOf(value);
                case NULL -> "NULL";
            };
        }
    }
}
