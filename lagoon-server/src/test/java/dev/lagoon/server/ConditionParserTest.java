package dev.lagoon.server;

import dev.lagoon.server.internal.condition.Condition;
import dev.lagoon.server.internal.condition.Condition.And;
import dev.lagoon.server.internal.condition.Condition.Compare;
import dev.lagoon.server.internal.condition.Condition.CompareOp;
import dev.lagoon.server.internal.condition.Condition.Constant;
import dev.lagoon.server.internal.condition.Condition.IsNull;
import dev.lagoon.server.internal.condition.Condition.Like;
import dev.lagoon.server.internal.condition.Condition.LiteralType;
import dev.lagoon.server.internal.condition.Condition.Not;
import dev.lagoon.server.internal.condition.Condition.Or;
import dev.lagoon.server.internal.condition.ConditionException;
import dev.lagoon.server.internal.condition.ConditionParser;
import dev.lagoon.server.internal.sql.ConditionCompiler;
import dev.lagoon.server.internal.sql.Dialect;
import dev.lagoon.server.internal.sql.SqlFragment;
import dev.lagoon.server.internal.sql.TableInfo;
import dev.lagoon.server.internal.sql.ValueKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The condition language: grammar, precedence, literals, error positions, and the SQL it compiles to. */
class ConditionParserTest {

    private static Condition parse(String text) throws ConditionException {
        return ConditionParser.parse(text);
    }

    private static ConditionException refused(String text) {
        return catchThrowableOfType(ConditionException.class, () -> ConditionParser.parse(text));
    }

    @Nested
    class Grammar {

        @Test
        void aComparisonIsColumnOperatorLiteral() throws Exception {
            Compare c = (Compare) parse("id = 2");
            assertThat(c.column().name()).isEqualTo("id");
            assertThat(c.column().position()).isEqualTo(1);
            assertThat(c.op()).isEqualTo(CompareOp.EQ);
            assertThat(c.value().type()).isEqualTo(LiteralType.NUMBER);
            assertThat(c.value().value()).isEqualTo(new BigDecimal("2"));
            assertThat(c.value().position()).isEqualTo(6);
        }

        @ParameterizedTest
        @CsvSource({"=,EQ", "!=,NE", "<>,NE", "<,LT", "<=,LE", ">,GT", ">=,GE"})
        void everyComparisonOperatorIsRecognised(String op, CompareOp expected) throws Exception {
            assertThat(((Compare) parse("a " + op + " 1")).op()).isEqualTo(expected);
            assertThat(((Compare) parse("a" + op + "1")).op()).isEqualTo(expected);
        }

        @Test
        void andBindsTighterThanOr() throws Exception {
            Or or = (Or) parse("a = 1 OR b = 2 AND c = 3");
            assertThat(or.terms()).hasSize(2);
            assertThat(or.terms().get(0)).isInstanceOf(Compare.class);
            And and = (And) or.terms().get(1);
            assertThat(and.terms()).extracting(t -> ((Compare) t).column().name()).containsExactly("b", "c");
        }

        @Test
        void parenthesesOverridePrecedence() throws Exception {
            And and = (And) parse("(a = 1 OR b = 2) AND c = 3");
            assertThat(and.terms().get(0)).isInstanceOf(Or.class);
            assertThat(and.terms().get(1)).isInstanceOf(Compare.class);
        }

        @Test
        void chainsOfTheSameOperatorAreFlattened() throws Exception {
            And and = (And) parse("a = 1 AND b = 2 AND c = 3 AND d = 4");
            assertThat(and.terms()).hasSize(4);
        }

        @Test
        void notBindsTighterThanAndAndNests() throws Exception {
            And and = (And) parse("NOT a = 1 AND b = 2");
            assertThat(and.terms().get(0)).isInstanceOf(Not.class);
            Not outer = (Not) parse("NOT NOT (a = 1)");
            assertThat(((Not) outer.inner()).inner()).isInstanceOf(Compare.class);
        }

        @Test
        void keywordsAreCaseInsensitive() throws Exception {
            Or or = (Or) parse("a = 1 or b is not null And c like 'x%' OR NoT d = TRUE");
            assertThat(or.terms()).hasSize(3);
            And and = (And) or.terms().get(1);
            assertThat(and.terms().get(0)).isEqualTo(new IsNull(new Condition.ColumnRef("b", 10), true));
            assertThat(and.terms().get(1)).isInstanceOf(Like.class);
        }

        @Test
        void isNullAndIsNotNullAreUnaryPredicates() throws Exception {
            assertThat(parse("deleted_at IS NULL")).isEqualTo(new IsNull(new Condition.ColumnRef("deleted_at", 1), false));
            assertThat(((IsNull) parse("x IS NOT NULL")).negated()).isTrue();
        }

