#!/usr/bin/env bash
# Figures of cluster mode on this machine: durable event throughput through the batch API with the CPU each process
# spent per event, batch acknowledgement latency, and a failover under steady load (kill -9 of silo 2, restarted).
#
#   scripts/cluster-load.sh [seconds] [connections] [batch]      defaults: 30 8 1000
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

# CPU time (user + system, clock ticks) of a process, or of every PostgreSQL process together.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { local t=0; for p in $(pgrep -u postgres postgres); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
processes="silo1 silo2 frontend"

# Warm-up, not measured: JIT tiering, connection pools, first activations of shoppers and products.
post 40 > /dev/null
declare -A before
for p in $processes; do before[$p]=$(ticks "$(cat "$dir/$p.pid")"); done
before[postgres]=$(pg_ticks)
out=$(post "$seconds")
echo "$out" | grep -E "Latency Distribution|50%|99%|requests in|Non-2xx|Socket errors"
requests=$(echo "$out" | awk '/requests in/ {print $1}')
events=$((requests * batch))
line="throughput: $((events / seconds)) events/s acknowledged (durable), batches of $batch over $connections connections; CPU µs per event:"
for p in $processes; do line="$line $p $(( ($(ticks "$(cat "$dir/$p.pid")") - before[$p]) * 10000000 / $(getconf CLK_TCK) / events / 10 ))"; done
echo "$line postgres $(( ($(pg_ticks) - before[postgres]) * 10000000 / $(getconf CLK_TCK) / events / 10 ))"

# Let the silos drain what the saturating run queued before the failover.
sleep 20
python3 scripts/cluster-load.py failover "$base" 30 100 10 "$(cat "$dir/silo2.pid")"
scripts/cluster.sh start > /dev/null   # brings silo 2 back
echo "silo 2 restarted; cluster ready"
