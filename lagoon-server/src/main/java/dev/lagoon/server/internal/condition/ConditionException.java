package dev.lagoon.server.internal.condition;

/**
 * A condition that cannot be used: it does not parse, names a column the table does not
 * have, or compares a column with a value that cannot be converted to the column's type.
 */
public final class ConditionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the condition was refused. */
    public enum Reason {
        /** The text does not follow the grammar. */
        SYNTAX,
        /** A column that the table does not have. */
        UNKNOWN_COLUMN,
        /** A literal that does not fit its column, or an operator the column's type cannot use. */
        TYPE
    }

    private final Reason reason;
    private final int position;
    private final String detail;

    /**
     * @param reason   why it was refused
     * @param position 1-based character position of the offending part of the condition
     * @param detail   a human-readable explanation, without the position
     */
    public ConditionException(Reason reason, int position, String detail) {
        super("invalid condition at position " + position + ": " + detail, null, false, false);
        this.reason = reason;
        this.position = position;
        this.detail = detail;
    }

    /** @return why the condition was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the 1-based character position of the error */
    public int position() {
        return position;
    }

    /** @return the explanation without the position prefix */
    public String detail() {
        return detail;
    }
}
