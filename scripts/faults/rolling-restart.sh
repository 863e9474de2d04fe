#!/usr/bin/env bash
# A rolling restart under mixed traffic (200 requests/s), as a Helm rolling upgrade of the chart does it (maxSurge 1,
# maxUnavailable 0): each silo in turn is replaced by a new one that starts first, and gets SIGTERM (exiting after its
# graceful shutdown) once the new one is ready and has been for AISLE_ROLL_SETTLE seconds (the chart's
# minReadySeconds). AISLE_ROLL_SURGE=0 restarts each silo in place instead (stop, then start), one silo short meanwhile.
#
#   scripts/faults/rolling-restart.sh            figures: requests, failures, slowest request, acknowledged events lost
#
# AISLE_FAULT_RATE (200), AISLE_FAULT_WARMUP (30: seconds of unmeasured load first), AISLE_ROLL_SETTLE (10); the cluster of scripts/cluster.sh (started when not running, same
# variables). After the roll both silos are killed and restarted, so the stored event counts come from PostgreSQL.
source "$(dirname "$0")/common.sh"
ensure_cluster
mode=$([ "${AISLE_ROLL_SURGE:-1}" = 1 ] && echo "replacement ready + ${AISLE_ROLL_SETTLE:-10} s, then SIGTERM" || echo "SIGTERM, restart in place, ready + ${AISLE_ROLL_SETTLE:-10} s")
echo "== rolling restart of 2 silos ($mode) under $rate requests/s, $(nproc) cores; output in $out"
load "$warmup" > /dev/null   # warm-up, not measured
load 10 --tail 10 --at "10:AISLE_ROLL_LOGS=$out scripts/faults/roll-silos.sh > $out/roll.log 2>&1"
cat "$out/roll.log"
stored_counts restart
python3 scripts/faults/faults.py report "$out" "$out/stored.tsv"
