package dev.lagoon.server.internal.sql;

/**
 * Counts the statements in a raw SQL text, skipping string literals, quoted identifiers and
 * comments the way the backend reads them, so {@code /query} can refuse a text that holds more
 * than one statement ({@code SELECT 1; DROP TABLE x}). A trailing semicolon is allowed.
 *
 * <p>This is a guard for clarity (one call, one statement, one answer), not a sandbox:
 * a single raw statement can do anything the backend user may do.
 */
public final class StatementCounter {

    private final String sql;
    private final Dialect dialect;
    private int pos;

    private StatementCounter(String sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /**
     * @param sql     the raw SQL
     * @param dialect the backend that will read it
     * @return the number of non-empty statements
     */
    public static int count(String sql, Dialect dialect) {
        return new StatementCounter(sql, dialect).run();
    }

    private int run() {
        int statements = 0;
        boolean content = false;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (startsLineComment()) {
                skipToEndOfLine();
            } else if (c == '/' && at(pos + 1) == '*' && !executableComment()) {
                skipBlockComment();
            } else if (c == ';') {
                if (content) {
                    statements++;
                }
                content = false;
                pos++;
            } else {
                content = true;
                skipToken(c);
            }
        }
        return content ? statements + 1 : statements;
    }

    private boolean startsLineComment() {
        char c = sql.charAt(pos);
        char n = at(pos + 1);
        return switch (dialect) {
            case H2 -> (c == '-' && n == '-') || (c == '/' && n == '/');
            case POSTGRESQL -> c == '-' && n == '-';
            case MARIADB -> c == '#' || (c == '-' && n == '-' && at(pos + 2) <= ' ');
        };
    }

    /** MariaDB runs the text of {@code /*! ... *}{@code /} comments, so they are code, not comments. */
    private boolean executableComment() {
        return dialect == Dialect.MARIADB && (at(pos + 2) == '!' || (at(pos + 2) == 'M' && at(pos + 3) == '!'));
    }

    private void skipToEndOfLine() {
        while (pos < sql.length() && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        boolean nests = dialect == Dialect.POSTGRESQL;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.charAt(pos) == '/' && at(pos + 1) == '*') {
                if (depth == 0 || nests) {
                    depth++;
                }
                pos += 2;
            } else if (sql.charAt(pos) == '*' && at(pos + 1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void skipToken(char c) {
        if (c == '\'') {
            boolean backslash = dialect == Dialect.MARIADB || (dialect == Dialect.POSTGRESQL && escapeStringPrefix());
            skipQuoted('\'', backslash);
        } else if (c == '"') {
            skipQuoted('"', dialect == Dialect.MARIADB);
        } else if (c == '`' && dialect == Dialect.MARIADB) {
            skipQuoted('`', false);
        } else if (c == '$' && dialect != Dialect.MARIADB && dollarQuote()) {
            return;
        } else {
            pos++;
        }
    }

    /** PostgreSQL's {@code E'...'} strings take backslash escapes. */
    private boolean escapeStringPrefix() {
        char before = at(pos - 1);
        char beforeThat = at(pos - 2);
        return (before == 'E' || before == 'e') && !isIdentPart(beforeThat);
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (at(pos + 1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** Skips a {@code $tag$ ... $tag$} string when one starts here; returns whether it did. */
    private boolean dollarQuote() {
        if (isIdentPart(at(pos - 1))) {
            return false;
        }
        int end = pos + 1;
        if (Character.isDigit(at(end))) {
            return false;
        }
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (at(end) != '$') {
            return false;
        }
        String tag = sql.substring(pos, end + 1);
        int close = sql.indexOf(tag, end + 1);
        pos = close < 0 ? sql.length() : close + tag.length();
        return true;
    }

    private char at(int i) {
        return i >= 0 && i < sql.length() ? sql.charAt(i) : '\0';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
