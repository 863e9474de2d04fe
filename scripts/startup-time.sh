#!/usr/bin/env bash
# Times a start of the release Frontend: seconds until "Aisle catalog ready", the process's CPU seconds by then, and
# /health/live latency while the catalog loads (hey, 20 req/s on each of 2 connections, from listening to ready), and
# any thread-pool starvation warning logged meanwhile.
#   scripts/startup-time.sh [data-dir] [port]     a missing data dir means a first start (embeds the catalog)
# Build first: dotnet build src/Frontend -c Release
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-/tmp/aisle-startup/data}
port=${2:-5090}
log=$(mktemp)
cd "$root/src/Frontend"   # appsettings.json is read from the working directory
start=$(date +%s.%N)
Aisle__DataDirectory=$data Aisle__ShowProgress=false ASPNETCORE_URLS=http://127.0.0.1:$port \
  dotnet bin/Release/net10.0/linux-x64/Aisle.Frontend.dll >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; do sleep 0.05; done
listening=$(date +%s.%N)
hey -z 600s -q 20 -c 2 "http://127.0.0.1:$port/health/live" >"$log.hey" 2>&1 &
hey_pid=$!
until grep -q "Aisle catalog ready" "$log"; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
ready=$(date +%s.%N)
# utime + stime of the process, in clock ticks
cpu=$(awk '{print ($14 + $15) / 100}' /proc/$pid/stat)
kill -INT $hey_pid 2>/dev/null || true   # hey reports what it measured so far
wait $hey_pid || true
echo "listening after $(echo "$listening - $start" | bc) s; catalog ready after $(echo "$ready - $start" | bc) s; process CPU by then $cpu s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -iE "Aisle catalog|starv|thread ?pool" "$log" || true
echo "/health/live while loading:"
grep -E "Total:|Requests/sec|Slowest|50% in|99% in|\[[0-9]+\]" "$log.hey" || true
rm -f "$log" "$log.hey"
