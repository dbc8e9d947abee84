package dev.lagoon.stress.model;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded randomized model test of the pool engine: episodes of random operations (acquires
 * with zero and short timeouts, async acquires and cancellations, releases, repeated releases,
 * invalidations, scripted factory failures, broken connections, failing validation and reset,
 * clock jumps with maintenance passes), each on a freshly configured pool, with the pool
 * compared against a model after every operation (see {@link Episode}).
 *
 * <p>Runs {@code lagoon.ops} operations (default 100,000) from seed {@code lagoon.seed} (default:
 * a fresh one, printed). Replay a failure with the seed it reports:
 * {@code mvn -pl lagoon-stress verify -Dtest=PoolModelTest -Dlagoon.seed=...}. A replay runs the
 * same operations with the same arguments; the engine's own jitter (lifetime, creation back-off)
 * comes from {@code ThreadLocalRandom}, so an outcome that hinges on a jitter draw (a connection
 * retired in the last 2.5% of its lifetime) may differ, and the model accepts either there.
 */
class PoolModelTest {
    private static final int OPS = Integer.getInteger("lagoon.ops", 100_000);

    @Test
    void randomOperationsKeepThePoolConsistentWithItsModel() {
        long seed = Long.getLong("lagoon.seed", new Random().nextLong());
        System.out.println("PoolModelTest: seed " + seed + " (replay with -Dlagoon.seed=" + seed + "), "
                + OPS + " operations");
        Random episodes = new Random(seed);
        Map<Episode.Op, Integer> counts = new EnumMap<>(Episode.Op.class);
        Map<String, Integer> outcomes = new TreeMap<>();
        int ops = 0;
        int number = 0;
        long connections = 0;
        long attempts = 0;
        while (ops < OPS) {
            number++;
            long episodeSeed = episodes.nextLong();
            int length = Math.min(OPS - ops, 500 + episodes.nextInt(4_500));
            Episode episode = null;
            try {
                episode = new Episode(episodeSeed);
                for (int i = 0; i < length; i++) {
                    episode.step();
                }
                episode.finish();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("model test failed: seed " + seed + ", episode " + number
                        + " (episode seed " + episodeSeed + "), after " + (episode == null ? 0 : episode.steps)
                        + " operations of it\n  config: " + (episode == null ? "?" : episode.config)
                        + "\n  last operations:\n    " + (episode == null ? "" : episode.recentOperations())
                        + "\n  replay: -Dlagoon.seed=" + seed, e);
            }
            ops += length;
            connections += episode.created();
            attempts += episode.attempts();
            episode.counts.forEach((op, n) -> counts.merge(op, n, Integer::sum));
            episode.outcomes.forEach((what, n) -> outcomes.merge(what, n, Integer::sum));
        }
        System.out.println("PoolModelTest: " + ops + " operations in " + number + " episodes, " + connections
                + " connections created in " + attempts + " attempts\n  operations: " + counts
                + "\n  outcomes: " + outcomes);
        assertThat(ops).isEqualTo(OPS);
    }
}
