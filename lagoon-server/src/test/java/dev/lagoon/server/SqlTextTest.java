package dev.lagoon.server;

import dev.lagoon.server.internal.sql.Dialect;
import dev.lagoon.server.internal.sql.StatementCounter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading raw SQL the way each backend does: statement counting and identifier quoting. */
class SqlTextTest {

    private static int h2(String sql) {
        return StatementCounter.count(sql, Dialect.H2);
    }

    private static int pg(String sql) {
        return StatementCounter.count(sql, Dialect.POSTGRESQL);
    }

    private static int maria(String sql) {
        return StatementCounter.count(sql, Dialect.MARIADB);
    }

    @Test
    void statementsAreSeparatedBySemicolonsAndATrailingOneIsNotAStatement() {
        assertThat(h2("SELECT 1")).isEqualTo(1);
        assertThat(h2("SELECT 1;")).isEqualTo(1);
        assertThat(h2("SELECT 1; ; ;")).isEqualTo(1);
        assertThat(h2("SELECT 1; DROP TABLE x")).isEqualTo(2);
        assertThat(h2("a;b;c")).isEqualTo(3);
        assertThat(h2("   ")).isZero();
        assertThat(h2(";")).isZero();
    }

    @Test
    void semicolonsInStringsAndQuotedNamesDoNotSplit() {
        assertThat(h2("SELECT 'a;b', 'it''s;' FROM \"we;ird\"")).isEqualTo(1);
        assertThat(pg("SELECT $$a;b$$, $tag$ ; $$ ; $tag$")).isEqualTo(1);
        assertThat(pg("SELECT E'it\\'s; fine'")).isEqualTo(1);
        assertThat(maria("SELECT 'it\\'s; fine', `a;b`, \"c\\\";d\"")).isEqualTo(1);
    }

    @Test
    void commentsAreSkippedTheWayEachBackendReadsThem() {
        assertThat(h2("SELECT 1 -- ; DROP\n")).isEqualTo(1);
        assertThat(h2("SELECT 1 // it's a comment; DROP\n")).isEqualTo(1);
        assertThat(h2("SELECT 1 /* ; */")).isEqualTo(1);
        assertThat(pg("SELECT 1 /* outer /* inner ; */ still comment ; */")).isEqualTo(1);
        assertThat(maria("SELECT 1 # ; DROP\n")).isEqualTo(1);
        assertThat(maria("SELECT 1 -- ; DROP\n")).isEqualTo(1);
        assertThat(maria("SELECT 1 --1; DROP TABLE x")).as("MariaDB needs a space after --").isEqualTo(2);
        assertThat(maria("SELECT 1 /*! ; DROP TABLE x */")).as("MariaDB runs /*! */ text").isEqualTo(2);
    }

    @Test
    void aQuoteInsideACommentDoesNotOpenAString() {
        assertThat(h2("SELECT 1 -- it's\n; DROP TABLE x")).isEqualTo(2);
        assertThat(pg("SELECT 1 /* it's */; DROP TABLE x")).isEqualTo(2);
    }

    @Test
    void parametersAreNotDollarQuotes() {
        assertThat(pg("SELECT $1; SELECT $2")).isEqualTo(2);
    }

    @Test
    void identifiersAreQuotedWithEmbeddedQuotesDoubled() {
        assertThat(Dialect.H2.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Dialect.POSTGRESQL.qualified("d", "t")).isEqualTo("\"d\".\"t\"");
        assertThat(Dialect.MARIADB.quote("a`b")).isEqualTo("`a``b`");
        assertThat(Dialect.forJdbcUrl("jdbc:mariadb://h/db")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.forJdbcUrl("JDBC:H2:mem:x")).isEqualTo(Dialect.H2);
    }

    @Test
    void eachBackendHidesItsOwnSchemas() {
        assertThat(Dialect.H2.isSystemDatabase("INFORMATION_SCHEMA")).isTrue();
        assertThat(Dialect.H2.isSystemDatabase("PUBLIC")).isTrue();
        assertThat(Dialect.POSTGRESQL.isSystemDatabase("pg_toast")).isTrue();
        assertThat(Dialect.POSTGRESQL.isSystemDatabase("pg_temp_3")).isTrue();
        assertThat(Dialect.MARIADB.isSystemDatabase("performance_schema")).isTrue();
        assertThat(Dialect.MARIADB.isSystemDatabase("mysql")).isTrue();
        assertThat(Dialect.MARIADB.isSystemDatabase("shop")).isFalse();
    }
}
