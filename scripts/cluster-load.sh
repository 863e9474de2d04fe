#!/usr/bin/env bash
# Figures of cluster mode on this machine: durable event throughput through the batch API, batch acknowledgement
# latency, and a failover under steady load (kill -9 of silo 2, then restarted).
#
#   scripts/cluster-load.sh [seconds] [connections] [batch]      defaults: 30 16 1000
#
# Starts the local cluster with scripts/cluster.sh when it is not running (same environment variables), runs the
# load with scripts/cluster-load.py (Python 3, standard library), prints one line per figure. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-16}
batch=${3:-1000}
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
base=http://127.0.0.1:${AISLE_HTTP_PORT:-5000}

curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null || scripts/cluster.sh start
echo "== cluster mode, $(nproc) cores: 2 silos + 1 frontend + PostgreSQL on loopback, $base"
# Warm-up, not measured: JIT, connection pools, first activations.
python3 scripts/cluster-load.py throughput "$base" 5 "$connections" "$batch" > /dev/null
python3 scripts/cluster-load.py throughput "$base" "$seconds" "$connections" "$batch"
# Let the silos drain what the saturating run queued (one-way counter messages, lazy flushes) before the failover.
sleep 20
python3 scripts/cluster-load.py failover "$base" 30 100 10 "$(cat "$dir/silo2.pid")"
scripts/cluster.sh start > /dev/null   # brings silo 2 back
echo "silo 2 restarted; cluster ready"
