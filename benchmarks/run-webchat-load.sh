#!/usr/bin/env bash
# Web chat load benchmark against a freshly unpacked appliance. On demand only (not part of the test suite).
#
#   benchmarks/run-webchat-load.sh [script options] [-- generator options]
#
# Script options:
#   --heap SIZE          Karaf heap (JAVA_MAX_MEM = JAVA_MIN_MEM = SIZE, e.g. 1g); default: the distribution's 512m/128m
#   --jfr                record a JFR profile (settings=profile) of the Karaf JVM during the run and summarise it
#   --latest-bundles     copy the newest io.pishkhan bundles of ~/.m2 into the unpacked system/ repository before
#                        the first start (when the tarball is older than the bundles, e.g. an API change)
#   --webchat-jar PATH   webchat bundle to use: replaces the distribution's own in system/ before the first start,
#                        or is installed with bundle:install when the distribution has none (default: newest in ~/.m2)
#   --rate-limit M/S     webchat per-visitor token bucket for the benchmark (default 100000/1, see README)
#   --label NAME         name of the output folder target/runs/<label>-<time>/ (default webchat)
#   --keep               keep the unpacked appliance (and its Derby database) in the temp dir
#   --http-port P        PISHKHAN_HTTP_PORT (default 28181; SSH 28101, RMI 21099/24444 follow)
# Generator options (after --): see `java -jar benchmarks/target/pishkhan-benchmarks.jar --help`;
#   --url, --password and --json are set by this script.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
HEAP="" JFR=0 LATEST=0 WEBCHAT_JAR="" RATE_LIMIT="100000/1" LABEL="webchat" KEEP=0
HTTP_PORT="${PISHKHAN_HTTP_PORT:-28181}"
GEN_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --heap) HEAP="$2"; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --latest-bundles) LATEST=1; shift ;;
    --webchat-jar) WEBCHAT_JAR="$2"; shift 2 ;;
    --rate-limit) RATE_LIMIT="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --http-port) HTTP_PORT="$2"; shift 2 ;;
    --) shift; GEN_ARGS=("$@"); break ;;
    *) GEN_ARGS+=("$1"); shift ;;
  esac
done

BENCH_JAR="$HERE/target/pishkhan-benchmarks.jar"
[ -f "$BENCH_JAR" ] || { echo "build first: mvn -q install -pl benchmarks" >&2; exit 2; }
TARBALL="$(ls -t "$ROOT"/distribution/target/pishkhan-*.tar.gz 2>/dev/null | head -1 || true)"
[ -n "$TARBALL" ] || { echo "build the distribution first (distribution/target/pishkhan-*.tar.gz)" >&2; exit 2; }

export PISHKHAN_HTTP_PORT="$HTTP_PORT"
export PISHKHAN_SSH_PORT="${PISHKHAN_SSH_PORT:-$((HTTP_PORT - 80))}"
export PISHKHAN_RMI_REGISTRY_PORT="${PISHKHAN_RMI_REGISTRY_PORT:-$((HTTP_PORT - 7082))}"
export PISHKHAN_RMI_SERVER_PORT="${PISHKHAN_RMI_SERVER_PORT:-$((HTTP_PORT - 3737))}"
export PISHKHAN_ADMIN_PASSWORD="${PISHKHAN_ADMIN_PASSWORD:-bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)}"
for p in "$PISHKHAN_HTTP_PORT" "$PISHKHAN_SSH_PORT" "$PISHKHAN_RMI_REGISTRY_PORT" "$PISHKHAN_RMI_SERVER_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use; choose --http-port" >&2; exit 2; fi
done

OUT="$HERE/target/runs/$LABEL-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/pishkhan-bench.XXXXXX)"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }
log "tarball $TARBALL -> $WORK; output $OUT"
tar xzf "$TARBALL" -C "$WORK"
APP="$(ls -d "$WORK"/pishkhan-*/ | head -1)"; APP="${APP%/}"

M2="${MAVEN_REPO:-$HOME/.m2/repository}"
if [ "$LATEST" = 1 ]; then
  for d in "$APP"/system/io/pishkhan/*/*/; do
    a="$(basename "$(dirname "$d")")" v="$(basename "$d")"
    for f in "$M2/io/pishkhan/$a/$v/"*.jar; do
      [ -f "$f" ] && cp "$f" "$d" && log "latest bundle: $(basename "$f") ($(date -r "$f" +%H:%M))"
    done
  done
fi

