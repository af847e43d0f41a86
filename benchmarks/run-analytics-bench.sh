#!/usr/bin/env bash
# Analytics store benchmark: seeds N conversations (~10 events each) into a fresh embedded Derby database with the
# JDBC store's schema and insert statements while the real projector of io.pishkhan.analytics.kpi follows, then
# times the dashboard queries. On demand only (not part of the test suite). Prints Markdown and writes it to
# benchmarks/target/analytics-bench-<N>.md; the database goes to benchmarks/target/analytics-bench-db-<N>
# (removed first).
#
#   benchmarks/run-analytics-bench.sh [--conversations 100000] [--batch 5000] [--commit-every 1000] [--repeats 5]
#                                     [--rebuild true|false] [--queries-only true]
# --queries-only true: no seeding, time the queries on the database a previous run with the same N left behind.
#
# Needs in ~/.m2: io.pishkhan.api, io.pishkhan.store.jdbc, io.pishkhan.analytics.kpi (mvn -o install of each)
# and Derby. Compiles only the benchmark's own classes (javac), so the benchmarks module need not be rebuilt.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
M2="${M2_REPO:-$HOME/.m2/repository}"
V=0.1.0-SNAPSHOT
DERBY=$(sed -n 's:.*<derby.version>\(.*\)</derby.version>.*:\1:p' "$HERE/../pom.xml")
SLF4J=$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' "$HERE/../pom.xml")
CP="$M2/io/pishkhan/io.pishkhan.api/$V/io.pishkhan.api-$V.jar"
CP="$CP:$M2/io/pishkhan/io.pishkhan.store.jdbc/$V/io.pishkhan.store.jdbc-$V.jar"
CP="$CP:$M2/io/pishkhan/io.pishkhan.analytics.kpi/$V/io.pishkhan.analytics.kpi-$V.jar"
for a in derby derbyshared derbytools; do CP="$CP:$M2/org/apache/derby/$a/$DERBY/$a-$DERBY.jar"; done
CP="$CP:$M2/org/slf4j/slf4j-api/$SLF4J/slf4j-api-$SLF4J.jar:$M2/org/slf4j/slf4j-simple/$SLF4J/slf4j-simple-$SLF4J.jar"
for f in ${CP//:/ }; do [ -f "$f" ] || { echo "missing $f (mvn -o install it first)" >&2; exit 1; }; done
# private copies: another build may rewrite ~/.m2 while a long run is going
LIB="$HERE/target/analytics-bench-lib"
rm -rf "$LIB" && mkdir -p "$LIB"
for f in ${CP//:/ }; do cp "$f" "$LIB/"; done
CP=$(ls "$LIB"/*.jar | tr '\n' ':' | sed 's/:$//')
CLASSES="$HERE/target/analytics-bench-classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
javac -nowarn -d "$CLASSES" -cp "$CP" "$HERE"/src/main/java/io/pishkhan/benchmarks/analytics/*.java
N=100000
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = "--conversations" ] && N="${args[$((i + 1))]}"; done
DB="$HERE/target/analytics-bench-db-$N"
OUT="$HERE/target/analytics-bench-$N.md"
if [[ " $* " == *" --queries-only true "* ]]; then OUT="$HERE/target/analytics-bench-$N-queries.md"; else rm -rf "$DB"; fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Derby's page cache: its default (1000 pages), as in the appliance, unless PAGE_CACHE=<pages> is set
echo "derby.storage.pageCacheSize: ${PAGE_CACHE:-default (1000)}" >&2
java -Xms1g -Xmx2g -XX:+UseParallelGC ${JAVA_OPTS:-} ${PAGE_CACHE:+-Dderby.storage.pageCacheSize=$PAGE_CACHE} \
  -Dderby.stream.error.file="$HERE/target/analytics-bench-derby.log" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CLASSES:$CP" io.pishkhan.benchmarks.analytics.AnalyticsBench \
  --db "$DB" --out "$OUT" "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
