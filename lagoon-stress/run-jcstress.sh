#!/usr/bin/env bash
# Runs Lagoon's jcstress tests (lagoon-stress/src/main/java/dev/lagoon/stress/jcstress) in a
# bounded time suitable for CI on 2 cores, prints one summary block per test, and exits
# non-zero if any test failed, erred or observed a FORBIDDEN outcome, or if none ran.
#
#   lagoon-stress/run-jcstress.sh                     # every test, about 2 minutes on 2 cores
#   lagoon-stress/run-jcstress.sh -t StaleLease       # extra jcstress options, e.g. a test filter
#   JCSTRESS_TIME=5000 JCSTRESS_ITERS=5 lagoon-stress/run-jcstress.sh   # a longer soak
#
# Budget on 2 cores: about 45 s of jcstress start-up probing, then per test 2 forks (jcstress
# runs every configuration with and without biased locking) of JCSTRESS_ITERS iterations of
# JCSTRESS_TIME ms each, plus JVM start-up. The forks run C2 with its randomizing stress modes
# (StressLCM/GCM/IGVN/CCP), which shake out reorderings the plain JIT would not show.
#
# Tests with more actors than there are CPUs cannot be scheduled by jcstress and are skipped
# by it (OneIdleConnectionGoesToOneOfThreeBorrowers needs 3 CPUs); the summary lists them.
#
# The jar is target/jcstress.jar, built by `mvn package` (or verify) of the project; if it is
# missing this script builds it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/jcstress.jar"
out="$here/target/jcstress-results"
time_ms="${JCSTRESS_TIME:-1000}"
iters="${JCSTRESS_ITERS:-2}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "run-jcstress: $jar is missing; building it"
  mvn -B -q -f "$root/pom.xml" -pl lagoon-stress -am package -DskipTests
fi

rm -rf "$out"
mkdir -p "$out"
log="$out/jcstress.log"

echo "run-jcstress: jcstress on 2 CPUs, ${iters} x ${time_ms} ms per fork; full log in ${log#"$root"/}"
start=$(date +%s)
set +e
(cd "$out" && "$java_bin" -jar "$jar" \
    -c 2 -sc false -f 1 -fsm 1 -iters "$iters" -time "$time_ms" \
    -jvmArgs "-Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+StressLCM -XX:+StressGCM -XX:+StressIGVN -XX:+StressCCP" \
    -v -r "$out/report" "$@") > "$log" 2>&1
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))

# The "RUN RESULTS" part lists every test with its outcomes summed over all forks.
results="$(sed -n '/^RUN RESULTS:/,$p' "$log")"
if [[ -z "$results" ]]; then
  echo "run-jcstress: jcstress did not finish (exit $rc); last lines of the log:"
  tail -n 40 "$log"
  exit 1
fi

echo "run-jcstress: outcomes summed over all forks (0 = timed out, -1 = shared connection)"
awk '
  /^\.+ \[[A-Z]+\] / { sub(/^\.+ /, ""); gsub(/dev\.lagoon\.stress\.jcstress\./, ""); print "  " $0; intest = 1; next }
  intest && match($0, /  +[0-9,]+ +[0-9.]+% +(Acceptable|Forbidden|Interesting)/) {
    outcome = substr($0, 1, RSTART - 1); sub(/^ +/, "", outcome)
    split(substr($0, RSTART), f, / +/)
    printf "      %-16s %13s  %s\n", outcome, f[2], f[4]
  }
' <<< "$results"

last="$(grep -E '^\(Results: ' "$log" | tail -n 1 || true)"
planned=$(sed -E 's/.*Results: ([0-9]+) planned.*/\1/' <<< "$last")
passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$last")
failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$last")
soft=$(sed -E 's/.* ([0-9]+) soft errs.*/\1/' <<< "$last")
hard=$(sed -E 's/.* ([0-9]+) hard errs.*/\1/' <<< "$last")
tests=$(grep -cE '^\.+ \[[A-Z]+\] ' <<< "$results" || true)
# every selected test, to name the ones jcstress could not schedule on this machine
listed="$(cd "$out" && "$java_bin" -jar "$jar" -l "$@" 2>/dev/null | grep -E '^[a-z]+(\.[A-Za-z0-9_$]+)+$' || true)"
skipped=""
for t in $listed; do
  grep -qF "] $t" <<< "$results" || skipped="$skipped ${t##*.}"
done

status=0
grep -qE '^ +Failed tests: No matches\.' <<< "$results" || status=1
grep -qE '^ +Error tests: No matches\.' <<< "$results" || status=1
[[ "${failed:-1}" == 0 && "${soft:-1}" == 0 && "${hard:-1}" == 0 ]] || status=1
[[ "${planned:-0}" -gt 0 && "$planned" == "$passed" ]] || status=1
[[ "$rc" == 0 ]] || status=1

echo "run-jcstress: ${tests} tests, ${planned:-0} forks: ${passed:-0} passed, ${failed:-?} failed," \
  "${soft:-?} soft and ${hard:-?} hard errors, in ${elapsed} s (jcstress exit ${rc})"
if [[ -n "$skipped" ]]; then
  echo "run-jcstress: not run (jcstress cannot schedule more actors than the 2 CPUs; run on a bigger machine):$skipped"
fi
if [[ "$status" != 0 ]]; then
  echo "run-jcstress: FAILED; the failing tests:"
  sed -n '/^ *Failed tests:/,/^ *All remaining tests:/p' <<< "$results" | grep -vE '^\s*$' | head -n 80
  echo "run-jcstress: HTML report: ${out#"$root"/}/report/index.html"
  exit 1
fi
echo "run-jcstress: OK, no forbidden outcome observed"