        @Test
        void likeAndNotLikeTakeAStringPattern() throws Exception {
            Like like = (Like) parse("name LIKE 'A%'");
            assertThat(like.negated()).isFalse();
            assertThat(like.pattern().value()).isEqualTo("A%");
            assertThat(((Like) parse("name NOT LIKE '_b'")).negated()).isTrue();
        }

        @Test
        void bareTrueAndFalseAreWholeConditions() throws Exception {
            assertThat(parse("true")).isEqualTo(new Constant(true, 1));
            assertThat(parse(" FALSE ")).isEqualTo(new Constant(false, 2));
            assertThat(parse("true AND id = 1")).isInstanceOf(And.class);
        }

        @Test
        void whitespaceOfAnyKindSeparatesTokens() throws Exception {
            Compare c = (Compare) parse("\tid\r\n=\n 7 ");
            assertThat(c.value().value()).isEqualTo(new BigDecimal("7"));
        }
    }

    @Nested
    class Literals {

        @ParameterizedTest
        @CsvSource({"42,42", "-5,-5", "+5,5", "3.25,3.25", ".5,0.5", "-.5,-0.5", "1e3,1E+3", "2.5E-2,0.025", "7.,7"})
        void numbersAreExactDecimals(String text, String expected) throws Exception {
            BigDecimal value = (BigDecimal) ((Compare) parse("x = " + text)).value().value();
            assertThat(value).isEqualByComparingTo(new BigDecimal(expected));
        }

        @Test
        void stringsAreSingleQuotedWithDoubledQuotesAsEscapes() throws Exception {
            assertThat(((Compare) parse("name = 'O''Brien'")).value().value()).isEqualTo("O'Brien");
            assertThat(((Compare) parse("name = ''")).value().value()).isEqualTo("");
            assertThat(((Compare) parse("name = ''''")).value().value()).isEqualTo("'");
        }

        @Test
        void stringsKeepEverythingInsideThemLiterally() throws Exception {
            String inside = " 1=1; DROP TABLE x -- /* */ \" ` \\ AND OR ( ) ";
            Compare c = (Compare) parse("name = '" + inside + "'");
            assertThat(c.value().value()).isEqualTo(inside);
            assertThat(c.value().type()).isEqualTo(LiteralType.STRING);
        }

        @Test
        void unicodeInStringsIsKept() throws Exception {
            assertThat(((Compare) parse("name = 'Zoë 東京 🚀'")).value().value()).isEqualTo("Zoë 東京 🚀");
        }

        @Test
        void trueAndFalseAreBooleanLiterals() throws Exception {
            Compare c = (Compare) parse("active = false");
            assertThat(c.value().type()).isEqualTo(LiteralType.BOOLEAN);
            assertThat(c.value().value()).isEqualTo(Boolean.FALSE);
        }
    }

    @Nested
    class Errors {

        @Test
        void anEmptyConditionIsRefused() {
            assertThat(refused("   ").detail()).contains("empty");
            assertThat(refused("").position()).isEqualTo(1);
        }

        @Test
        void aMissingValueIsReportedAtTheEnd() {
            ConditionException e = refused("id = ");
            assertThat(e.position()).isEqualTo(6);
            assertThat(e.detail()).contains("expected a value").contains("'='").contains("end of the condition");
            assertThat(e.getMessage()).startsWith("invalid condition at position 6:");
        }

        @Test
        void aMissingOperatorIsReportedAtTheToken() {
            ConditionException e = refused("id 2");
            assertThat(e.position()).isEqualTo(4);
            assertThat(e.detail()).contains("expected an operator");
        }

