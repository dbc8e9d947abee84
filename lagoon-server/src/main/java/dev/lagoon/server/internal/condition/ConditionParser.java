package dev.lagoon.server.internal.condition;

import dev.lagoon.server.internal.condition.Condition.And;
import dev.lagoon.server.internal.condition.Condition.ColumnRef;
import dev.lagoon.server.internal.condition.Condition.Compare;
import dev.lagoon.server.internal.condition.Condition.CompareOp;
import dev.lagoon.server.internal.condition.Condition.Constant;
import dev.lagoon.server.internal.condition.Condition.IsNull;
import dev.lagoon.server.internal.condition.Condition.Like;
import dev.lagoon.server.internal.condition.Condition.Literal;
import dev.lagoon.server.internal.condition.Condition.LiteralType;
import dev.lagoon.server.internal.condition.Condition.Not;
import dev.lagoon.server.internal.condition.Condition.Or;
import dev.lagoon.server.internal.condition.ConditionException.Reason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for the PhantomDB condition language.
 *
 * <pre>
 * condition  := or END
 * or         := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | primary
 * primary    := '(' or ')' | TRUE | FALSE | predicate
 * predicate  := column compareOp value
 *             | column [NOT] LIKE string
 *             | column IS [NOT] NULL
 * compareOp  := '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * value      := number | string | TRUE | FALSE
 * column     := [A-Za-z_][A-Za-z0-9_]*   (not a keyword)
 * number     := [+-]? ( digits [ '.' digits? ] | '.' digits ) ( [eE] [+-]? digits )?
 * string     := "'" ( any character but "'" | "''" )* "'"
 * </pre>
 *
 * <p>Keywords ({@code AND OR NOT LIKE IS NULL TRUE FALSE}) are case-insensitive. Anything
 * else (semicolons, comments, double quotes, backticks, function calls, column-to-column
 * comparisons) is a syntax error reported with its 1-based position. The parser never
 * produces SQL: it only builds a {@link Condition} tree. Instances are not thread-safe; the
 * static {@link #parse(String)} creates one per call.
 */
public final class ConditionParser {

    /** Conditions longer than this are refused before parsing. */
    public static final int MAX_LENGTH = 8192;
    /** How deeply parentheses and {@code NOT} may nest. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final List<Token> tokens;
    private int index;
    private int depth;

    private ConditionParser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Parses one condition.
     *
     * @param text the condition as the client sent it (already URL-decoded)
     * @return the parsed tree
     * @throws ConditionException with {@link Reason#SYNTAX} and the error position when the text
     *                            does not follow the grammar
     */
    public static Condition parse(String text) throws ConditionException {
        if (text == null || text.isBlank()) {
            throw new ConditionException(Reason.SYNTAX, 1, "the condition is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ConditionException(Reason.SYNTAX, MAX_LENGTH + 1,
                    "the condition is longer than " + MAX_LENGTH + " characters");
        }
        ConditionParser parser = new ConditionParser(text, new Lexer(text).tokens());
        Condition result = parser.parseOr();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw parser.syntax(end, "unexpected " + end.describe() + " after a complete condition"
                    + " (join conditions with AND or OR)");
        }
        return result;
    }

    private Condition parseOr() throws ConditionException {
        List<Condition> terms = new ArrayList<>();
        terms.add(parseAnd());
        while (peek().kind() == Kind.OR) {
            next();
            terms.add(parseAnd());
        }
        return terms.size() == 1 ? terms.get(0) : new Or(terms);
    }

    private Condition parseAnd() throws ConditionException {
        List<Condition> terms = new ArrayList<>();
        terms.add(parseUnary());
        while (peek().kind() == Kind.AND) {
            next();
            terms.add(parseUnary());
        }
        return terms.size() == 1 ? terms.get(0) : new And(terms);
    }

    private Condition parseUnary() throws ConditionException {
        Token token = peek();
        if (token.kind() == Kind.NOT) {
            next();
            enter(token);
            Condition inner = parseUnary();
            depth--;
            return new Not(inner);
        }
        return parsePrimary();
    }

    private Condition parsePrimary() throws ConditionException {
        Token token = next();
        switch (token.kind()) {
            case LPAREN -> {
                enter(token);
                Condition inner = parseOr();
                Token close = next();
                if (close.kind() != Kind.RPAREN) {
                    throw syntax(close, "expected ')' to close the '(' at position "
                            + token.position() + " but found " + close.describe());
                }
                depth--;
                return inner;
            }
            case TRUE -> {
                return new Constant(true, token.position());
            }
            case FALSE -> {
                return new Constant(false, token.position());
            }
            case IDENT -> {
                return parsePredicate(new ColumnRef(token.text(), token.position()));
            }
            default -> throw syntax(token, "expected a column name, '(', NOT, TRUE or FALSE but found "
                    + token.describe());
        }
    }

    private Condition parsePredicate(ColumnRef column) throws ConditionException {
        Token op = next();
        switch (op.kind()) {
            case OP -> {
                Literal value = parseValue(op);
                if (value.type() == LiteralType.NULL) {
                    throw syntax(value.position(), "NULL cannot be compared with '" + op.text()
                            + "'; use " + column.name() + " IS NULL or " + column.name() + " IS NOT NULL");
                }
                return new Compare(column, compareOp(op.text()), value);
            }
            case IS -> {
                boolean negated = false;
                Token after = next();
                if (after.kind() == Kind.NOT) {
                    negated = true;
                    after = next();
                }
                if (after.kind() != Kind.NULL) {
                    throw syntax(after, "expected NULL after IS" + (negated ? " NOT" : "")
                            + " but found " + after.describe());
                }
                return new IsNull(column, negated);
            }
            case NOT -> {
                Token like = next();
                if (like.kind() != Kind.LIKE) {
                    throw syntax(like, "expected LIKE after '" + column.name() + " NOT' but found "
                            + like.describe());
                }
                return new Like(column, true, parsePattern(like));
            }
            case LIKE -> {
                return new Like(column, false, parsePattern(op));
            }
            default -> throw syntax(op, "expected an operator (=, !=, <>, <, <=, >, >=, LIKE, IS) after column '"
                    + column.name() + "' but found " + op.describe());
        }
    }

    private Literal parsePattern(Token like) throws ConditionException {
        Token token = next();
        if (token.kind() != Kind.STRING) {
            throw syntax(token, "expected a quoted string pattern after " + like.text().toUpperCase(Locale.ROOT)
                    + " but found " + token.describe());
        }
        return new Literal(LiteralType.STRING, token.value(), token.position());
    }

    private Literal parseValue(Token op) throws ConditionException {
        Token token = next();
        return switch (token.kind()) {
            case NUMBER -> new Literal(LiteralType.NUMBER, token.value(), token.position());
            case STRING -> new Literal(LiteralType.STRING, token.value(), token.position());
            case TRUE -> new Literal(LiteralType.BOOLEAN, Boolean.TRUE, token.position());
            case FALSE -> new Literal(LiteralType.BOOLEAN, Boolean.FALSE, token.position());
            case NULL -> new Literal(LiteralType.NULL, null, token.position());
            default -> throw syntax(token, "expected a value (a number, a 'quoted string', TRUE or FALSE) after '"
                    + op.text() + "' but found " + token.describe());
        };
    }

    private static CompareOp compareOp(String text) {
        return switch (text) {
            case "=" -> CompareOp.EQ;
            case "!=", "<>" -> CompareOp.NE;
            case "<" -> CompareOp.LT;
            case "<=" -> CompareOp.LE;
            case ">" -> CompareOp.GT;
            case ">=" -> CompareOp.GE;
            default -> throw new IllegalStateException("the lexer produced an unknown operator " + text);
        };
    }

    private void enter(Token token) throws ConditionException {
        if (++depth > MAX_DEPTH) {
            throw syntax(token, "the condition nests parentheses or NOT more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private ConditionException syntax(Token token, String detail) {
        return syntax(token.position(), detail);
    }

    private ConditionException syntax(int position, String detail) {
        return new ConditionException(Reason.SYNTAX, Math.min(position, text.length() + 1), detail);
    }

    /** Token kinds. */
    enum Kind { IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, AND, OR, NOT, LIKE, IS, NULL, TRUE, FALSE, END }

    /** One token; {@code value} is the decoded literal for numbers and strings. */
    record Token(Kind kind, String text, Object value, int position) {

        String describe() {
            return switch (kind) {
                case END -> "the end of the condition";
                case STRING -> "the string '" + value + "'";
                case NUMBER -> "the number " + text;
                case IDENT -> "'" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    /** Splits the text into tokens; positions are 1-based. */
    static final class Lexer {

        private final String text;
        private int pos;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() throws ConditionException {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos >= text.length()) {
                    out.add(new Token(Kind.END, "", null, pos + 1));
                    return out;
                }
                out.add(nextToken());
            }
        }

        private void skipWhitespace() {
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private Token nextToken() throws ConditionException {
            int start = pos;
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                return new Token(Kind.LPAREN, "(", null, start + 1);
            }
            if (c == ')') {
                pos++;
                return new Token(Kind.RPAREN, ")", null, start + 1);
            }
            if (c == '\'') {
                return string();
            }
            if (isDigit(c) || (c == '.' && isDigitAt(pos + 1))
                    || ((c == '-' || c == '+') && (isDigitAt(pos + 1) || (charAt(pos + 1) == '.' && isDigitAt(pos + 2))))) {
                return number();
            }
            if (isIdentStart(c)) {
                return word();
            }
            if (c == '-' && charAt(pos + 1) == '-' || c == '/' && charAt(pos + 1) == '*' || c == '#') {
                throw error(start, "comments are not allowed in a condition");
            }
            if (c == ';') {
                throw error(start, "';' is not allowed in a condition: it is a single expression, not SQL");
            }
            if (c == '"' || c == '`') {
                throw error(start, "unexpected " + c + ": quote strings with single quotes ('like this')"
                        + " and write column names without quotes");
            }
            return operator(start, c);
        }

        private Token operator(int start, char c) throws ConditionException {
            char n = charAt(start + 1);
            String op;
            if (c == '=') {
                if (n == '=') {
                    throw error(start, "unknown operator '==': use '=' to compare");
                }
                op = "=";
            } else if (c == '!') {
                if (n != '=') {
                    throw error(start, "unexpected '!': use NOT, '!=' or '<>'");
                }
                op = "!=";
            } else if (c == '<') {
                op = n == '=' ? "<=" : n == '>' ? "<>" : "<";
            } else if (c == '>') {
                op = n == '=' ? ">=" : ">";
            } else {
                throw error(start, "unexpected character '" + printable(c) + "'");
            }
            pos = start + op.length();
            return new Token(Kind.OP, op, null, start + 1);
        }

        private Token string() throws ConditionException {
            int start = pos;
            StringBuilder value = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error(start, "unterminated string: the quote at position " + (start + 1)
                            + " is never closed (write '' for a quote inside a string)");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (charAt(pos) == '\'') {
                        value.append('\'');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    value.append(c);
                }
            }
            return new Token(Kind.STRING, text.substring(start, pos), value.toString(), start + 1);
        }

        private Token number() throws ConditionException {
            int start = pos;
            if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
                pos++;
            }
            while (isDigitAt(pos)) {
                pos++;
            }
            if (charAt(pos) == '.') {
                pos++;
                while (isDigitAt(pos)) {
                    pos++;
                }
            }
            if (charAt(pos) == 'e' || charAt(pos) == 'E') {
                int exponent = pos + 1;
                if (charAt(exponent) == '+' || charAt(exponent) == '-') {
                    exponent++;
                }
                if (!isDigitAt(exponent)) {
                    throw error(start, "malformed number '" + text.substring(start, Math.min(text.length(), exponent))
                            + "': the exponent has no digits");
                }
                pos = exponent;
                while (isDigitAt(pos)) {
                    pos++;
                }
            }
            if (isIdentPart(charAt(pos)) || charAt(pos) == '.') {
                throw error(start, "malformed number starting '" + text.substring(start, pos + 1) + "'");
            }
            String literal = text.substring(start, pos);
            BigDecimal value;
            try {
                value = new BigDecimal(literal.startsWith("+") ? literal.substring(1) : literal);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error(start, "malformed number '" + literal + "'");
            }
            return new Token(Kind.NUMBER, literal, value, start + 1);
        }

        private Token word() {
            int start = pos;
            while (isIdentPart(charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            Kind kind = switch (word.toUpperCase(Locale.ROOT)) {
                case "AND" -> Kind.AND;
                case "OR" -> Kind.OR;
                case "NOT" -> Kind.NOT;
                case "LIKE" -> Kind.LIKE;
                case "IS" -> Kind.IS;
                case "NULL" -> Kind.NULL;
                case "TRUE" -> Kind.TRUE;
                case "FALSE" -> Kind.FALSE;
                default -> Kind.IDENT;
            };
            return new Token(kind, word, null, start + 1);
        }

        private char charAt(int i) {
            return i < text.length() ? text.charAt(i) : '\0';
        }

        private boolean isDigitAt(int i) {
            return isDigit(charAt(i));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isIdentStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isIdentPart(char c) {
            return isIdentStart(c) || isDigit(c);
        }

        private static String printable(char c) {
            return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        }

        private ConditionException error(int zeroBasedStart, String detail) {
            return new ConditionException(Reason.SYNTAX, zeroBasedStart + 1, detail);
        }
    }
}
