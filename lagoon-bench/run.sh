#!/usr/bin/env bash
# Runs Lagoon's benchmarks exactly as the numbers in docs/benchmarks.md were produced.
#
#   lagoon-bench/run.sh [core|core17|connection|statement|pg|pg-paired|extra|all]...   (default: all)
#
# Suites (each is one JMH run per thread count, every pool side by side in each run):
#   core        CorePoolBench: acquire+release on lagoon, stormpot 4.1, commons-pool2;
#               threads 1, 2, 8, 32; pool size 32; on JDK 21+ (stormpot 4.1 needs it)   ~4 min
#   core17      the same for lagoon and commons-pool2 on JDK 17 (escape analysis check)  ~3 min
#   connection  ConnectionBench: getConnection+close, 7 pools on the stub driver;
#               threads 1, 2, 8, 32 with pool size 32, and 32 threads with pool size 8
#               (there also lagoon-barging: Lagoon with BARGING fairness)              ~14 min
#   statement   StatementBench: prepare/execute/close on a held connection, 7 pools plus
#               "none" (the stub connection alone); threads 1, 2, 8, 32; pool size 32  ~10 min
#   pg          PgSelectBench: one-row selects on PostgreSQL 127.0.0.1:5432/test; lagoon and
#               hikari with a pool of 2 connections, and a dedicated connection per thread;
#               threads 2, 8, 64 (1x, 4x, 32x threads per connection)                    ~4 min
#   pg-paired   PgPairedRun (not JMH): the pg load as paired, interleaved trials in one JVM,
#               dedicated, lagoon, lagoon-barging and hikari switching every 2 s, order rotating;
#               mean ratio and 95% interval per pair; threads 2 (40 rounds), 8 and 64 (15 rounds)
#               on pools of 2 connections                                               ~12 min
#   extra       supplementary (not in "all"): ConnectionBench at 32 threads, pool size 8, with
#               lagoon-barging (Lagoon with BARGING fairness) next to lagoon, hikari, agroal;
#               and PgSelectBench at 2 threads with the pools in reverse order           ~2 min
#
# JMH options for every suite: 1 fork, 10 warm-up iterations of 1 s, 10 measured iterations of
# 1 s, -prof gc (bytes allocated per operation), heap fixed at 2 GB. Ten warm-up iterations
# because with five the JDBC pools were still speeding up during the first measured ones
# (every pool, by up to 2x). Ten samples rather than
# three: JMH's 99.9% error is Student's t times the standard error, and with 3 samples that
# factor is 31.6 / sqrt(3) = 18 standard deviations, which on this shared machine hides every
# difference; with 10 samples it is 4.8 / sqrt(10) = 1.5.
#
# Environment:
#   JAVA17    java for the JDK 17 suites                 (default: java on PATH)
#   JDK21     a JDK 21+ home, for the build and "core"   (default: /usr/lib/jvm/temurin-25-jdk-amd64)
#   BUILD=0   use the existing target/benchmarks.jar (it must have been built on JDK 21+)
#   OUT       where CSV and text results go              (default: lagoon-bench/results/<date-time>)
#   FORKS, WARMUP_ITERATIONS, WARMUP_TIME, ITERATIONS, TIME
#             override the JMH defaults above (1, 10, 1s, 10, 1s), e.g. for a quick smoke run
#   QUIET_WAIT=N  before each JMH run, wait up to N seconds until the machine's other users take
#             less than QUIET_BUSY percent (default 25) of the CPU; the reading is logged in load.txt
#   EXTRA     more JMH options not set above, e.g. EXTRA="-tu us"
#
# The report (Markdown tables of throughput, error, B/op and Lagoon's ratios) is written to
# $OUT/report.md by dev.lagoon.bench.Report.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
JAVA17="${JAVA17:-java}"
JDK21="${JDK21:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA21="$JDK21/bin/java"
OUT="${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}"
JAR="$here/target/benchmarks.jar"
JMH=(-f "${FORKS:-1}" -wi "${WARMUP_ITERATIONS:-10}" -w "${WARMUP_TIME:-1s}"
     -i "${ITERATIONS:-10}" -r "${TIME:-1s}" -prof gc -foe false
     -jvmArgsAppend "-Xms2g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
read -r -a EXTRA_ARGS <<< "${EXTRA:-}"

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(all)
[ "${suites[0]}" = all ] && suites=(core core17 connection statement pg pg-paired)

if [ "${BUILD:-1}" != 0 ]; then
    # built on JDK 21+ so that the stormpot adapter (src/main/java21) is in the jar; the rest of
    # the jar is Java 17 bytecode and runs on JDK 17 too
    (cd "$root" && JAVA_HOME="$JDK21" mvn -B -q -pl lagoon-bench package)
fi
mkdir -p "$OUT"

# environment of the run, for the write-up
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "host: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "--- JDK 17: $JAVA17"; "$JAVA17" -version 2>&1
    echo "--- JDK 21+: $JAVA21"; "$JAVA21" -version 2>&1
} > "$OUT/environment.txt"

