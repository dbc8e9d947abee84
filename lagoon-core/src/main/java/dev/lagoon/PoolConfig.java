package dev.lagoon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable configuration of a {@link Pool}.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} checks every value once and
 * throws {@link IllegalArgumentException} naming the bad value and the allowed range. Nothing
 * is clamped silently. Defaults follow the PhantomDB and RustyDB pool documents.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>range</th></tr>
 *   <tr><td>minSize</td><td>2</td><td>0 .. maxSize</td></tr>
 *   <tr><td>maxSize</td><td>10</td><td>1 .. 100,000</td></tr>
 *   <tr><td>initialSize</td><td>= minSize</td><td>minSize .. maxSize</td></tr>
 *   <tr><td>acquireTimeout</td><td>30 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>idleTimeout</td><td>10 min</td><td>0 (never) or 1 ms .. 100 days</td></tr>
 *   <tr><td>maxLifetime</td><td>30 min</td><td>0 (never) or 1 ms .. 100 days</td></tr>
 *   <tr><td>maxBorrows</td><td>0 (unlimited)</td><td>0 .. Long.MAX</td></tr>
 *   <tr><td>validateOnAcquire</td><td>true</td><td></td></tr>
 *   <tr><td>validateOnRelease</td><td>false</td><td></td></tr>
 *   <tr><td>validationTimeout</td><td>5 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>validationBypassWindow</td><td>500 ms</td><td>0 .. 100 days</td></tr>
 *   <tr><td>maxWaitQueueSize</td><td>1000</td><td>0 .. 1,000,000</td></tr>
 *   <tr><td>fairness</td><td>FIFO</td><td>FIFO, BARGING</td></tr>
 *   <tr><td>maxConcurrentCreates</td><td>2</td><td>1 .. 1,000</td></tr>
 *   <tr><td>maintenanceInterval</td><td>30 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>leakDetectionThreshold</td><td>0 (off)</td><td>0 or 1 ms .. 100 days</td></tr>
 *   <tr><td>creationBackoffInitial</td><td>10 ms</td><td>1 ms .. creationBackoffMax</td></tr>
 *   <tr><td>creationBackoffMax</td><td>5 s</td><td>1 ms .. 1 day</td></tr>
 *   <tr><td>failFast</td><td>false</td><td></td></tr>
 *   <tr><td>name</td><td>lagoon-N</td><td>1 .. 64 characters</td></tr>
 * </table>
 */
public final class PoolConfig {

    /** The largest {@link #maxSize()} accepted. */
    public static final int MAX_POOL_SIZE = 100_000;
    /** The largest {@link #maxWaitQueueSize()} accepted. */
    public static final int MAX_WAIT_QUEUE_SIZE = 1_000_000;
    private static final Duration MAX_DURATION = Duration.ofDays(100);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int minSize;
    private final int maxSize;
    private final int initialSize;
    private final Duration acquireTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final long maxBorrows;
    private final boolean validateOnAcquire;
    private final boolean validateOnRelease;
    private final Duration validationTimeout;
    private final Duration validationBypassWindow;
    private final int maxWaitQueueSize;
    private final Fairness fairness;
    private final int maxConcurrentCreates;
    private final Duration maintenanceInterval;
    private final Duration leakDetectionThreshold;
    private final Duration creationBackoffInitial;
    private final Duration creationBackoffMax;
    private final boolean failFast;
    private final String name;
    private final List<PoolListener> listeners;

