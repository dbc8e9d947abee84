package dev.lagoon.jdbc;

import dev.lagoon.jdbc.BrokenConnectionClassifier.Verdict;
import dev.lagoon.jdbc.internal.ErrorClassification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrokenConnectionClassifierTest {

    private final ErrorClassification standard = new ErrorClassification(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08S01", "57P01", "57P02", "57P03", "57P05",
            "XX000", "01002", "JZ0C0", "JZ0C1"})
    void connectionAndFatalStatesMeanBroken(String state) {
        assertThat(standard.isBroken(new SQLException("x", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "40001", "57014", "25P02", "22012", "HY000"})
    void ordinaryErrorsDoNotMeanBroken(String state) {
        assertThat(standard.isBroken(new SQLException("x", state))).isFalse();
    }

    @Test
    void exceptionWithoutStateIsNotBroken() {
        assertThat(standard.isBroken(new SQLException("x"))).isFalse();
    }

    @Test
    void recoverableAndNonTransientConnectionExceptionsMeanBroken() {
        assertThat(standard.isBroken(new SQLRecoverableException("x"))).isTrue();
        assertThat(standard.isBroken(new SQLNonTransientConnectionException("x"))).isTrue();
        assertThat(standard.isBroken(new SQLTransientConnectionException("x", "HYT00"))).isFalse();
    }

    @Test
    void mariadbCodesCountOnlyForMariadbExceptions() {
        SQLException killed = new SQLException("Connection was killed", "70100", 1927);
        killed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.mariadb.jdbc.export.ExceptionFactory", "create", "ExceptionFactory.java", 1)});

        assertThat(standard.isBroken(killed)).isTrue();
        assertThat(standard.isBroken(new SQLException("not mariadb", "70100", 1927))).isFalse();
    }

    @Test
    void brokenCauseDeepInTheChainCounts() {
        SQLException outer = new SQLException("wrapper", "HY000");
        outer.setNextException(new SQLException("inner", "08006"));
        SQLException viaCause = new SQLException("wrapper", "HY000", new SQLException("io", "08006"));

        assertThat(standard.isBroken(outer)).isTrue();
        assertThat(standard.isBroken(viaCause)).isTrue();
    }

    @Test
    void customClassifierAddsStatesAndCanOverruleTheStandardOnes() {
        BrokenConnectionClassifier custom = e -> "ZZ001".equals(e.getSQLState()) ? Verdict.BROKEN
                : "08S01".equals(e.getSQLState()) ? Verdict.HEALTHY : Verdict.ABSTAIN;
        ErrorClassification withCustom = new ErrorClassification(List.of(custom));

        assertThat(withCustom.isBroken(new SQLException("x", "ZZ001"))).isTrue();
        assertThat(withCustom.isBroken(new SQLException("x", "08S01"))).isFalse();
        assertThat(withCustom.isBroken(new SQLException("x", "08006"))).isTrue();
    }

    @Test
    void classifierThatThrowsIsTreatedAsAbstaining() {
        BrokenConnectionClassifier failing = e -> {
            throw new IllegalStateException("bug");
        };
        ErrorClassification c = new ErrorClassification(List.of(failing));

        assertThat(c.isBroken(new SQLException("x", "08006"))).isTrue();
        assertThat(c.isBroken(new SQLException("x", "23505"))).isFalse();
    }

    @Test
    void standardClassifierIsAlwaysAskedLast() {
        BrokenConnectionClassifier custom = e -> Verdict.ABSTAIN;

        assertThat(new ErrorClassification(List.of(custom)).classifiers())
                .containsExactly(custom, BrokenConnectionClassifier.standard());
    }
}
