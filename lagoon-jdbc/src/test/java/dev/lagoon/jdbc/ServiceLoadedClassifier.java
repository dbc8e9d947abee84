package dev.lagoon.jdbc;

import java.sql.SQLException;

/** Registered in META-INF/services for {@link BrokenConnectionTest}: SQLState ZZ042 means broken. */
public final class ServiceLoadedClassifier implements BrokenConnectionClassifier {

    static final String STATE = "ZZ042";

    @Override
    public Verdict classify(SQLException exception) {
        return STATE.equals(exception.getSQLState()) ? Verdict.BROKEN : Verdict.ABSTAIN;
    }
}