# cpu_busy: percentage of CPU time used by anything over the next 3 seconds (call it while no
# benchmark of ours runs: it measures the other users of the machine)
cpu_busy() {
    local a b
    read -r -a a < <(head -1 /proc/stat)
    sleep 3
    read -r -a b < <(head -1 /proc/stat)
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    local idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# wait_quiet: with QUIET_WAIT=N (seconds), wait up to N s for the other users' CPU use to drop
# below QUIET_BUSY percent (default 25) before each JMH run; prints the last reading
wait_quiet() {
    local waited=0 busy
    busy="$(cpu_busy)"
    while [ "$busy" -ge "${QUIET_BUSY:-25}" ] && [ "$waited" -lt "${QUIET_WAIT:-0}" ]; do
        sleep 7
        waited=$((waited + 10))
        busy="$(cpu_busy)"
    done
    echo "$busy"
}

# run JAVA NAME THREADS [jmh args...]: one JMH run, CSV and console log in $OUT
run() {
    local java="$1" name="$2" threads="$3"
    shift 3
    local before busy
    busy="$(wait_quiet)"
    before="$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "== $name (threads $threads, load $before, other CPU use ${busy}%)"
    "$java" -jar "$JAR" "$@" -t "$threads" "${JMH[@]}" "${EXTRA_ARGS[@]}" \
        -rf csv -rff "$OUT/$name.csv" > "$OUT/$name.txt" 2>&1 \
        || echo "   (failed: see $OUT/$name.txt)"
    echo "$name: CPU used by others just before: ${busy}%; load average before $before, after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
    grep -E '^[A-Za-z]+Bench\.[a-zA-Z]+ ' "$OUT/$name.txt" | sed 's/^/   /' || true
}

for suite in "${suites[@]}"; do
    case "$suite" in
        core)
            for t in 1 2 8 32; do
                run "$JAVA21" "core-t$t" "$t" 'CorePoolBench' -p pool=lagoon,stormpot,commons-pool2 -p poolSize=32
            done ;;
        core17)
            for t in 1 2 8 32; do
                run "$JAVA17" "core17-t$t" "$t" 'CorePoolBench' -p pool=lagoon,commons-pool2 -p poolSize=32
            done ;;
        connection)
            for t in 1 2 8 32; do
                run "$JAVA17" "connection-t$t-size32" "$t" 'ConnectionBench' \
                    -p pool=lagoon,hikari,agroal,vibur,dbcp2,c3p0,tomcat -p maxPoolSize=32
            done
            # borrowers outnumber connections: Lagoon with its default FIFO fairness and with BARGING
            run "$JAVA17" "connection-t32-size8" 32 'ConnectionBench' \
                -p pool=lagoon,lagoon-barging,hikari,agroal,vibur,dbcp2,c3p0,tomcat -p maxPoolSize=8 ;;
        statement)
            for t in 1 2 8 32; do
                run "$JAVA17" "statement-t$t-size32" "$t" 'StatementBench' \
                    -p pool=lagoon,hikari,agroal,vibur,dbcp2,c3p0,tomcat,none -p maxPoolSize=32
            done ;;
        pg)
            for t in 2 8 64; do
                run "$JAVA17" "pg-t$t" "$t" 'PgSelectBench' -p pool=lagoon,hikari,dedicated -p connections=2
            done ;;
        pg-paired)
            for t in 2 8 64; do
                rounds=15
                [ "$t" = 2 ] && rounds=40
                busy="$(wait_quiet)"
                echo "== pg-paired-t$t (threads $t, other CPU use ${busy}%)"
                "$JAVA17" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" dev.lagoon.bench.pg.PgPairedRun \
                    "$t" 2 "$rounds" 2000 lagoon,lagoon-barging,hikari > "$OUT/pg-paired-t$t.txt" 2>&1 \
                    || echo "   (failed: see $OUT/pg-paired-t$t.txt)"
                grep -E ' / ' "$OUT/pg-paired-t$t.txt" | sed 's/^/   /' || true
            done ;;
        extra)
            # supplementary: Lagoon with BARGING fairness where borrowers outnumber connections,
            # and the 1x PostgreSQL run again with the pools in the opposite order
            run "$JAVA17" "extra-connection-t32-size8" 32 'ConnectionBench' \
                -p pool=lagoon,lagoon-barging,hikari,agroal -p maxPoolSize=8
            run "$JAVA17" "extra-pg-t2" 2 'PgSelectBench' -p pool=dedicated,hikari,lagoon -p connections=2 ;;
        *)
            echo "unknown suite '$suite' (core, core17, connection, statement, pg, pg-paired, extra, all)" >&2
            exit 2 ;;
    esac
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
"$JAVA17" -cp "$JAR" dev.lagoon.bench.Report "$OUT" > "$OUT/report.md"
echo "results: $OUT (report.md, environment.txt, one .csv and .txt per JMH run)"