        @Test
        void aSemicolonIsRefusedWhereItStands() {
            ConditionException e = refused("1=1; DROP TABLE x");
            assertThat(e.position()).isEqualTo(4);
            ConditionException e2 = refused("id = 1; DROP TABLE x");
            assertThat(e2.position()).isEqualTo(7);
            assertThat(e2.detail()).contains("';' is not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"id = 1 -- comment", "id = 1 /* c */", "id = 1 # c"})
        void commentsAreRefused(String text) {
            ConditionException e = refused(text);
            assertThat(e.position()).isEqualTo(8);
            assertThat(e.detail()).contains("comments are not allowed");
        }

        @Test
        void anUnterminatedStringIsReportedAtItsOpeningQuote() {
            ConditionException e = refused("name = 'abc");
            assertThat(e.position()).isEqualTo(8);
            assertThat(e.detail()).contains("unterminated string");
        }

        @Test
        void aQuoteThatEscapesTheStringLeavesTrailingTokensThatAreRefused() {
            ConditionException e = refused("name = 'x' OR '1'='1'");
            assertThat(e.position()).isEqualTo(15);
            assertThat(e.detail()).contains("expected a column name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"name = \"x\"", "`name` = 'x'"})
        void doubleQuotesAndBackticksAreRefusedWithAHint(String text) {
            assertThat(refused(text).detail()).contains("single quotes");
        }

        @Test
        void unbalancedParenthesesAreRefused() {
            ConditionException open = refused("(a = 1 AND b = 2");
            assertThat(open.detail()).contains("expected ')'").contains("position 1");
            assertThat(open.position()).isEqualTo(17);
            ConditionException close = refused("a = 1)");
            assertThat(close.position()).isEqualTo(6);
            assertThat(close.detail()).contains("after a complete condition");
        }

        @Test
        void aDanglingAndOrOrIsRefused() {
            assertThat(refused("a = 1 AND").position()).isEqualTo(10);
            assertThat(refused("OR a = 1").position()).isEqualTo(1);
            assertThat(refused("a = 1 AND AND b = 2").position()).isEqualTo(11);
        }

        @Test
        void comparingWithNullPointsToIsNull() {
            ConditionException e = refused("x = NULL");
            assertThat(e.position()).isEqualTo(5);
            assertThat(e.detail()).contains("x IS NULL");
        }

        @Test
        void functionCallsSubqueriesAndColumnComparisonsAreNotPartOfTheLanguage() {
            assertThat(refused("lower(name) = 'a'").position()).isEqualTo(6);
            assertThat(refused("id = (SELECT 1)").detail()).contains("expected a value");
            assertThat(refused("a = b").detail()).contains("expected a value");
            assertThat(refused("id IN (1)").detail()).contains("expected an operator");
            assertThat(refused("id IN (1, 2)").detail()).contains("unexpected character ','");
        }

        @Test
        void likeNeedsAStringPattern() {
            assertThat(refused("name LIKE 5").detail()).contains("quoted string pattern");
            assertThat(refused("name NOT 5").detail()).contains("expected LIKE");
        }

        @Test
        void isMustBeFollowedByNull() {
            assertThat(refused("x IS 5").detail()).contains("expected NULL after IS");
            assertThat(refused("x IS NOT 5").detail()).contains("expected NULL after IS NOT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"x = 1e", "x = 1.2.3", "x = 12abc", "x = 1e+"})
        void malformedNumbersAreRefused(String text) {
            assertThat(refused(text).detail()).contains("malformed number");
            assertThat(refused(text).position()).isEqualTo(5);
        }

        @Test
        void strayCharactersAreNamed() {
            ConditionException e = refused("x = 1 & y = 2");
            assertThat(e.position()).isEqualTo(7);
            assertThat(e.detail()).contains("'&'");
            assertThat(refused("x == 1").detail()).contains("'=='");
            assertThat(refused("x ! 1").detail()).contains("'!'");
            assertThat(refused("x = 1 \u0000").detail()).contains("\\u0000");
        }

        @Test
        void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
            String deep = "(".repeat(ConditionParser.MAX_DEPTH + 1) + "a = 1" + ")".repeat(ConditionParser.MAX_DEPTH + 1);
            assertThat(refused(deep).detail()).contains("levels deep");
            String ok = "(".repeat(ConditionParser.MAX_DEPTH) + "a = 1" + ")".repeat(ConditionParser.MAX_DEPTH);
            assertThat(catchThrowableOfType(ConditionException.class, () -> parse(ok))).isNull();
            String nots = "NOT ".repeat(ConditionParser.MAX_DEPTH + 1) + "a = 1";
            assertThat(refused(nots).detail()).contains("levels deep");
        }

        @Test
        void overlongConditionsAreRefusedBeforeParsing() {
            String longText = "a = '" + "x".repeat(ConditionParser.MAX_LENGTH) + "'";
            assertThat(refused(longText).detail()).contains("longer than");
        }
    }

    @Nested
    class Compilation {

        private final TableInfo people = new TableInfo("d", "people", List.of(
                new TableInfo.Column("id", "BIGINT", ValueKind.INTEGER),
                new TableInfo.Column("name", "CHARACTER VARYING", ValueKind.STRING),
                new TableInfo.Column("score", "DOUBLE PRECISION", ValueKind.FLOAT),
                new TableInfo.Column("active", "BOOLEAN", ValueKind.BOOLEAN),
                new TableInfo.Column("born", "TIMESTAMP", ValueKind.TIMESTAMP),
                new TableInfo.Column("CITY", "CHARACTER VARYING", ValueKind.STRING)));

        private SqlFragment compile(String text) throws ConditionException {
            return ConditionCompiler.compile(parse(text), people, Dialect.H2);
        }

        private ConditionException compileRefused(String text) {
            return catchThrowableOfType(ConditionException.class, () -> compile(text));
        }

        @Test
        void valuesBecomeParametersAndNamesBecomeQuotedIdentifiers() throws Exception {
            SqlFragment f = compile("id = 2 AND name = 'x''; DROP TABLE people; --'");
            assertThat(f.sql()).isEqualTo("(\"id\" = ? AND \"name\" = ?)");
            assertThat(f.params()).extracting(SqlFragment.Param::value).containsExactly(2L, "x'; DROP TABLE people; --");
        }

        @Test
        void theTreeShapeIsPreservedWithParentheses() throws Exception {
            SqlFragment f = compile("NOT (id < 3 OR id >= 10) AND name LIKE 'A%' AND born IS NOT NULL");
            assertThat(f.sql()).isEqualTo(
                    "((NOT (\"id\" < ? OR \"id\" >= ?)) AND \"name\" LIKE ? AND \"born\" IS NOT NULL)");
            assertThat(f.params()).extracting(SqlFragment.Param::value).containsExactly(3L, 10L, "A%");
        }

        @Test
        void constantsCompileToTautologyOrContradiction() throws Exception {
            assertThat(compile("true").sql()).isEqualTo("(1 = 1)");
            assertThat(compile("false").sql()).isEqualTo("(1 = 0)");
            assertThat(compile("true").params()).isEmpty();
        }

        @Test
        void literalsAreConvertedToTheColumnsType() throws Exception {
            SqlFragment f = compile("id = '7' AND score > '1.5' AND active = 'yes' AND born < '2024-01-02 03:04:05'"
                    + " AND name = 42");
            assertThat(f.params()).extracting(SqlFragment.Param::value).containsExactly(7L, 1.5, true,
                    java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5), "42");
            assertThat(f.params()).extracting(SqlFragment.Param::kind).containsExactly(ValueKind.INTEGER,
                    ValueKind.FLOAT, ValueKind.BOOLEAN, ValueKind.TIMESTAMP, ValueKind.STRING);
        }

        @Test
        void aFractionComparedWithAnIntegerColumnStaysExact() throws Exception {
            assertThat(compile("id > 2.5").params().get(0).value()).isEqualTo(new BigDecimal("2.5"));
        }

        @Test
        void unknownColumnsAreReportedAtTheirPosition() {
            ConditionException e = compileRefused("id = 1 AND nope = 2");
            assertThat(e.reason()).isEqualTo(ConditionException.Reason.UNKNOWN_COLUMN);
            assertThat(e.position()).isEqualTo(12);
            assertThat(e.detail()).contains("'nope'");
        }

        @Test
        void columnNamesMatchRegardlessOfCaseWhenUnambiguous() throws Exception {
            assertThat(compile("city = 'Oslo'").sql()).isEqualTo("\"CITY\" = ?");
            assertThat(compile("ID = 1").sql()).isEqualTo("\"id\" = ?");
        }

        @Test
        void aValueThatDoesNotFitItsColumnIsReportedAtTheValue() {
            ConditionException e = compileRefused("id = 'abc'");
            assertThat(e.reason()).isEqualTo(ConditionException.Reason.TYPE);
            assertThat(e.position()).isEqualTo(6);
            assertThat(e.detail()).contains("'id'").contains("'abc'");
            assertThat(compileRefused("active = 'maybe'").reason()).isEqualTo(ConditionException.Reason.TYPE);
            assertThat(compileRefused("born = 'yesterday'").reason()).isEqualTo(ConditionException.Reason.TYPE);
            assertThat(compileRefused("id = true").reason()).isEqualTo(ConditionException.Reason.TYPE);
        }

        @Test
        void likeIsOnlyForTextColumns() {
            ConditionException e = compileRefused("id LIKE '1%'");
            assertThat(e.reason()).isEqualTo(ConditionException.Reason.TYPE);
            assertThat(e.detail()).contains("LIKE needs a text column");
        }

        @Test
        void eachDialectQuotesIdentifiersItsOwnWay() throws Exception {
            Condition c = parse("name = 'a'");
            assertThat(ConditionCompiler.compile(c, people, Dialect.POSTGRESQL).sql()).isEqualTo("\"name\" = ?");
            assertThat(ConditionCompiler.compile(c, people, Dialect.MARIADB).sql()).isEqualTo("`name` = ?");
        }
    }
}
