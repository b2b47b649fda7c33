#!/usr/bin/env bash
# The same server on its two stores, side by side in one run (issue 20 §5): reports/s and alerts/s
# with the same wrk scripts (bench/report.lua, bench/alerts.lua at 1 and 10 alerts per request),
# Pactum on SQLite in its data directory (WAL, synchronous=FULL) against Pactum on a throwaway
# PostgreSQL 15 on this machine with fsync on (tests/support/pg_cluster.py --durable). Each
# round starts both afresh and loads one, then the other, the order alternating; the figure is
# the median of the rounds' ratios. Both are durable before they answer; compare the ratios, not
# the absolute numbers (the load generator shares the two cores).
#   bench/stores.sh            DURATION=5s ROUNDS=1 bench/stores.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap
command -v wrk >/dev/null || { sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo; $sudo_ apt-get install -y -qq wrk; }
test -f build/release/build.ninja || cmake --preset release >/dev/null
cmake --build --preset release --target pactum >/dev/null
BIN=$PWD/build/release/bin
WORK=$(mktemp -d)
chmod 755 "$WORK"  # the cluster belongs to the postgres user when we are root
PIDS=()
CLUSTER=$WORK/pg
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  python3 tests/support/pg_cluster.py stop "$CLUSTER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
export STARTS_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ADMIN_URL=$(python3 tests/support/pg_cluster.py start "$CLUSTER" --durable)

# $1: data dir, $2: port, $3: scopes, $4: the store (empty: SQLite in the data dir). Sets TOKEN_OUT
# and SERVER_PID.
start_pactum() {
  local store=()
  [ -n "$4" ] && store=(--store "$4")
  $BIN/pactum init --data "$1" "${store[@]}" --plan examples/cooperation-plan.yaml >/dev/null
  PACTUM_PASSWORD=bench-password-1 $BIN/pactum user add bench --data "$1" "${store[@]}" \
    --party A --contact a-li --admin >/dev/null
  TOKEN_OUT=$($BIN/pactum token create --data "$1" "${store[@]}" --user bench --name wrk --scopes "$3")
  $BIN/pactum serve --data "$1" "${store[@]}" --listen 127.0.0.1:"$2" --log-level warn >/dev/null 2>&1 &
  SERVER_PID=$!; PIDS+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/readyz" >/dev/null && return; sleep 0.1; done
  echo "pactum on port $2 did not become ready" >&2; exit 1
}
new_database() {  # $1: its name; a fresh PostgreSQL database per round: both stores start empty
  psql "$ADMIN_URL" -q -c "CREATE DATABASE $1" >/dev/null
  echo "${ADMIN_URL%/*}/$1"
}
source bench/figures.sh  # figure, ratio, median
load() {  # $1: what (reports | alerts:N), $2: port, $3: token -> wrk's summary line
  if [ "$1" = reports ]; then
    PACTUM_TOKEN=$3 wrk -t2 -c50 -d"$DURATION" --latency -s bench/report.lua \
      "http://127.0.0.1:$2/api/v1/incidents" | tail -1
  else
    TOKEN=$3 ALERTS_PER_REQUEST=${1#alerts:} wrk -t2 -c50 -d"$DURATION" --latency -s bench/alerts.lua \
      "http://127.0.0.1:$2/api/v2/alerts" | tail -1
  fi
}

for what in reports alerts:1 alerts:10; do
  scopes=read,write; [ "$what" != reports ] && scopes=alerts
  echo "== $what, 50 connections, $DURATION, $ROUNDS round(s): PostgreSQL / SQLite"
  rates=(); p99s=()
  for round in $(seq "$ROUNDS"); do
    start_pactum "$WORK/sqlite-$round" 18451 "$scopes" ""; S_PID=$SERVER_PID; S_TOKEN=$TOKEN_OUT
    start_pactum "$WORK/pg-$round" 18452 "$scopes" "$(new_database "bench_${what//[^a-z0-9]/_}_$round")"; P_PID=$SERVER_PID; P_TOKEN=$TOKEN_OUT
    if (( round % 2 )); then
      S=$(load "$what" 18451 "$S_TOKEN"); P=$(load "$what" 18452 "$P_TOKEN")
    else
      P=$(load "$what" 18452 "$P_TOKEN"); S=$(load "$what" 18451 "$S_TOKEN")
    fi
    kill "$S_PID" "$P_PID"; wait "$S_PID" "$P_PID" 2>/dev/null || true
    PIDS=()
    rm -rf "$WORK/sqlite-$round" "$WORK/pg-$round"
    read -r sr _ sp99 <<<"$(echo "$S" | figure)"
    read -r pr _ pp99 <<<"$(echo "$P" | figure)"
    rates+=("$(ratio "$pr" "$sr")"); p99s+=("$(ratio "$pp99" "$sp99")")
    echo "round $round"
    echo "  sqlite:     $S"
    echo "  postgresql: $P"
    echo "  ratios: rate postgresql/sqlite ${rates[-1]}  p99 postgresql/sqlite ${p99s[-1]}"
  done
  echo "median of $ROUNDS: rate postgresql/sqlite $(printf '%s\n' "${rates[@]}" | median)" \
       " p99 postgresql/sqlite $(printf '%s\n' "${p99s[@]}" | median)"
done
