package dev.lagoon.bench.core;

import org.openjdk.jmh.infra.Blackhole;

import java.lang.reflect.InvocationTargetException;

/**
 * One borrow-and-return on a pool that {@link CorePoolBench} cannot name at compile time,
 * because the pool's library needs a newer Java than the rest of the module (stormpot 4.1 is
 * compiled for Java 21). The implementation lives in {@code src/main/java21} and is compiled
 * only when Maven runs on JDK 21+. Each JMH fork measures one pool, so the call to
 * {@link #cycle} is monomorphic and inlined.
 */
public interface PoolCycle extends AutoCloseable {

    /**
     * Borrows one {@link CorePoolBench.Resource}, hands it to the blackhole, returns it.
     *
     * @param blackhole consumes the resource
     * @throws Exception if the pool fails
     */
    void cycle(Blackhole blackhole) throws Exception;

    /** Shuts the pool down. */
    @Override
    void close();

    /**
     * Instantiates an implementation by name with its pool size.
     *
     * @param className the implementation
     * @param poolSize  objects in its pool
     * @return the started pool
     * @throws Exception if the pool cannot start
     * @throws IllegalStateException if the class is missing or needs a newer Java
     */
    static PoolCycle load(String className, int poolSize) throws Exception {
        try {
            Class<?> type = Class.forName(className);
            return (PoolCycle) type.getConstructor(int.class).newInstance(poolSize);
        } catch (ClassNotFoundException | LinkageError e) {
            // missing, compiled for a newer Java, or its library is not in the jar
            throw new IllegalStateException(className + " is not in this benchmarks jar or cannot run on Java "
                    + Runtime.version().feature() + ": build the jar with JDK 21+ (run.sh does) and run these "
                    + "trials on Java 21+", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