if [ -n "$WEBCHAT_JAR" ] && ls "$APP"/system/io/pishkhan/io.pishkhan.channel.webchat/*/io.pishkhan.channel.webchat-*.jar >/dev/null 2>&1; then
  cp "$WEBCHAT_JAR" "$(ls "$APP"/system/io/pishkhan/io.pishkhan.channel.webchat/*/io.pishkhan.channel.webchat-*.jar | head -1)"
  log "webchat bundle of the distribution replaced by $WEBCHAT_JAR ($(date -r "$WEBCHAT_JAR" +%H:%M))"
fi
if [ -n "$HEAP" ]; then export JAVA_MAX_MEM="$HEAP" JAVA_MIN_MEM="$HEAP"; fi
# GC log of the appliance (pauses, heap after GC). Extra JVM flags for experiments via APPLIANCE_JAVA_OPTS,
# e.g. APPLIANCE_JAVA_OPTS=-Dderby.system.durability=test (no log sync per commit: measures the fsync share).
export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} ${APPLIANCE_JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc.log:uptime"

ssh_karaf() {
  sshpass -p "$PISHKHAN_ADMIN_PASSWORD" ssh -q -p "$PISHKHAN_SSH_PORT" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null admin@localhost "$@"
}
stop_app() {
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
  log "stopping the appliance"
  "$APP/bin/pishkhan" stop >>"$OUT/run.log" 2>&1 || true
  cp "$APP/data/log/karaf.log" "$OUT/karaf.log" 2>/dev/null || true
  if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else log "kept $APP"; fi
}
trap stop_app EXIT

log "starting (HTTP $PISHKHAN_HTTP_PORT, SSH $PISHKHAN_SSH_PORT, heap ${HEAP:-default}); load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$APP/bin/pishkhan" start >>"$OUT/run.log" 2>&1
PID="$(sed -n 's/^item\.0\.pid[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$APP/instances/instance.properties" | head -1)"
log "Karaf JVM pid $PID"
BASE="http://localhost:$PISHKHAN_HTTP_PORT"

# webchat channel: part of the distribution, or installed by hand from its built jar
for i in $(seq 1 60); do ssh_karaf bundle:list -s -t 0 >"$OUT/bundles.txt" 2>/dev/null && grep -q "io.pishkhan.core" "$OUT/bundles.txt" && break; sleep 1; done
sleep 2; ssh_karaf bundle:list -s -t 0 >"$OUT/bundles.txt" 2>/dev/null || true
if ! grep -q "io.pishkhan.channel.webchat" "$OUT/bundles.txt"; then
  if [ -z "$WEBCHAT_JAR" ]; then
    WEBCHAT_JAR="$(ls -t "$M2"/io/pishkhan/io.pishkhan.channel.webchat/*/io.pishkhan.channel.webchat-*.jar 2>/dev/null | head -1 || true)"
  fi
  [ -n "$WEBCHAT_JAR" ] || { log "no webchat bundle in the distribution nor in $M2"; exit 3; }
  log "installing $WEBCHAT_JAR ($(date -r "$WEBCHAT_JAR" +%H:%M))"
  ssh_karaf bundle:install -s "file:$(readlink -f "$WEBCHAT_JAR")" 2>&1 | tee -a "$OUT/run.log" || true
else
  log "webchat bundle: $(grep "io.pishkhan.channel.webchat" "$OUT/bundles.txt" | tr -s ' ')"
fi

# Benchmark configuration of the channel. Only the per-visitor token bucket (20 messages / 10 s by default) is
# raised: it is a per-token abuse guard, and a load test that sends more than 2 msg/s per visitor (200 visitors at
# 2,000 msg/s) would otherwise measure rate-limited errors instead of the pipeline. Everything else stays default.
CFG="$APP/etc/io.pishkhan.channel.webchat.cfg"
if [ ! -f "$CFG" ]; then
  src="$(ls "$ROOT"/bundles/io.pishkhan.channel.webchat/src/main/cfg/io.pishkhan.channel.webchat.cfg 2>/dev/null || true)"
  if [ -n "$src" ]; then cp "$src" "$CFG"; else touch "$CFG"; fi
fi
sed -i -e '/^rateLimitMessages *=/d' -e '/^rateLimitSeconds *=/d' "$CFG"
printf 'rateLimitMessages = %s\nrateLimitSeconds = %s\n' "${RATE_LIMIT%/*}" "${RATE_LIMIT#*/}" >>"$CFG"
log "webchat cfg: rateLimit ${RATE_LIMIT%/*} per ${RATE_LIMIT#*/} s (benchmark only)"
# the verify phase reads every conversation back over REST: the REST rate limits (per user and per address) are
# switched off for the benchmark only
printf 'rateLimit.perUserPerMinute = 0\nrateLimit.perAddressPerMinute = 0\n' >"$APP/etc/io.pishkhan.core.rest.cfg"
for i in $(seq 1 60); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE/webchat/widget.js" || true)"
  [ "$code" = 200 ] && break; sleep 1