    private PoolConfig(Builder b, String name) {
        this.minSize = b.minSize;
        this.maxSize = b.maxSize;
        this.initialSize = b.initialSize == null ? b.minSize : b.initialSize;
        this.acquireTimeout = b.acquireTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxLifetime = b.maxLifetime;
        this.maxBorrows = b.maxBorrows;
        this.validateOnAcquire = b.validateOnAcquire;
        this.validateOnRelease = b.validateOnRelease;
        this.validationTimeout = b.validationTimeout;
        this.validationBypassWindow = b.validationBypassWindow;
        this.maxWaitQueueSize = b.maxWaitQueueSize;
        this.fairness = b.fairness;
        this.maxConcurrentCreates = b.maxConcurrentCreates;
        this.maintenanceInterval = b.maintenanceInterval;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.creationBackoffInitial = b.creationBackoffInitial;
        this.creationBackoffMax = b.creationBackoffMax;
        this.failFast = b.failFast;
        this.name = name;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder with every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minSize = minSize;
        b.maxSize = maxSize;
        b.initialSize = initialSize;
        b.acquireTimeout = acquireTimeout;
        b.idleTimeout = idleTimeout;
        b.maxLifetime = maxLifetime;
        b.maxBorrows = maxBorrows;
        b.validateOnAcquire = validateOnAcquire;
        b.validateOnRelease = validateOnRelease;
        b.validationTimeout = validationTimeout;
        b.validationBypassWindow = validationBypassWindow;
        b.maxWaitQueueSize = maxWaitQueueSize;
        b.fairness = fairness;
        b.maxConcurrentCreates = maxConcurrentCreates;
        b.maintenanceInterval = maintenanceInterval;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.creationBackoffInitial = creationBackoffInitial;
        b.creationBackoffMax = creationBackoffMax;
        b.failFast = failFast;
        b.name = name;
        b.listeners.addAll(listeners);
        return b;
    }

    /** @return connections the pool keeps open even when idle */
    public int minSize() { return minSize; }
    /** @return the most connections the pool holds, counting ones being created */
    public int maxSize() { return maxSize; }
    /** @return connections opened by {@link Pool#create} before it returns */
    public int initialSize() { return initialSize; }
    /** @return how long {@link Pool#acquire()} waits before {@link AcquireTimeoutException} */
    public Duration acquireTimeout() { return acquireTimeout; }
    /** @return how long a connection above {@code minSize} may stay idle; zero means forever */
    public Duration idleTimeout() { return idleTimeout; }
    /** @return the age at which a connection is retired (minus up to 2.5% jitter); zero means never */
    public Duration maxLifetime() { return maxLifetime; }
    /** @return how many leases a connection serves before it is retired; zero means unlimited */
    public long maxBorrows() { return maxBorrows; }
    /** @return whether a connection is validated before it is handed out */
    public boolean validateOnAcquire() { return validateOnAcquire; }
    /** @return whether a connection is validated when it comes back */
    public boolean validateOnRelease() { return validateOnRelease; }
    /** @return the longest a validation may take before the connection is given up */
    public Duration validationTimeout() { return validationTimeout; }
    /** @return a connection used this recently is handed out without validation; zero validates always */
    public Duration validationBypassWindow() { return validationBypassWindow; }
    /** @return how many borrowers may wait at once; more fail at once with {@link PoolExhaustedException} */
    public int maxWaitQueueSize() { return maxWaitQueueSize; }
    /** @return how waiting borrowers are ordered */
    public Fairness fairness() { return fairness; }
    /** @return how many {@link ConnectionFactory#create()} calls may run at once */
    public int maxConcurrentCreates() { return maxConcurrentCreates; }
    /** @return the period of the background maintenance (idle reaping, lifetime, refill, leaks) */
    public Duration maintenanceInterval() { return maintenanceInterval; }
    /** @return a lease held longer than this is reported as a suspected leak; zero disables it */
    public Duration leakDetectionThreshold() { return leakDetectionThreshold; }
    /** @return the first delay after a failed creation; it doubles per failure */
    public Duration creationBackoffInitial() { return creationBackoffInitial; }
    /** @return the longest delay between failed creations */
    public Duration creationBackoffMax() { return creationBackoffMax; }
    /** @return whether {@link Pool#create} throws when the initial connections cannot be created */
    public boolean failFast() { return failFast; }
    /** @return the pool's name, used in thread names, logs and metrics */
    public String name() { return name; }
    /** @return the listeners that receive the pool's events, in order */
    public List<PoolListener> listeners() { return listeners; }

