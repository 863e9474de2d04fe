#!/usr/bin/env bash
# A frontend killed (-9) under mixed traffic (200 requests/s) spread over two frontends, as a load balancer would:
# the other keeps serving, and a client that retries a request that got no answer on the other frontend (same event
# ids) loses nothing.
#
#   scripts/faults/frontend-kill.sh              figures: requests, failures before and after the client's retry,
#                                                slowest request, acknowledged events lost
#
# AISLE_FAULT_RATE (200), AISLE_FAULT_WARMUP (30); the cluster of scripts/cluster.sh (started when not running, same variables) plus a second
# frontend on AISLE_HTTP_PORT + 1, stopped at the end. The killed frontend is started again afterwards.
source "$(dirname "$0")/common.sh"
ensure_cluster
port=${AISLE_HTTP_PORT:-5000}
second=http://127.0.0.1:$((port + 1))
frontend_dll=$PWD/src/Frontend/bin/Release/net10.0/linux-x64/Aisle.Frontend.dll
(cd "$(dirname "$frontend_dll")" && exec env Aisle__Mode=Cluster ConnectionStrings__Aisle="$(connection)" \
  Aisle__AdminApiKey="$admin_key" ASPNETCORE_URLS="$second" setsid dotnet Aisle.Frontend.dll) > "$out/frontend2.log" 2>&1 < /dev/null &
echo $! > "$out/frontend2.pid"
trap 'kill -TERM "$(cat "$out/frontend2.pid")" 2>/dev/null || true' EXIT
wait_url "$second/health/ready"
echo "== frontend killed under $rate requests/s over 2 frontends ($base, $second), $(nproc) cores; output in $out"
urls="$base,$second"
load "$warmup" --retry > /dev/null   # warm-up, not measured
load 30 --retry --at "10:kill -KILL $(cat "$dir/frontend.pid")"
AISLE_SKIP_BUILD=1 scripts/cluster.sh start > "$out/restart-frontend.log" 2>&1   # the killed frontend again
stored_counts restart
python3 scripts/faults/faults.py report "$out" "$out/stored.tsv"