done
log "GET /webchat/widget.js: $code; health: $(curl -s "$BASE/api/v1/health" | head -c 300)"
# the WebSocket endpoint registers after the servlet: wait for a real upgrade (101)
for i in $(seq 1 60); do
  ws="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H "Origin: $BASE" "$BASE/webchat/ws" || true)"
  [ "$ws" = 101 ] && break; sleep 1
done
log "WebSocket upgrade /webchat/ws: $ws"
sleep 2 # let the cfg change apply (@Modified)
grep -h "webchat reconfigured" "$APP/data/log/karaf.log" | tail -1 | tee -a "$OUT/run.log" || true

# samples: load average, RSS/CPU/threads of the Karaf JVM, heap
sample() {
  while kill -0 "$PID" 2>/dev/null; do
    {
      echo "--- $(date +%H:%M:%S) loadavg $(cut -d' ' -f1-3 /proc/loadavg) | karaf $(ps -o rss=,pcpu=,nlwp= -p "$PID" | awk '{printf "rss %.0f MB, cpu %s%% (avg since start), threads %s", $1/1024, $2, $3}')"
      jcmd "$PID" GC.heap_info 2>/dev/null | grep -E "garbage-first heap|region size|Metaspace" | sed 's/^ */  /'
    } >>"$OUT/samples.txt"
    sleep 5
  done
}
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TICK="$(getconf CLK_TCK)"
sample & SAMPLER=$!
if [ "$JFR" = 1 ]; then
  jcmd "$PID" JFR.start name=bench settings=profile filename="$OUT/karaf.jfr" >>"$OUT/run.log" 2>&1
fi
# per-thread CPU of the Karaf JVM, grouped by thread name without digits (pool), from /proc/PID/task/*/stat
thread_cpu() {
  for t in /proc/"$PID"/task/*; do
    n="$(cat "$t/comm" 2>/dev/null | sed 's/[0-9]\+/N/g; s/ /_/g' || true)"
    s="$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}' || true)"
    if [ -n "$s" ] && [ -n "$n" ]; then echo "$(basename "$t") $n $s"; fi
  done
}
thread_cpu >"$OUT/threads-before.txt"
(sleep "${THREAD_DUMP_AFTER:-40}"; jcmd "$PID" Thread.print >"$OUT/thread-dump.txt" 2>/dev/null) &

C0="$(cpu_ticks "$PID")"; T0=$SECONDS
log "generator: ${GEN_ARGS[*]}"
set +e
java -Xms512m -Xmx1g -XX:+UseParallelGC -jar "$BENCH_JAR" --url "ws://localhost:$PISHKHAN_HTTP_PORT/webchat/ws" \
  --password "$PISHKHAN_ADMIN_PASSWORD" --json "$OUT/result.json" "${GEN_ARGS[@]}" 2>&1 | tee "$OUT/generator.txt"
RC=${PIPESTATUS[0]}
# reporting from here on: never abort on a failing probe
C1="$(cpu_ticks "$PID")"; T1=$SECONDS
thread_cpu >"$OUT/threads-after.txt"
log "generator exit $RC; Karaf JVM CPU during the run: $(( (C1 - C0) / TICK )) s in $((T1 - T0)) s wall ($(awk -v c=$((C1 - C0)) -v t="$TICK" -v w=$((T1 - T0)) 'BEGIN{printf "%.2f", c/t/w}') cores)"

if [ "$JFR" = 1 ]; then
  jcmd "$PID" JFR.stop name=bench >>"$OUT/run.log" 2>&1 || true
  sleep 1
  if [ -f "$OUT/karaf.jfr" ]; then
    {
      echo "== top frames (jdk.ExecutionSample, leaf method)"
      jfr print --events jdk.ExecutionSample "$OUT/karaf.jfr" | awk '/stackTrace = \[/{getline; sub(/^ +/,""); sub(/line:.*/,""); c[$0]++; n++} END{for(k in c) printf "%6d %5.1f%% %s\n", c[k], 100*c[k]/n, k}' | sort -rn | head -25
      echo "== top packages anywhere in the stack (share of samples)"
      jfr print --events jdk.ExecutionSample "$OUT/karaf.jfr" | awk '/jdk.ExecutionSample/{n++; delete seen} /line:/{ s=$1; if (s ~ /^org\.apache\.derby/) k="derby"; else if (s ~ /^org\.apache\.camel/) k="camel"; else if (s ~ /^org\.eclipse\.jetty/) k="jetty"; else if (s ~ /^io\.pishkhan\.store/) k="pishkhan.store"; else if (s ~ /^io\.pishkhan\.channel\.webchat/) k="pishkhan.webchat"; else if (s ~ /^io\.pishkhan\.core/) k="pishkhan.core"; else if (s ~ /^io\.pishkhan\.bot/) k="pishkhan.bot"; else if (s ~ /^com\.fasterxml/) k="jackson"; else if (s ~ /log4j|pax\.logging|slf4j/) k="logging"; else k=""; if (k != "" && !(k in seen)) {seen[k]=1; c[k]++} } END{for(k in c) printf "%6d %5.1f%% %s\n", c[k], 100*c[k]/n, k}' | sort -rn
      echo "== monitor contention (jdk.JavaMonitorEnter > 20 ms by monitor class)"
      jfr print --events jdk.JavaMonitorEnter "$OUT/karaf.jfr" | awk '/monitorClass = /{sub(/.*monitorClass = /,""); c[$0]++} END{for(k in c) printf "%6d %s\n", c[k], k}' | sort -rn | head -10
      echo "== thread park (jdk.ThreadPark > 20 ms) by parked class"
      jfr print --events jdk.ThreadPark "$OUT/karaf.jfr" | awk '/parkedClass = /{sub(/.*parkedClass = /,""); c[$0]++} END{for(k in c) printf "%6d %s\n", c[k], k}' | sort -rn | head -10
      echo "== file force (fsync) events (jdk.FileForce)"
      jfr print --events jdk.FileForce "$OUT/karaf.jfr" | grep -c "jdk.FileForce" || true
      echo "== GC"
      jfr summary "$OUT/karaf.jfr" | grep -E "GarbageCollection|GCPhasePause |ExecutionSample|JavaMonitorEnter|ThreadPark|FileForce|SocketWrite|FileWrite" || true
      jfr print --events jdk.GarbageCollection "$OUT/karaf.jfr" | awk '/sumOfPauses/{gsub(/[^0-9.]/," ",$0); split($0,a," "); s+=a[1]; n++} END{printf "collections %d, sum of pauses %.1f ms\n", n, s}'
    } >"$OUT/jfr-summary.txt" 2>&1
    log "JFR summary: $OUT/jfr-summary.txt"
  fi
