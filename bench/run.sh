#!/usr/bin/env bash
# LeadFlow benchmark (README, section "Benchmark"): recreates the database, starts LeadFlow from its
# jar on PostgreSQL with -Xmx512m and the demo profile (teams, reps, API key), runs the benchmark
# client against it and stops the server. Everything after the mode goes to the client as -D...:
#
#   bench/run.sh intake -Dbench.leads=20000 -Dbench.rate=150   # open loop, 150 leads/s offered
#   bench/run.sh intake -Dbench.leads=20000 -Dbench.rate=0     # closed loop, maximum throughput
#   bench/run.sh storm  -Dbench.leads=10000                    # 10,000 SLAs expiring at once
#   bench/run.sh floor  -Dbench.leads=20000                    # the engine alone, no server
#   bench/run.sh import -Dbench.rows=100000                    # intake, then a 100,000-row .xlsx
#   BENCH_DB=leadflow_bench_simulate bench/run.sh simulate     # back-tests on 100,000 past leads
#   bench/run.sh reports -Dbench.leads=100000                  # p50/p99 of every report (docs/reporting.md)
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), BENCH_DB (leadflow_bench;
# leadflow_bench_reports for reports; BENCH_FLOOR_DB, leadflow_floor, for the floor),
# BENCH_PORT (18080), BENCH_HEAP (512m), BENCH_SKIP_BUILD=true to reuse target/leadflow-*.jar,
# BENCH_JAVA_OPTS for the server's JVM (e.g. -XX:StartFlightRecording=filename=target/bench/server.jfr).
# The server's log goes to target/bench/server.log.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:?usage: bench/run.sh intake|storm|floor|import|simulate|reports [-Dbench.x=y ...]}
shift
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
if [[ "$mode" == reports ]]; then
  BENCH_DB=${BENCH_DB:-leadflow_bench_reports}
fi
BENCH_DB=${BENCH_DB:-leadflow_bench}
BENCH_PORT=${BENCH_PORT:-18080}
BENCH_HEAP=${BENCH_HEAP:-512m}
export PGHOST PGPORT PGUSER

if [[ "$mode" == floor ]]; then
  # The engine floor (EngineFloor): Camunda with LeadFlow's models, decisions and engine settings in
  # the client's own JVM, on a database of its own; no LeadFlow server.
  floor_db=${BENCH_FLOOR_DB:-leadflow_floor}
  dropdb --if-exists "$floor_db"
  createdb "$floor_db"
  exec ./mvnw -B -q -Pbench test-compile exec:java -Dbench.main=io.leadflow.bench.EngineFloor \
    -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$floor_db" -Dbench.db.user="$PGUSER" "$@"
fi

if [[ "${BENCH_SKIP_BUILD:-false}" != true ]]; then
  ./mvnw -B -q -DskipTests package
fi
jar=$(ls target/leadflow-*.jar | grep -v original | head -1)
mkdir -p target/bench

# Another server on the port (another benchmark) would answer the health check below and get this
# run's load: refuse to start instead.
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$BENCH_PORT/" 2>/dev/null; then
  echo "Port $BENCH_PORT is in use by another server; set BENCH_PORT"
  exit 1
fi

dropdb --if-exists "$BENCH_DB"
createdb "$BENCH_DB"

admin_password="bench-admin-$RANDOM$RANDOM"
# The GC log gives the import mode the server's peak heap (the most in use before a collection).
SPRING_PROFILES_ACTIVE=postgres,demo \
DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" DB_USER="$PGUSER" \
LEADFLOW_ADMIN_USER=admin LEADFLOW_ADMIN_PASSWORD="$admin_password" \
LEADFLOW_SECURE_COOKIES=false \
  java -Xmx"$BENCH_HEAP" -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=target/bench/gc.log \
  ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$BENCH_PORT" \
  > target/bench/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

echo "LeadFlow (pid $server) starting on port $BENCH_PORT, database $BENCH_DB ..."
for _ in $(seq 1 180); do
  if curl -fs -o /dev/null "http://127.0.0.1:$BENCH_PORT/actuator/health" 2>/dev/null \
      || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$BENCH_PORT/api/leads" 2>/dev/null \
         | grep -q '^401$'; then
    break
  fi
  kill -0 $server 2>/dev/null || { echo "LeadFlow died, see target/bench/server.log"; exit 1; }
  sleep 1
done
# The demo data (teams, reps, API key) is written right after start-up.
sleep 2

# CPU seconds used while the client runs: LeadFlow's process, and the whole machine (all cores;
# PostgreSQL, the client and its Maven launcher included). A steadier measure than leads/s alone.
server_cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
machine_cpu() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
server_before=$(server_cpu); machine_before=$(machine_cpu)
./mvnw -B -q -Pbench test-compile exec:java -Dbench.mode="$mode" \
  -Dbench.url="http://127.0.0.1:$BENCH_PORT" -Dbench.admin.password="$admin_password" \
  -Dbench.gcLog=target/bench/gc.log \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" -Dbench.db.user="$PGUSER" "$@" \
  | tee target/bench/client.log
ticks=$(getconf CLK_TCK)
echo "cpu: server $(( ($(server_cpu) - server_before) / ticks )) s," \
  "machine $(( ($(machine_cpu) - machine_before) / ticks )) s while the client ran"

if grep -q 'OutOfMemoryError' target/bench/server.log; then
  echo "server: OutOfMemoryError (see target/bench/server.log)"
  exit 1
fi
echo "server: heap -Xmx$BENCH_HEAP, no OutOfMemoryError; errors in log: $(grep -c ' ERROR ' target/bench/server.log || true)"
if [[ "$mode" == import || "$mode" == simulate || "$mode" == reports ]]; then
  tail -n 1 target/bench/client.log # the figures of the import, back-tests or reports, last
fi