    @Override
    public String toString() {
        return "PoolConfig{name=" + name + ", minSize=" + minSize + ", maxSize=" + maxSize
                + ", initialSize=" + initialSize + ", acquireTimeout=" + acquireTimeout
                + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime
                + ", maxBorrows=" + maxBorrows + ", validateOnAcquire=" + validateOnAcquire
                + ", validateOnRelease=" + validateOnRelease + ", validationTimeout=" + validationTimeout
                + ", validationBypassWindow=" + validationBypassWindow
                + ", maxWaitQueueSize=" + maxWaitQueueSize + ", fairness=" + fairness
                + ", maxConcurrentCreates=" + maxConcurrentCreates
                + ", maintenanceInterval=" + maintenanceInterval
                + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", creationBackoff=" + creationBackoffInitial + ".." + creationBackoffMax
                + ", failFast=" + failFast + '}';
    }

    /**
     * Collects options for a {@link PoolConfig}. Not thread-safe; {@link #build()} may be
     * called more than once.
     */
    public static final class Builder {
        private int minSize = 2;
        private int maxSize = 10;
        private Integer initialSize;
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private long maxBorrows;
        private boolean validateOnAcquire = true;
        private boolean validateOnRelease;
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Duration validationBypassWindow = Duration.ofMillis(500);
        private int maxWaitQueueSize = 1000;
        private Fairness fairness = Fairness.FIFO;
        private int maxConcurrentCreates = 2;
        private Duration maintenanceInterval = Duration.ofSeconds(30);
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Duration creationBackoffInitial = Duration.ofMillis(10);
        private Duration creationBackoffMax = Duration.ofSeconds(5);
        private boolean failFast;
        private String name;
        private final List<PoolListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** @param v connections kept open even when idle [2] @return this */
        public Builder minSize(int v) { this.minSize = v; return this; }
        /** @param v the most connections held [10] @return this */
        public Builder maxSize(int v) { this.maxSize = v; return this; }
        /** @param v connections opened at start [= minSize] @return this */
        public Builder initialSize(int v) { this.initialSize = v; return this; }
        /** @param v the default acquire timeout [30 s] @return this */
        public Builder acquireTimeout(Duration v) { this.acquireTimeout = v; return this; }
        /** @param v idle time before a connection above minSize is closed [10 min; zero = never] @return this */
        public Builder idleTimeout(Duration v) { this.idleTimeout = v; return this; }
        /** @param v age at which a connection is retired [30 min; zero = never] @return this */
        public Builder maxLifetime(Duration v) { this.maxLifetime = v; return this; }
        /** @param v leases per connection before it is retired [0 = unlimited] @return this */
        public Builder maxBorrows(long v) { this.maxBorrows = v; return this; }
        /** @param v validate before handing out [true] @return this */
        public Builder validateOnAcquire(boolean v) { this.validateOnAcquire = v; return this; }
        /** @param v validate on return [false] @return this */
        public Builder validateOnRelease(boolean v) { this.validateOnRelease = v; return this; }
        /** @param v the longest a validation may take [5 s] @return this */
        public Builder validationTimeout(Duration v) { this.validationTimeout = v; return this; }
        /** @param v skip validation for connections used this recently [500 ms; zero = always validate] @return this */
        public Builder validationBypassWindow(Duration v) { this.validationBypassWindow = v; return this; }
        /** @param v most borrowers waiting at once [1000] @return this */
        public Builder maxWaitQueueSize(int v) { this.maxWaitQueueSize = v; return this; }
        /** @param v waiter ordering [FIFO] @return this */
        public Builder fairness(Fairness v) { this.fairness = v; return this; }
        /** @param v concurrent create calls [2] @return this */
        public Builder maxConcurrentCreates(int v) { this.maxConcurrentCreates = v; return this; }
        /** @param v maintenance period [30 s] @return this */
        public Builder maintenanceInterval(Duration v) { this.maintenanceInterval = v; return this; }
        /** @param v report leases held longer than this [zero = off] @return this */
        public Builder leakDetectionThreshold(Duration v) { this.leakDetectionThreshold = v; return this; }
        /** @param v first delay after a failed creation [10 ms] @return this */
        public Builder creationBackoffInitial(Duration v) { this.creationBackoffInitial = v; return this; }
        /** @param v longest delay between failed creations [5 s] @return this */
        public Builder creationBackoffMax(Duration v) { this.creationBackoffMax = v; return this; }
        /** @param v throw from {@link Pool#create} if initial connections fail [false] @return this */
        public Builder failFast(boolean v) { this.failFast = v; return this; }
        /** @param v the pool's name [lagoon-N] @return this */
        public Builder name(String v) { this.name = v; return this; }
        /** @param v a listener to add @return this */
        public Builder listener(PoolListener v) { this.listeners.add(Objects.requireNonNull(v, "listener")); return this; }

