#!/usr/bin/env bash
# A local Aisle cluster on loopback: PostgreSQL + 2 silos + 1 frontend in cluster mode.
#
#   scripts/cluster.sh start     build (Release), start everything, wait until the frontend is ready
#   scripts/cluster.sh stop      stop the frontend, the silos, then PostgreSQL
#   scripts/cluster.sh status    what runs, and the frontend's readiness
#   scripts/cluster.sh silo N    start silo N (a third one, or a replacement in a rolling restart) and wait until ready
#
# Environment (defaults): AISLE_CLUSTER_DIR (/tmp/aisle-cluster: logs, pids, database), AISLE_PG_PORT (25432),
# AISLE_HTTP_PORT (5000: the frontend), AISLE_ADMIN_KEY (local-admin-key), AISLE_EMBEDDING_CACHE (the cluster dir;
# point it at an existing cache to skip the first-start embedding), AISLE_SKIP_BUILD (unset), AISLE_SILO_PORT (11111),
# AISLE_GATEWAY_PORT (30000), AISLE_SILO_HTTP_PORT (5101): silo n takes each base + n - 1, so a second cluster (or an
# embedded frontend holding 11111/30000) can run beside this one.
# Silo 1: silo port 11111, gateway 30000, health http://127.0.0.1:5101; silo 2: 11112, 30001, :5102; silo 3: …
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
pg_port=${AISLE_PG_PORT:-25432}
http_port=${AISLE_HTTP_PORT:-5000}
admin_key=${AISLE_ADMIN_KEY:-local-admin-key}
silo_port=${AISLE_SILO_PORT:-11111}
gateway_port=${AISLE_GATEWAY_PORT:-30000}
silo_http_port=${AISLE_SILO_HTTP_PORT:-5101}
cache=${AISLE_EMBEDDING_CACHE:-$dir/embeddings}
silo_dll=$PWD/src/Silo/bin/Release/net10.0/linux-x64/Aisle.Silo.dll
frontend_dll=$PWD/src/Frontend/bin/Release/net10.0/linux-x64/Aisle.Frontend.dll
mkdir -p "$dir"

wait_ready() {
  local url=$1 name=$2 seconds=${3:-300}
  for _ in $(seq 1 $((seconds * 2))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && { echo "$name ready"; return 0; }
    sleep 0.5
  done
  echo "$name not ready after ${seconds}s; see $dir/$name.log" >&2
  return 1
}

start_process() {
  local name=$1; shift
  if [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$dir/$name.pid"))"
    return
  fi
  # The previous run's log is kept (NAME.log.1): after a crash or a fault test, it is the one worth reading.
  [ -f "$dir/$name.log" ] && mv -f "$dir/$name.log" "$dir/$name.log.1"
  # setsid: the process outlives this script; stop finds it by the pid file. Started in its own folder, so its
  # appsettings.json applies.
  (cd "$(dirname "$dll")" && exec env "$@" setsid dotnet "$(basename "$dll")") > "$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
  echo "$name started (pid $!, log $dir/$name.log)"
}

silo() {
  local n=$1
  dll=$silo_dll start_process "silo$n" \
    ConnectionStrings__Aisle="$connection" \
    Aisle__SiloPort=$((silo_port + n - 1)) Aisle__GatewayPort=$((gateway_port + n - 1)) Aisle__AdvertisedAddress=127.0.0.1 \
    Aisle__EmbeddingCacheDirectory="$cache" Aisle__DataDirectory="$dir/silo$n" \
    ASPNETCORE_URLS="http://127.0.0.1:$((silo_http_port + n - 1))"
}

# Every silo with a pid file, highest first (stop order), and the frontend before them.
processes() { echo frontend; for f in "$dir"/silo*.pid; do [ -e "$f" ] && basename "$f" .pid; done | sort -r; }

case "${1:-}" in
  silo)
    n=${2:?usage: $0 silo N}
    connection=$(scripts/ci/postgres.sh start "$dir/pg" "$pg_port")
    dll=$silo_dll
    silo "$n"
    wait_ready "http://127.0.0.1:$((silo_http_port + n - 1))/health/ready" "silo$n" 300
    ;;
  start)
    connection=$(scripts/ci/postgres.sh start "$dir/pg" "$pg_port")
    echo "PostgreSQL: $connection"
    if [ -z "${AISLE_SKIP_BUILD:-}" ]; then
      dotnet build src/Silo/Silo.csproj -c Release -v quiet -nologo > "$dir/build.log" 2>&1 || { tail -30 "$dir/build.log"; exit 1; }
      dotnet build src/Frontend/Frontend.csproj -c Release -v quiet -nologo >> "$dir/build.log" 2>&1 || { tail -30 "$dir/build.log"; exit 1; }
    fi
    dll=$silo_dll
    # Silo 1 first: on a first start it embeds the catalog into the shared cache, which silo 2 then only reads.
    silo 1
    wait_ready "http://127.0.0.1:$silo_http_port/health/ready" silo1 600
    silo 2
    wait_ready "http://127.0.0.1:$((silo_http_port + 1))/health/ready" silo2 300
    dll=$frontend_dll start_process frontend \
      Aisle__Mode=Cluster ConnectionStrings__Aisle="$connection" Aisle__AdminApiKey="$admin_key" \
      ASPNETCORE_URLS="http://127.0.0.1:$http_port"
    wait_ready "http://127.0.0.1:$http_port/health/ready" frontend 120
    echo "Aisle cluster: http://127.0.0.1:$http_port (admin key: $admin_key)"
    ;;
  stop)
    for name in $(processes); do
      if [ -f "$dir/$name.pid" ]; then
        pid=$(cat "$dir/$name.pid")
        if kill -0 "$pid" 2>/dev/null; then
          kill -TERM "$pid"
          for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
          kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
          echo "$name stopped"
        fi
        rm -f "$dir/$name.pid"
      fi
    done
    scripts/ci/postgres.sh stop "$dir/pg"
    ;;
  status)
    for name in $(processes); do
      if [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
        echo "$name running (pid $(cat "$dir/$name.pid"))"
      else
        echo "$name stopped"
      fi
    done
    curl -fsS "http://127.0.0.1:$http_port/health/ready" && echo || echo "frontend not ready"
    ;;
  *)
    echo "usage: $0 start|stop|status|silo N" >&2
    exit 2
    ;;
esac