fi

{
  echo "== samples (every 5 s)"; cat "$OUT/samples.txt"
  echo "== GC log (last 5 lines; pauses)"; tail -5 "$OUT/gc.log" 2>/dev/null
  echo "== GC pauses: $(grep -c 'Pause' "$OUT/gc.log" 2>/dev/null) pauses, total $(grep -o '[0-9.]*ms$' "$OUT/gc.log" 2>/dev/null | tr -d ms | awk '{s+=$1} END{printf "%.0f", s}') ms, max $(grep -o '[0-9.]*ms$' "$OUT/gc.log" 2>/dev/null | tr -d ms | sort -n | tail -1) ms"
  echo "== Karaf CPU seconds by thread group during the generator run (top 15)"
  awk -v t="$TICK" 'NR==FNR{b[$1]=$3; next} {d=$3-b[$1]; c[$2]+=d; n[$2]++} END{for(k in c) if (c[k]>0) printf "%8.1f s %4d threads  %s\n", c[k]/t, n[k], k}' \
    "$OUT/threads-before.txt" "$OUT/threads-after.txt" | sort -rn | head -15
  echo "== thread states at ${THREAD_DUMP_AFTER:-40} s (jcmd Thread.print): where RUNNABLE/BLOCKED threads are (top frame)"
  awk '/^"/{name=$1} /java.lang.Thread.State:/{st=$2; getline; sub(/^[ \t]+at /,""); sub(/\(.*/,""); if (st!="TIMED_WAITING" && st!="WAITING") c[st" "$0]++} END{for(k in c) printf "%5d %s\n", c[k], k}' "$OUT/thread-dump.txt" 2>/dev/null | sort -rn | head -12
  echo "== WARN/ERROR lines in karaf.log during the run: $(grep -cE '\| (WARN|ERROR) ' "$APP/data/log/karaf.log" || true)"
  grep -E '\| (WARN|ERROR) ' "$APP/data/log/karaf.log" | cut -c1-240 | sort | uniq -c | sort -rn | head -5 || true
  echo "== derby: $(du -sh "$APP/data/derby" 2>/dev/null | cut -f1)"
} | tee -a "$OUT/run.log"
exit "$RC"