        /**
         * Checks every option and freezes them.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException naming the first bad value and its allowed range
         */
        public PoolConfig build() {
            if (maxSize < 1 || maxSize > MAX_POOL_SIZE) {
                throw bad("maxSize (" + maxSize + ") must be between 1 and " + MAX_POOL_SIZE);
            }
            if (minSize < 0) {
                throw bad("minSize (" + minSize + ") must be between 0 and maxSize (" + maxSize + ")");
            }
            if (minSize > maxSize) {
                throw bad("minSize (" + minSize + ") must not exceed maxSize (" + maxSize + ")");
            }
            if (initialSize != null && (initialSize < minSize || initialSize > maxSize)) {
                throw bad("initialSize (" + initialSize + ") must be between minSize (" + minSize
                        + ") and maxSize (" + maxSize + ")");
            }
            positive("acquireTimeout", acquireTimeout);
            zeroOrPositive("idleTimeout", idleTimeout);
            zeroOrPositive("maxLifetime", maxLifetime);
            if (maxBorrows < 0) {
                throw bad("maxBorrows (" + maxBorrows + ") must be 0 (unlimited) or positive");
            }
            positive("validationTimeout", validationTimeout);
            zeroOrPositive("validationBypassWindow", validationBypassWindow);
            if (maxWaitQueueSize < 0 || maxWaitQueueSize > MAX_WAIT_QUEUE_SIZE) {
                throw bad("maxWaitQueueSize (" + maxWaitQueueSize + ") must be between 0 and " + MAX_WAIT_QUEUE_SIZE);
            }
            if (fairness == null) {
                throw bad("fairness must be FIFO or BARGING, not null");
            }
            if (maxConcurrentCreates < 1 || maxConcurrentCreates > 1000) {
                throw bad("maxConcurrentCreates (" + maxConcurrentCreates + ") must be between 1 and 1000");
            }
            positive("maintenanceInterval", maintenanceInterval);
            zeroOrPositive("leakDetectionThreshold", leakDetectionThreshold);
            positive("creationBackoffMax", creationBackoffMax);
            if (creationBackoffMax.compareTo(Duration.ofDays(1)) > 0) {
                throw bad("creationBackoffMax (" + creationBackoffMax + ") must be between 1 ms and 1 day");
            }
            positive("creationBackoffInitial", creationBackoffInitial);
            if (creationBackoffInitial.compareTo(creationBackoffMax) > 0) {
                throw bad("creationBackoffInitial (" + creationBackoffInitial
                        + ") must not exceed creationBackoffMax (" + creationBackoffMax + ")");
            }
            String n = name;
            if (n == null) {
                n = "lagoon-" + POOL_NUMBER.incrementAndGet();
            } else if (n.isBlank() || n.length() > 64) {
                throw bad("name ('" + n + "') must have 1 to 64 characters and not be blank");
            }
            return new PoolConfig(this, n);
        }

        private static void positive(String option, Duration d) {
            if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_DURATION) > 0) {
                throw bad(option + " (" + d + ") must be between 1 ms and 100 days");
            }
        }

        private static void zeroOrPositive(String option, Duration d) {
            if (d == null || d.isNegative() || d.compareTo(MAX_DURATION) > 0
                    || (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0)) {
                throw bad(option + " (" + d + ") must be 0 (disabled) or between 1 ms and 100 days");
            }
        }

        private static IllegalArgumentException bad(String message) {
            return new IllegalArgumentException(message);
        }
    }
}
