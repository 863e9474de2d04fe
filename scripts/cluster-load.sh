#!/usr/bin/env bash
# Figures of cluster mode on this machine: durable event throughput through the batch API with the CPU each process
# spent per event, batch acknowledgement latency, and a failover under steady load (kill -9 of silo 2, restarted).
#
#   scripts/cluster-load.sh [seconds] [connections] [batch]      defaults: 30 8 1000
#
# AISLE_LOAD_WARMUP (40: seconds of unmeasured load first), AISLE_LOAD_FAILOVER (1; 0 skips the failover run).
#
# Starts the local cluster with scripts/cluster.sh when it is not running (same environment variables). Throughput
# is driven by wrk (Debian package `wrk`) posting pre-built batches (scripts/cluster-load.py bodies, scripts/events.lua);
# the failover by scripts/cluster-load.py (Python 3, standard library). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-8}
batch=${3:-1000}
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
base=http://127.0.0.1:${AISLE_HTTP_PORT:-5000}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }

curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null || scripts/cluster.sh start
echo "== cluster mode, $(nproc) cores: 2 silos + 1 frontend + PostgreSQL on loopback, $base"
bodies=$dir/bodies-$batch
[ -f "$bodies/body59.json" ] || python3 scripts/cluster-load.py bodies data/flipkart/catalog_20k.csv "$bodies" 60 "$batch"
post() { BODIES=60 BODY_DIR=$bodies wrk -t1 -c"$connections" -d"$1"s --timeout 60s --latency -s scripts/events.lua "$base"; }

# CPU time (user + system, clock ticks) of a process, or of this cluster's PostgreSQL: its postmaster with the
# children it reaped (cutime + cstime: backends that exited, e.g. a pool closing an idle connection) and every live
# backend. Other PostgreSQL servers on the machine (a test run's) are not counted.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local root t
  root=$(head -1 "$dir/pg/data/postmaster.pid")
  t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$root/stat")
  for p in $(pgrep -P "$root"); do t=$((t + $(ticks "$p"))); done
  echo $t
}
processes="silo1 silo2 frontend"

# Warm-up, not measured: JIT tiering, connection pools, first activations of shoppers and products.
post "${AISLE_LOAD_WARMUP:-40}" > /dev/null
declare -A before
for p in $processes; do before[$p]=$(ticks "$(cat "$dir/$p.pid")"); done
before[postgres]=$(pg_ticks)
out=$(post "$seconds")
declare -A after
for p in $processes; do after[$p]=$(ticks "$(cat "$dir/$p.pid")"); done
after[postgres]=$(pg_ticks)
echo "$out" | grep -E "Latency Distribution|50%|99%|requests in|Non-2xx|Socket errors"
requests=$(echo "$out" | awk '/requests in/ {print $1}')
p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
events=$((requests * batch))
# µs per event = ticks × (10⁶ / CLK_TCK) / events, in tenths for one decimal.
per_event() { echo $(( $1 * 10000000 / $(getconf CLK_TCK) / events )) | sed -E 's/([0-9])$/.\1/; s/^\./0./'; }
line="CPU µs per event:"
total=0
for p in $processes postgres; do
  spent=$((after[$p] - before[$p]))
  total=$((total + spent))
  line="$line $p $(per_event $spent)"
done
echo "throughput: $((events / seconds)) events/s acknowledged (durable), batches of $batch over $connections connections; ack p99 $p99"
echo "$line; total $(per_event $total)"

# Stored size of a shopper with 50 events: 200 new shoppers, 50 Zipf views each, then what PostgreSQL holds for them
# (pg_column_size: bytes on disk after its LZ4 compression; octet_length: the payload as written).
prefix=size-$(date +%s)-
python3 scripts/cluster-load.py shoppers "$base" data/flipkart/catalog_20k.csv "$prefix" 200 50
PGPASSWORD=aisle-test psql -h 127.0.0.1 -p "$(cat "$dir/pg/port")" -U aisle -d aisle -tA -F' ' -c "
  SELECT 'stored bytes per shopper with 50 events: ' || avg(pg_column_size(payload))::int || ' on disk, '
      || avg(octet_length(payload))::int || ' written (' || count(*) || ' shoppers)'
  FROM aisle_grain_state WHERE state_name = 'user' AND grain_key LIKE '$prefix%'"

[ "${AISLE_LOAD_FAILOVER:-1}" = 0 ] && exit 0

# Let the silos drain what the saturating run queued before the failover.
sleep 20
python3 scripts/cluster-load.py failover "$base" 30 100 10 "$(cat "$dir/silo2.pid")"
scripts/cluster.sh start > /dev/null   # brings silo 2 back
echo "silo 2 restarted; cluster ready"
