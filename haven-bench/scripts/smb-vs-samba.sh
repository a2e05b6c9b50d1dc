#!/usr/bin/env bash
# smb-vs-samba.sh - Haven's SMB server against a private Samba, side by side, on loopback.
#
# Usage (as root, from anywhere): haven-bench/scripts/smb-vs-samba.sh
#
# Starts a private Samba (peers/samba-private.sh) and a Haven node (./haven serve) on
# 127.0.0.1, then, ROUNDS times alternating Samba, Haven, measures for each server:
#   - peers/smb-throughput.sh: 1 GiB put/get MB/s (median of 3) and 4 KiB creates/s;
#   - server CPU seconds per GiB for one extra put and one extra get of the same file
#     (utime+stime+cutime+cstime of the server process plus its live children, from
#     /proc/PID/stat, before and after each transfer);
#   - server RSS with IDLE idle connections (idle-connections.py: NEGOTIATE + first
#     SESSION_SETUP leg each, then idle); Samba forks one smbd per connection, so its
#     figure is the sum over its processes (RSS, and PSS which counts shared pages once).
# Then stops both servers and prints one table (medians over rounds).
#
# Environment: SMBCLIENT_EXTRA ("-m SMB3_11"), ROUNDS (2), SIZE_MIB (1024), RUNS (3),
#   NFILES (2000), IDLE (1000), SAMBA_PORT (14451), HAVEN_PORT (14452), PEERS
#   (/work/shared/peers), KEEP=1 keeps the scratch directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PEERS=${PEERS:-/work/shared/peers}
export SMBCLIENT_EXTRA=${SMBCLIENT_EXTRA:--m SMB3_11}
export SIZE_MIB=${SIZE_MIB:-1024} RUNS=${RUNS:-3} NFILES=${NFILES:-2000}
ROUNDS=${ROUNDS:-2} IDLE=${IDLE:-1000}
SAMBA_PORT=${SAMBA_PORT:-14451} HAVEN_PORT=${HAVEN_PORT:-14452}
SAMBA_USER=havenbench HAVEN_USER=haven PASS=bench-$$-pw
WORK=$(mktemp -d /tmp/smb-vs-samba.XXXXXX)
chmod 755 "$WORK" # smbd runs file access as the unix user SAMBA_USER
HAVEN_PID=
# shellcheck disable=SC2206
EXTRA=($SMBCLIENT_EXTRA)
ulimit -n 20000 || true

