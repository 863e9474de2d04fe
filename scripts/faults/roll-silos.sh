#!/usr/bin/env bash
# One rolling restart of the local cluster's silos (scripts/cluster.sh), as the chart's rolling update does it
# (helm/aisle: maxSurge 1, maxUnavailable 0): for each running silo, its replacement starts first on the next free slot
# (own ports and data directory), and once it answers /health/ready and AISLE_ROLL_SETTLE seconds (10: the chart's
# minReadySeconds, ≥ the frontends' 5 s gateway list refresh) have passed, the old silo gets SIGTERM and the next one
# waits for its exit (its graceful shutdown). AISLE_ROLL_SURGE=0 restarts each silo in place instead (stop, then start
# on the same slot): capacity drops by one silo meanwhile, as with maxUnavailable 1. Prints what it did, with times.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
settle=${AISLE_ROLL_SETTLE:-10}
surge=${AISLE_ROLL_SURGE:-1}
t0=$(date +%s.%N)
at() { printf '%6.1f s  %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$*"; }
running() { for f in "$dir"/silo*.pid; do [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && basename "$f" .pid | tr -dc 0-9 && echo; done; true; }

stop_silo() {
  local n=$1 pid
  pid=$(cat "$dir/silo$n.pid")
  at "silo$n: SIGTERM (pid $pid)"
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  at "silo$n: exited"
  rm -f "$dir/silo$n.pid"
  # Its log is kept beside the run's figures: a silo started later on this slot begins a new one.
  [ -z "${AISLE_ROLL_LOGS:-}" ] || cp "$dir/silo$n.log" "$AISLE_ROLL_LOGS/silo$n-stopped.log"
}

start_silo() {
  AISLE_SKIP_BUILD=1 scripts/cluster.sh silo "$1" > /dev/null
  at "silo$1: started and ready"
  sleep "$settle"
  at "silo$1: settled"
}

old=$(running)
for n in $old; do
  if [ "$surge" = 1 ]; then
    free=1
    while [ -e "$dir/silo$free.pid" ]; do free=$((free + 1)); done
    start_silo "$free"
    stop_silo "$n"
  else
    stop_silo "$n"
    start_silo "$n"
  fi
done
