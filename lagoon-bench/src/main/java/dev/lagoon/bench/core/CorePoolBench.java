package dev.lagoon.bench.core;

import dev.lagoon.ConnectionFactory;
import dev.lagoon.Lease;
import dev.lagoon.Pool;
import dev.lagoon.PoolConfig;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One acquire and one release of a pooled object, per operation, on Lagoon's core pool,
 * stormpot and commons-pool2.
 *
 * <p>Each pool holds {@code poolSize} pre-created {@link Resource}s and is set up the same way:
 * fixed size (min = max = initial), no validation on borrow or return, no JMX, the pool's
 * default fairness and expiry. Creating and closing a resource costs nothing, so what is
 * measured is the pool's own bookkeeping. The borrower only reads the object (handed to a
 * {@link Blackhole}), so a pool whose lease object does not escape can have it scalar-replaced.
 *
 * <p>Settings per pool:
 * <ul>
 *   <li>lagoon: {@code PoolConfig} with min = max = initial = poolSize,
 *       {@code validateOnAcquire(false)}, everything else at its default (FIFO fairness,
 *       30 min max lifetime, 10 min idle timeout, no listeners, no leak detection).</li>
 *   <li>stormpot: {@code Pool.from(allocator).setSize(poolSize)}, default expiration (8 to 10
 *       minutes), {@code pool.claim(timeout)} and {@code release()} (its default, thread-local
 *       cached access). stormpot 4.1 is compiled for Java 21, so this pool is only in a
 *       benchmarks jar built on JDK 21+ and only runs there; see {@code StormpotCycle}.</li>
 *   <li>commons-pool2: {@code GenericObjectPool} with maxTotal = maxIdle = minIdle = poolSize,
 *       its defaults for borrowing (LIFO, blocking, no tests on borrow, return or idle), JMX off,
 *       filled with {@code addObjects(poolSize)}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CorePoolBench {

    private static final int LAGOON = 0;
    private static final int STORMPOT = 1;
    private static final int COMMONS_POOL2 = 2;

    /** Which pool this trial measures. */
    @Param({"lagoon", "stormpot", "commons-pool2"})
    public String pool;

    /** Objects in the pool. */
    @Param({"32"})
    public int poolSize;

    private int kind;
    private Pool<Resource> lagoon;
    private PoolCycle stormpot;
    private GenericObjectPool<Resource> commonsPool;

    /** The pooled thing: an object with an identity and nothing to do. */
    public static final class Resource {
        private static final AtomicInteger IDS = new AtomicInteger();
        /** Identifies the resource, so the blackhole has something to read. */
        public final int id = IDS.incrementAndGet();
    }

    @Setup
    public void setUp() throws Exception {
        switch (pool) {
            case "lagoon" -> {
                kind = LAGOON;
                lagoon = Pool.create(new LagoonFactory(), PoolConfig.builder()
                        .name("bench")
                        .minSize(poolSize)
                        .maxSize(poolSize)
                        .initialSize(poolSize)
                        .validateOnAcquire(false)
                        .build());
            }
            case "stormpot" -> {
                kind = STORMPOT;
                stormpot = PoolCycle.load("dev.lagoon.bench.core.StormpotCycle", poolSize);
            }
            case "commons-pool2" -> {
                kind = COMMONS_POOL2;
                GenericObjectPoolConfig<Resource> config = new GenericObjectPoolConfig<>();
                config.setMaxTotal(poolSize);
                config.setMaxIdle(poolSize);
                config.setMinIdle(poolSize);
                config.setJmxEnabled(false);
                commonsPool = new GenericObjectPool<>(new CommonsFactory(), config);
                commonsPool.addObjects(poolSize);
            }
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (lagoon != null) {
            lagoon.close();
        }
        if (stormpot != null) {
            stormpot.close();
        }
        if (commonsPool != null) {
            commonsPool.close();
        }
    }

    /**
     * Borrows one object, reads it, gives it back.
     *
     * @param blackhole consumes the object
     * @throws Exception if a pool fails
     */
    @Benchmark
    public void acquireRelease(Blackhole blackhole) throws Exception {
        switch (kind) {
            case LAGOON -> {
                try (Lease<Resource> lease = lagoon.acquire()) {
                    blackhole.consume(lease.get());
                }
            }
            case STORMPOT -> {
                stormpot.cycle(blackhole);
            }
            default -> {
                Resource resource = commonsPool.borrowObject();
                try {
                    blackhole.consume(resource);
                } finally {
                    commonsPool.returnObject(resource);
                }
            }
        }
    }

    private static final class LagoonFactory implements ConnectionFactory<Resource> {
        @Override
        public Resource create() {
            return new Resource();
        }

        @Override
        public void close(Resource resource) {
        }
    }

    private static final class CommonsFactory extends BasePooledObjectFactory<Resource> {
        @Override
        public Resource create() {
            return new Resource();
        }

        @Override
        public PooledObject<Resource> wrap(Resource resource) {
            return new DefaultPooledObject<>(resource);
        }
    }
}