stop_servers() {
    "$PEERS/samba-private.sh" stop "$WORK/samba" >/dev/null 2>&1 || true
    if [ -n "$HAVEN_PID" ]; then kill "$HAVEN_PID" 2>/dev/null || true; wait "$HAVEN_PID" 2>/dev/null || true; fi
}
cleanup() { stop_servers; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

wait_port() { # wait up to 60 s for 127.0.0.1:$1 to accept connections
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "port $1 did not open" >&2; return 1
}
children() { pgrep -P "$1" 2>/dev/null || true; }
cpu_ticks() { # own + reaped children's ticks of $1, plus own ticks of its live children
    local pid=$1 total c
    total=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 + $14 + $15 }')
    for c in $(children "$pid"); do
        total=$((total + $(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0)))
    done
    echo "$total"
}
mem_kib() { # "RSS PSS" in KiB summed over $1 and its children
    local rss=0 pss=0 p
    for p in "$1" $(children "$1"); do
        rss=$((rss + $(awk '/^Rss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
        pss=$((pss + $(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    done
    echo "$rss $pss"
}
smb() { # server-port user cmd
    smbclient //127.0.0.1/data -p "$1" -U "$2%$PASS" "${EXTRA[@]}" -c "$3" >"$WORK/smb.log" 2>&1 \
        || { tail -5 "$WORK/smb.log" >&2; return 1; }
}

measure() { # name pid port user -> appends "name metric value" lines to $WORK/results
    local name=$1 pid=$2 port=$3 user=$4 t0 t1 line m hz gib
    echo "== $name (pid $pid, port $port) $(date -u +%T), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
    line=$("$PEERS/smb-throughput.sh" 127.0.0.1 "$port" data "$user" "$PASS" | tee "$WORK/$name.tp.log" | tail -1)
    echo "   $line"
    for m in put_MBps get_MBps create_files_per_s; do
        echo "$name $m $(tr ' ' '\n' <<<"$line" | sed -n "s/^$m=//p")" >>"$WORK/results"
    done
    hz=$(getconf CLK_TCK)
    gib=$(awk -v m="$SIZE_MIB" 'BEGIN { print m / 1024 }')
    t0=$(cpu_ticks "$pid"); smb "$port" "$user" "put $WORK/big.bin cpu.bin"; sleep 1; t1=$(cpu_ticks "$pid") # smbd: let the master reap the exited child
    echo "$name cpu_put_s_per_GiB $(awk -v d=$((t1 - t0)) -v h="$hz" -v g="$gib" 'BEGIN { printf "%.2f", d / h / g }')" >>"$WORK/results"
    t0=$(cpu_ticks "$pid"); smb "$port" "$user" "get cpu.bin /dev/null"; sleep 1; t1=$(cpu_ticks "$pid") # smbd: let the master reap the exited child
    echo "$name cpu_get_s_per_GiB $(awk -v d=$((t1 - t0)) -v h="$hz" -v g="$gib" 'BEGIN { printf "%.2f", d / h / g }')" >>"$WORK/results"
    smb "$port" "$user" "del cpu.bin"
    : >"$WORK/hold"
    python3 "$here/idle-connections.py" 127.0.0.1 "$port" "$IDLE" "$WORK/hold" >"$WORK/idle.log" 2>&1 &
    local idle_pid=$!
    for _ in $(seq 1 600); do grep -q ready "$WORK/idle.log" && break; kill -0 "$idle_pid" 2>/dev/null || break; sleep 0.2; done
    if grep -q ready "$WORK/idle.log"; then
        sleep 2 # let the server settle after the last handshake
        read -r rss pss < <(mem_kib "$pid")
        echo "$name rss_MiB_idle $((rss / 1024))" >>"$WORK/results"
        echo "$name pss_MiB_idle $((pss / 1024))" >>"$WORK/results"
    else
        echo "   idle connections failed: $(tail -2 "$WORK/idle.log")" >&2
    fi
    rm -f "$WORK/hold"; wait "$idle_pid" || true
    grep "^$name " "$WORK/results" | tail -7 | sed 's/^/   /'
}

echo "smb-vs-samba: $(date -u '+%F %T') UTC; $(nproc) CPUs; $(lscpu | sed -n 's/^Model name: *//p');" \
     "SMBCLIENT_EXTRA='$SMBCLIENT_EXTRA' SIZE_MIB=$SIZE_MIB RUNS=$RUNS NFILES=$NFILES ROUNDS=$ROUNDS IDLE=$IDLE"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big.bin"
SAMBA_PID=$("$PEERS/samba-private.sh" start "$WORK/samba" "$SAMBA_PORT" "$SAMBA_USER" "$PASS" | tail -1)
wait_port "$SAMBA_PORT"
HAVEN_PASSWORD=$PASS "$root/haven" serve --data "$WORK/haven" --smb-port "$HAVEN_PORT" >"$WORK/haven.log" 2>&1 &
HAVEN_PID=$!
wait_port "$HAVEN_PORT"
for r in $(seq 1 "$ROUNDS"); do
    measure samba "$SAMBA_PID" "$SAMBA_PORT" "$SAMBA_USER"
    measure haven "$HAVEN_PID" "$HAVEN_PORT" "$HAVEN_USER"
done
stop_servers

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\n| metric | Samba | Haven | Haven/Samba | target met? |\n|---|---|---|---|---|\n'
for m in put_MBps get_MBps create_files_per_s cpu_put_s_per_GiB cpu_get_s_per_GiB rss_MiB_idle pss_MiB_idle; do
    s=$(awk -v m="$m" '$1 == "samba" && $2 == m { print $3 }' "$WORK/results" 2>/dev/null | median)
    h=$(awk -v m="$m" '$1 == "haven" && $2 == m { print $3 }' "$WORK/results" 2>/dev/null | median)
    ratio=$(awk -v s="$s" -v h="$h" 'BEGIN { if (s > 0) printf "%.2f", h / s; else print "-" }')
    case $m in
        put_MBps|get_MBps|create_files_per_s) met=$(awk -v r="$ratio" 'BEGIN { print (r >= 1.0) ? "yes" : "no" }') ;;
        *) met="(lower is better)" ;;
    esac
    echo "| $m | $s | $h | $ratio | $met |"
done
