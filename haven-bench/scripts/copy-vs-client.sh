#!/usr/bin/env bash
# copy-vs-client.sh - server-side copy (FSCTL_SRV_COPYCHUNK, smbclient's `scopy`) against a
# client-side copy (smbclient `get` to local tmpfs, then `put`), on Haven and on a private Samba
# in the same run, on loopback.
#
# Usage (as root, from anywhere): haven-bench/scripts/copy-vs-client.sh
#
# For each server, ROUNDS times: time `scopy src dst` and time `get src; put local dst` of one
# SIZE_MIB file (random data). Prints one table of medians: seconds per copy, MB/s, and the
# ratio client-side / server-side (issue 6 target: server-side >= 3x faster on Haven).
#
# Environment: SIZE_MIB (1024), ROUNDS (3), SMBCLIENT_EXTRA ("-m SMB3_11"), SAMBA_PORT (14461),
#   HAVEN_PORT (14462), PEERS (/work/shared/peers), KEEP=1 keeps the scratch directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PEERS=${PEERS:-/work/shared/peers}
SIZE_MIB=${SIZE_MIB:-1024} ROUNDS=${ROUNDS:-3}
SMBCLIENT_EXTRA=${SMBCLIENT_EXTRA:--m SMB3_11}
SAMBA_PORT=${SAMBA_PORT:-14461} HAVEN_PORT=${HAVEN_PORT:-14462}
SAMBA_USER=havenbench HAVEN_USER=haven PASS=copy-$$-pw
WORK=$(mktemp -d /tmp/copy-vs-client.XXXXXX)
LOCAL=$(mktemp -d /dev/shm/copy-vs-client.XXXXXX) # the client's side of a client-side copy
chmod 755 "$WORK"
HAVEN_PID=
# shellcheck disable=SC2206
EXTRA=($SMBCLIENT_EXTRA)

stop_servers() {
    "$PEERS/samba-private.sh" stop "$WORK/samba" >/dev/null 2>&1 || true
    if [ -n "$HAVEN_PID" ]; then kill "$HAVEN_PID" 2>/dev/null || true; wait "$HAVEN_PID" 2>/dev/null || true; fi
}
cleanup() { stop_servers; rm -rf "$LOCAL"; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "port $1 did not open" >&2; return 1
}
smb() { # port user cmd
    smbclient //127.0.0.1/data -p "$1" -U "$2%$PASS" "${EXTRA[@]}" -c "$3" >"$WORK/smb.log" 2>&1 \
        || { tail -5 "$WORK/smb.log" >&2; return 1; }
    if grep -q NT_STATUS "$WORK/smb.log"; then tail -5 "$WORK/smb.log" >&2; return 1; fi
}
seconds() { # port user cmd -> elapsed seconds
    local t0 t1
    t0=$(date +%s.%N); smb "$@"; t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
measure() { # name port user
    local name=$1 port=$2 user=$3 s c
    smb "$port" "$user" "put $WORK/big.bin src.bin"
    for r in $(seq 1 "$ROUNDS"); do
        s=$(seconds "$port" "$user" "scopy src.bin server.bin")
        c=$(seconds "$port" "$user" "get src.bin $LOCAL/src.bin; put $LOCAL/src.bin client.bin")
        rm -f "$LOCAL/src.bin"
        # both copies must be byte-identical to the source
        smb "$port" "$user" "get server.bin $LOCAL/check.bin"
        cmp -s "$WORK/big.bin" "$LOCAL/check.bin" || { echo "$name: server-side copy differs" >&2; exit 1; }
        smb "$port" "$user" "get client.bin $LOCAL/check.bin"
        cmp -s "$WORK/big.bin" "$LOCAL/check.bin" || { echo "$name: client-side copy differs" >&2; exit 1; }
        rm -f "$LOCAL/check.bin"
        smb "$port" "$user" "del server.bin; del client.bin"
        echo "   $name round $r: server-side ${s}s, client-side ${c}s, loadavg $(cut -d' ' -f1 /proc/loadavg)"
        echo "$name server $s" >>"$WORK/results"
        echo "$name client $c" >>"$WORK/results"
    done
}

echo "copy-vs-client: $(date -u '+%F %T') UTC; $(nproc) CPUs; $(lscpu | sed -n 's/^Model name: *//p');" \
     "SMBCLIENT_EXTRA='$SMBCLIENT_EXTRA' SIZE_MIB=$SIZE_MIB ROUNDS=$ROUNDS"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big.bin"
SAMBA_PID=$("$PEERS/samba-private.sh" start "$WORK/samba" "$SAMBA_PORT" "$SAMBA_USER" "$PASS" | tail -1)
wait_port "$SAMBA_PORT"
HAVEN_PASSWORD=$PASS "$root/haven" serve --data "$WORK/haven" --smb-port "$HAVEN_PORT" --admin-port 0 >"$WORK/haven.log" 2>&1 &
HAVEN_PID=$!
wait_port "$HAVEN_PORT"
echo "servers: samba pid $SAMBA_PID, haven pid $HAVEN_PID"
measure samba "$SAMBA_PORT" "$SAMBA_USER"
measure haven "$HAVEN_PORT" "$HAVEN_USER"
stop_servers

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\n| server | server-side copy s (MB/s) | client-side copy s (MB/s) | client-side / server-side |\n|---|---|---|---|\n'
for name in samba haven; do
    s=$(awk -v n="$name" '$1 == n && $2 == "server" { print $3 }' "$WORK/results" | median)
    c=$(awk -v n="$name" '$1 == n && $2 == "client" { print $3 }' "$WORK/results" | median)
    awk -v n="$name" -v s="$s" -v c="$c" -v m="$SIZE_MIB" 'BEGIN {
        printf "| %s | %.2f (%.0f) | %.2f (%.0f) | %.2fx |\n", n, s, m * 1.048576 / s, c, m * 1.048576 / c, c / s }'
done
