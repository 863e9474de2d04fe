#!/usr/bin/env bash
# One rolling restart of the local cluster's silos (scripts/cluster.sh): for each silo, SIGTERM, wait for it to exit
# (its graceful shutdown), start it again, wait until /health/ready answers, then AISLE_ROLL_SETTLE seconds (10) so the
# frontends' gateway lists (refreshed every 5 s) hold it before the next silo leaves. Prints what it did, with times.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
silo_http_port=${AISLE_SILO_HTTP_PORT:-5101}
settle=${AISLE_ROLL_SETTLE:-10}
t0=$(date +%s.%N)
at() { printf '%6.1f s  %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$*"; }
for n in 1 2; do
  pid=$(cat "$dir/silo$n.pid")
  at "silo$n: SIGTERM (pid $pid)"
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  at "silo$n: exited"
  rm -f "$dir/silo$n.pid"
  AISLE_SKIP_BUILD=1 scripts/cluster.sh start > /dev/null
  at "silo$n: started again and ready (http://127.0.0.1:$((silo_http_port + n - 1))/health/ready)"
  sleep "$settle"
  at "silo$n: settled"
done
