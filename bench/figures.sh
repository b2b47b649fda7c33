# Shared by the side-by-side benchmarks (alerts.sh, stores.sh): reading wrk's summary line (the
# .lua scripts print "<what>/s N  p50 X ms  p99 Y ms …") and the arithmetic of their figures.
# Sourced, not run.
figure() { sed -E 's/^[a-z]+\/s ([0-9]+).*p50 ([0-9.]+) ms.*p99 ([0-9.]+) ms.*/\1 \2 \3/'; }  # -> rate p50 p99
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
median() { sort -g | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
