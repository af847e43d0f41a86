#!/usr/bin/env bash
# Routing JMH benchmark: decision latency (sample mode: p50/p99/p99.9), throughput and the ordering cost of a
# dispatch round with 1,000 agents, 10,000 waiting conversations and 50 skills, for least-busy, round-robin and
# skills; the cost of parsing routing hints; then the CPU time per decision and the retained heap of the model.
# On demand only (not part of the test suite).
#
#   benchmarks/run-routing-jmh.sh                         # everything (about 6 minutes)
#   benchmarks/run-routing-jmh.sh -p strategy=skills      # extra JMH flags are passed on (see -h of JMH)
#   benchmarks/run-routing-jmh.sh -wi 1 -i 1 -w 1 -r 1    # a quick smoke run
#
# Output: JMH's own table on stdout, target/routing-jmh.json, and target/routing-jmh.md (Markdown summary).
# Build first: mvn -q -o -f benchmarks/pom.xml package
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/target/pishkhan-benchmarks.jar"
[ -f "$JAR" ] || { echo "missing $JAR: build with mvn -q -o -f benchmarks/pom.xml package" >&2; exit 1; }
CP="$JAR:$HERE/target/lib/*"
JSON="$HERE/target/routing-jmh.json"
MD="$HERE/target/routing-jmh.md"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.openjdk.jmh.Main 'io.pishkhan.benchmarks.routing.(Routing(Hints)?|RuleEvaluation)Benchmark' -prof gc -rf json -rff "$JSON" "$@"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# Routing JMH benchmark"
  echo
  echo "$(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), load average $LOAD_START at start, $LOAD_END at end."
  echo "1,000 agents (1-8 of 50 skills, proficiency 1-10, capacity 1-5, random loads), 10,000 waiting conversations"
  echo "(1-3 required skills at level 1-6). One thread. alloc = bytes allocated per operation (-prof gc)."
  echo
  java -cp "$CP" io.pishkhan.benchmarks.routing.JmhSummary "$JSON"
  echo "CPU time per decision (thread CPU clock: preemption and GC pauses not counted; same model and requests):"
  echo
  java -Xms1g -Xmx1g -cp "$CP" io.pishkhan.benchmarks.routing.DecisionCpuTime
  echo
  echo "Retained heap of the model (used heap after System.gc(), before and after building it; best of 5):"
  echo
  java -Xms1g -Xmx1g -cp "$CP" io.pishkhan.benchmarks.routing.RoutingModelMemory
} > "$MD"
echo
cat "$MD"
echo "written to $MD"
