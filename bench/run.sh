#!/usr/bin/env bash
# Runs Pactum's benchmarks on this machine and prints the figures recorded in bench/README.md.
# Machines here are shared and noisy: compare ratios taken in the same run, not absolute numbers.
#   bench/run.sh            all
#   INCIDENTS=20000 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap
command -v wrk >/dev/null || { sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo; $sudo_ apt-get install -y -qq wrk; }
test -f build/release/build.ninja || cmake --preset release >/dev/null
cmake --build --preset release --target pactum pactum_bench pactum_tlog_bench pactum_alert_bench pactum_fill_log >/dev/null
BIN=build/release/bin
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== micro-benchmarks (state rebuild, chain verification, SHA-256, obligations)"
$BIN/pactum_bench --benchmark_min_time=0.5

echo
echo "== the transparency log: the tree grown per event, a root and proofs at 1M events"
$BIN/pactum_tlog_bench --benchmark_min_time=0.5

echo
echo "== where an alert's cost goes: the API's handling in memory, the durable append (T5)"
$BIN/pactum_alert_bench --benchmark_min_time=0.5

echo
echo "== audit verify throughput vs openssl speed sha256 (1 KB blocks), same machine"
$BIN/pactum_fill_log "$WORK/log" "${INCIDENTS:-20000}" 5
$BIN/pactum audit verify --data "$WORK/log"
openssl speed -bytes 1024 -seconds 3 sha256 2>/dev/null | tail -1

echo
echo "== reports/s through HTTP + engine + SQLite (fsync per commit, group commit), 50 connections"
$BIN/pactum init --data "$WORK/http" --plan examples/cooperation-plan.yaml >/dev/null
PACTUM_PASSWORD=bench-password-1 $BIN/pactum user add bench --data "$WORK/http" --party A --contact a-li >/dev/null
export PACTUM_TOKEN=$($BIN/pactum token create --data "$WORK/http" --user bench --name wrk --scopes read,write)
PORT=18431
$BIN/pactum serve --data "$WORK/http" --listen 127.0.0.1:$PORT --log-level warn >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
wrk -t2 -c50 -d10s --latency -s bench/report.lua "http://127.0.0.1:$PORT/api/v1/incidents" | tail -1
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
$BIN/pactum audit verify --data "$WORK/http"

echo
echo "== the web app: initial JavaScript (gzipped) and the board with 200 open incidents"
(cd web && npx vite build --outDir /tmp/pactum-web-size --logLevel info 2>/dev/null | grep -E "\.js|\.css" || true)
rm -rf /tmp/pactum-web-size
(cd web && PACTUM_BINARY="../$BIN/pactum" PACTUM_SOURCE_DIR=.. node e2e/board.bench.mjs)
