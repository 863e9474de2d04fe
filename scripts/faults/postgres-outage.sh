#!/usr/bin/env bash
# PostgreSQL stopped for 20 s under mixed traffic (200 requests/s: searches, recommendations, similar items, trending,
# event batches with ids, admin price and stock changes), then started again; Aisle is not restarted.
#
#   scripts/faults/postgres-outage.sh            figures: requests, failed reads, write 503s, slowest request, time
#                                                to full service after PostgreSQL's return, acknowledged events lost
#
# AISLE_FAULT_RATE (200), AISLE_FAULT_WARMUP (30: seconds of unmeasured load first), AISLE_OUTAGE_SECONDS (20); the cluster of scripts/cluster.sh (started when not running,
# same variables). After the run both silos are killed and restarted, so the stored event counts are read back from
# PostgreSQL and compared with what the API acknowledged.
source "$(dirname "$0")/common.sh"
outage=${AISLE_OUTAGE_SECONDS:-20}
ensure_cluster
pg_port=$(cat "$dir/pg/port")
echo "== PostgreSQL outage of ${outage} s under $rate requests/s, $(nproc) cores; output in $out"
load "$warmup" > /dev/null   # warm-up, not measured: JIT, pools, query models, shoppers active on the silos
load $((outage + 35)) \
  --at "10:scripts/ci/postgres.sh stop $dir/pg" \
  --at "$((10 + outage)):scripts/ci/postgres.sh start $dir/pg $pg_port"
stored_counts restart
python3 scripts/faults/faults.py report "$out" "$out/stored.tsv"
