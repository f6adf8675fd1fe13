#!/usr/bin/env bash
# Start-up of an installed (or any) console: starts COMMAND RUNS times on the current DISPLAY and reports, for each
# run, the wall time from the process start to its "started after N ms" log line (the login window is showing) and
# that N (from main), then the medians. Each run is stopped 1.5 s after its window shows.
# Usage: DISPLAY=:77 installer/measure-start.sh 9 /opt/evpower-console/bin/evpower-console
set -euo pipefail
runs=$1; shift
walls=() mains=()
for _ in $(seq "$runs"); do
    log=$(mktemp)
    t0=$(date +%s%N)
    "$@" >"$log" 2>&1 &
    pid=$!
    until grep -q "started after" "$log"; do
        kill -0 $pid 2>/dev/null || { echo "the console stopped before its window showed:" >&2; cat "$log" >&2; exit 1; }
        sleep 0.005
    done
    wall=$(( ($(date +%s%N) - t0) / 1000000 ))
    main=$(grep -o 'started after [0-9]*' "$log" | grep -o '[0-9]*$')
    echo "wall $wall ms, from main $main ms"
    walls+=("$wall") mains+=("$main")
    sleep 1.5
    kill $pid; wait $pid 2>/dev/null || true
    rm -f "$log"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
range() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd-; }
echo "median: wall $(median "${walls[@]}") ms ($(range "${walls[@]}")), from main $(median "${mains[@]}") ms ($(range "${mains[@]}"))"
