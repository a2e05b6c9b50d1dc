#!/usr/bin/env bash
# snapshot-pause.sh - the pause live snapshots cause while SMB clients write (issue 5's target:
# < 50 ms). Starts a Haven node on a scratch data directory, runs two smbclient writers in loops
# (1 MiB and 64 MiB puts, SMB 3.1.1), takes N snapshots of the live file system with
# `./haven snapshot create` (which prints the pause), then prints the median, p90 and max pause
# and the number of client requests that failed.
#
# Usage (from anywhere): haven-bench/scripts/snapshot-pause.sh
# Environment: N (30), PORT (14460), ADMIN_PORT (14490), KEEP=1 keeps the scratch directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-30} PORT=${PORT:-14460} ADMIN_PORT=${ADMIN_PORT:-14490}
D=$(mktemp -d /tmp/snapshot-pause.XXXXXX)
NODE= WRITERS=()
cleanup() {
    touch "$D/stop"
    for p in "${WRITERS[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ -n "$NODE" ]; then kill "$NODE" 2>/dev/null || true; wait "$NODE" 2>/dev/null || true; fi
    [ "${KEEP:-0}" = 1 ] || rm -rf "$D"
}
trap cleanup EXIT

dd if=/dev/urandom of="$D/f1m" bs=1M count=1 status=none
dd if=/dev/urandom of="$D/f64m" bs=1M count=64 status=none
cd "$root"
HAVEN_PASSWORD=pw ./haven serve --data "$D/data" --smb-port "$PORT" --admin-port "$ADMIN_PORT" >"$D/node.log" 2>&1 &
NODE=$!
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.5; done

writer() { # file name-prefix: puts in a loop until $D/stop exists; a failed put is counted
    local i=0
    while [ ! -f "$D/stop" ]; do
        smbclient //127.0.0.1/data -p "$PORT" -U haven%pw -m SMB3_11 -c "put $1 $2-$((i % 20))" >/dev/null 2>&1 \
            || echo "$2-$i" >>"$D/errors"
        i=$((i + 1))
    done
}
writer "$D/f1m" small & WRITERS+=($!)
writer "$D/f64m" big & WRITERS+=($!)
sleep 3
echo "snapshot-pause: $(date -u '+%F %T') UTC; $(nproc) CPUs; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$N"); do
    ./haven snapshot create data --data "$D/data" --name "p$i" | grep -o 'paused [0-9.]* ms' | awk '{ print $2 }' >>"$D/pauses"
done
touch "$D/stop"
for p in "${WRITERS[@]}"; do wait "$p" 2>/dev/null || true; done
WRITERS=()
echo "pauses (ms): $(tr '\n' ' ' <"$D/pauses")"
sort -g "$D/pauses" | awk '{ v[NR] = $1 } END { printf "snapshots %d: median %.1f ms, p90 %.1f ms, max %.1f ms\n", NR, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR] }'
echo "failed client requests: $(cat "$D/errors" 2>/dev/null | wc -l)"
