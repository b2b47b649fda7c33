#!/usr/bin/env bash
# Restart time (issue 20 §3): seconds from starting `pactum serve` to its first 200 from /readyz,
# on logs of 100k and 1M events, on SQLite and on PostgreSQL, with the read model replayed from
# the whole log (--snapshot-every 0) and from a snapshot; next to `pactum audit verify` on the
# same log. Prints the rows of bench/README.md's table. Machines here are shared and noisy: each
# figure is the median of 3 starts; compare figures of one run.
#   bench/restart.sh                      both sizes
#   SIZES=100000 bench/restart.sh         one size (events, rounded to whole incidents)
#   KEEP=/var/tmp/pactum-restart bench/restart.sh   keep the filled logs there for the next run
# Needs PostgreSQL 15 (scripts/bootstrap installs it); filling 1M events takes about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f build/release/build.ninja || cmake --preset release >/dev/null
cmake --build --preset release --target pactum pactum_fill_log >/dev/null
BIN=$PWD/build/release/bin
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
PG="$WORK/postgres"
cleanup() {
  /usr/bin/python3 tests/support/pg_cluster.py stop "$PG" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

# The median of three starts, in seconds; extra arguments go to `pactum serve`.
start_time() {
  local dir=$1
  shift
  for _ in 1 2 3; do /usr/bin/python3 bench/restart_time.py "$BIN/pactum" "$dir" "$@"; done |
    sort -n | sed -n 2p
}
# Seconds `pactum audit verify` takes (the whole chain, every event hashed again).
verify_time() {
  local TIMEFORMAT=%R
  { time "$BIN/pactum" audit verify "$@" >/dev/null; } 2>&1
}

echo "| events | store | audit verify | start, whole log replayed | start from a snapshot | snapshot size |"
echo "|---|---|---|---|---|---|"
for events in ${SIZES:-100000 1000000}; do
  incidents=$((events / 9))  # each: a report, a sync, an assessment, 5 notes, the end
  dir="$WORK/log-$events"
  if [ ! -f "$dir/pactum.db" ]; then
    "$BIN/pactum_fill_log" "$dir" "$incidents" 5 >&2
  fi
  # The first start verifies the whole chain (later ones only what was appended since) and
  # leaves a snapshot at its stop.
  rm -rf "$dir/snapshots"
  /usr/bin/python3 bench/restart_time.py "$BIN/pactum" "$dir" >/dev/null
  size=$(du -m "$dir"/snapshots/*.snapshot | cut -f1)
  echo "| $events | SQLite | $(verify_time --data "$dir") s | $(start_time "$dir" --snapshot-every 0) s | $(start_time "$dir") s | $size MB |"

  # The same log copied into PostgreSQL (seqs and hashes kept); its data directory holds the
  # server's keys and its own snapshots.
  url=$(/usr/bin/python3 tests/support/pg_cluster.py start "$PG")
  "$BIN/pactum" migrate --from "$dir" --to "$url" --quiet
  pgdir="$WORK/pg-$events"
  rm -rf "$pgdir" && mkdir -p "$pgdir" && cp "$dir"/*.key "$pgdir"/
  /usr/bin/python3 bench/restart_time.py "$BIN/pactum" "$pgdir" --store "$url" >/dev/null
  echo "| $events | PostgreSQL | $(verify_time --data "$pgdir" --store "$url") s | $(start_time "$pgdir" --store "$url" --snapshot-every 0) s | $(start_time "$pgdir" --store "$url") s | $size MB |"
  /usr/bin/python3 tests/support/pg_cluster.py stop "$PG" >/dev/null
done
