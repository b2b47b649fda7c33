#!/usr/bin/env bash
# Pactum's POST /api/v2/alerts against Alertmanager 0.25's, side by side on this machine, in one
# run: the same wrk load (unique ~1 KB alerts, 1 and 10 per request, 50 connections, 10 s each,
# in ROUNDS rounds, 3 by default), then resident memory after 100k distinct alerts. Pactum
# fsyncs every acknowledged alert (group commit); Alertmanager keeps them in memory. Compare the
# ratios, not the absolute numbers.
#   bench/alerts.sh            DURATION=5s ROUNDS=1 bench/alerts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap
command -v wrk >/dev/null || { sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo; $sudo_ apt-get install -y -qq wrk; }
test -f build/release/build.ninja || cmake --preset release >/dev/null
cmake --build --preset release --target pactum >/dev/null
BIN=build/release/bin
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
DURATION=${DURATION:-10s}
export STARTS_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)

start_pactum() {  # $1: data dir, $2: port
  $BIN/pactum init --data "$1" --plan examples/cooperation-plan.yaml >/dev/null
  PACTUM_PASSWORD=bench-password-1 $BIN/pactum user add bench --data "$1" --party A --contact a-li --admin >/dev/null
  PACTUM_TOKEN_OUT=$($BIN/pactum token create --data "$1" --user bench --name wrk --scopes alerts)
  $BIN/pactum serve --data "$1" --listen 127.0.0.1:"$2" --log-level warn >/dev/null 2>&1 &
  PIDS+=($!); PACTUM_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/readyz" >/dev/null && break; sleep 0.1; done
}
start_alertmanager() {  # $1: dir, $2: port
  mkdir -p "$1"
  printf 'route: {receiver: none}\nreceivers: [{name: none}]\n' > "$1/am.yml"
  prometheus-alertmanager --config.file="$1/am.yml" --storage.path="$1/data" \
    --web.listen-address=127.0.0.1:"$2" --cluster.listen-address= --log.level=warn >/dev/null 2>&1 &
  PIDS+=($!); AM_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/-/ready" >/dev/null && break; sleep 0.1; done
}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
source bench/figures.sh  # figure, ratio, median
load() {  # $1: alerts per request, $2: port, $3: token (or empty) -> wrk's summary line
  TOKEN=$3 ALERTS_PER_REQUEST=$1 wrk -t2 -c50 -d"$DURATION" --latency -s bench/alerts.lua \
    "http://127.0.0.1:$2/api/v2/alerts" | tail -1
}

# Each round starts both servers afresh and loads one, then the other (the order alternates, so
# that a machine slowing down or speeding up through the run favours neither); the ratios of
# the round are taken within it, and the median of the rounds is the figure.
ROUNDS=${ROUNDS:-3}
for per in 1 10; do
  echo "== $per alert(s) per request, 50 connections, $DURATION, $ROUNDS round(s)"
  rates=(); p99s=()
  for round in $(seq "$ROUNDS"); do
    start_pactum "$WORK/p$per-$round" 18441
    start_alertmanager "$WORK/am$per-$round" 18442
    if (( round % 2 )); then
      P=$(load "$per" 18441 "$PACTUM_TOKEN_OUT"); A=$(load "$per" 18442 "")
    else
      A=$(load "$per" 18442 ""); P=$(load "$per" 18441 "$PACTUM_TOKEN_OUT")
    fi
    kill "$PACTUM_PID" "$AM_PID"; wait "$PACTUM_PID" "$AM_PID" 2>/dev/null || true
    PIDS=()
    rm -rf "$WORK/p$per-$round" "$WORK/am$per-$round"
    read -r pr pp50 pp99 <<<"$(echo "$P" | figure)"
    read -r ar ap50 ap99 <<<"$(echo "$A" | figure)"
    rates+=("$(ratio "$pr" "$ar")"); p99s+=("$(ratio "$pp99" "$ap99")")
    echo "round $round"
    echo "  pactum:       $P"
    echo "  alertmanager: $A"
    echo "  ratios: alerts/s pactum/alertmanager ${rates[-1]}  p99 pactum/alertmanager ${p99s[-1]}"
  done
  echo "median of $ROUNDS: alerts/s pactum/alertmanager $(printf '%s\n' "${rates[@]}" | median)" \
       " p99 pactum/alertmanager $(printf '%s\n' "${p99s[@]}" | median)"
done

echo "== resident memory after 100k distinct alerts (1000 per request)"
start_pactum "$WORK/mem" 18441
start_alertmanager "$WORK/ammem" 18442
python3 - "$PACTUM_TOKEN_OUT" <<'PY'
import json, os, sys, urllib.request
token, starts = sys.argv[1], os.environ["STARTS_AT"]
pad = "x" * 800
for port, auth in ((18441, token), (18442, None)):
    for batch in range(100):
        alerts = [{"labels": {"alertname": "BenchAlert", "instance": f"mem-{batch}-{i}", "job": "bench"},
                   "annotations": {"description": pad}, "startsAt": starts} for i in range(1000)]
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v2/alerts", json.dumps(alerts).encode(),
                                     {"Content-Type": "application/json"})
        if auth:
            req.add_header("Authorization", "Bearer " + auth)
        urllib.request.urlopen(req, timeout=120).read()
PY
sleep 2
PM=$(rss_mb "$PACTUM_PID"); AM=$(rss_mb "$AM_PID")
echo "pactum RSS ${PM} MB  alertmanager RSS ${AM} MB  ratio pactum/alertmanager $(ratio "$PM" "$AM")"
