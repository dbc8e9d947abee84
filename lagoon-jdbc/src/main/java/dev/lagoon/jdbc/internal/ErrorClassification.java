package dev.lagoon.jdbc.internal;

import dev.lagoon.jdbc.BrokenConnectionClassifier;
import dev.lagoon.jdbc.BrokenConnectionClassifier.Verdict;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the configured classifiers, then the standard one, over an exception chain; the first
 * verdict other than {@link Verdict#ABSTAIN} decides. Immutable and thread-safe.
 */
public final class ErrorClassification {

    /** How many exceptions of one chain are looked at, against cyclic or endless chains. */
    private static final int MAX_CHAIN = 16;

    private final List<BrokenConnectionClassifier> classifiers;

    /**
     * @param custom the user's classifiers, in order; the standard one is appended
     */
    public ErrorClassification(List<BrokenConnectionClassifier> custom) {
        List<BrokenConnectionClassifier> all = new ArrayList<>(custom);
        all.add(StandardClassifier.INSTANCE);
        this.classifiers = List.copyOf(all);
    }

    /**
     * @param exception the exception a borrower's call threw
     * @return whether the connection it came from must be destroyed
     */
    public boolean isBroken(SQLException exception) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<SQLException> pending = new ArrayList<>();
        pending.add(exception);
        for (int i = 0; i < pending.size() && i < MAX_CHAIN; i++) {
            SQLException e = pending.get(i);
            if (seen.put(e, Boolean.TRUE) != null) {
                continue;
            }
            Verdict verdict = verdictOf(e);
            if (verdict != Verdict.ABSTAIN) {
                return verdict == Verdict.BROKEN;
            }
            if (e.getCause() instanceof SQLException) {
                pending.add((SQLException) e.getCause());
            }
            SQLException next = e.getNextException();
            if (next != null) {
                pending.add(next);
            }
        }
        return false;
    }

    private Verdict verdictOf(SQLException e) {
        for (BrokenConnectionClassifier c : classifiers) {
            Verdict v;
            try {
                v = c.classify(e);
            } catch (RuntimeException ignored) {
                v = Verdict.ABSTAIN;
            }
            if (v != null && v != Verdict.ABSTAIN) {
                return v;
            }
        }
        return Verdict.ABSTAIN;
    }

    /** @return the classifiers in the order they are asked, the standard one last */
    public List<BrokenConnectionClassifier> classifiers() {
        return classifiers;
    }
}
