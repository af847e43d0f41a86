#!/usr/bin/env bash
# Routing simulator: discrete-event simulation driving the real routing strategies (round robin, least busy, skills).
# On demand only (not part of the test suite). Prints Markdown and writes it to benchmarks/target/routing-sim.md.
#
#   benchmarks/run-routing-sim.sh [simulator flags]      e.g. --scenario erlang --loads 8 --arrivals 2000000
#   benchmarks/run-routing-sim.sh --help
#
# Build first: mvn -q -o -f benchmarks/pom.xml package   (needs the routing bundles installed in ~/.m2)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/target/pishkhan-benchmarks.jar"
[ -f "$JAR" ] || { echo "missing $JAR: build with mvn -q -o -f benchmarks/pom.xml package" >&2; exit 1; }
OUT="$HERE/target/routing-sim.md"
for a in "$@"; do [ "$a" = "--out" ] && OUT=""; done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xms512m -Xmx1g -XX:+UseParallelGC -cp "$JAR:$HERE/target/lib/*" io.pishkhan.benchmarks.routing.RoutingSimulator \
  ${OUT:+--out "$OUT"} "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
