#!/bin/sh
# Daemon benchmark (issue 5), run by hand as root after `mvn -B -DskipTests package`:
# the same docker CLI against berthd and against the reference dockerd, side by side, one run.
#   run --rm true | run --rm --network none true | exec true | 50 parallel run --rm | ps with 200 containers | idle RSS
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-15}
docker=${DOCKER:-/usr/local/bin/docker}
work=$(mktemp -d /tmp/bb.XXXXXX)
berth_sock="$work/s.sock"
cleanup() {
  [ -f "$work/berthd.pid" ] && kill "$(cat "$work/berthd.pid")" 2>/dev/null || true
  sleep 1
  pkill -f "nsexec monitor $work" 2>/dev/null || true
  grep " $work" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
  rmdir /sys/fs/cgroup/*/berth-bench-d/* /sys/fs/cgroup/*/berth-bench-d 2>/dev/null || true
}
trap cleanup EXIT
"$top/bin/berthd" --data-root "$work/data" --exec-root "$work/exec" -H "unix://$berth_sock" --cgroup-parent berth-bench-d \
  --live-restore=false --bridge bbench0 --nft-table berth_bench >"$work/berthd.log" 2>&1 &
echo $! >"$work/berthd.pid"
for _ in $(seq 100); do [ -S "$berth_sock" ] && break; sleep 0.1; done
ref=$("$top/../shared/tools/reference-dockerd" start 2>/dev/null | sed -n 's/^DOCKER_HOST=//p' || true)
rss_of() { awk '/VmRSS/ {printf "%d MB", $2 / 1024}' /proc/"$1"/status 2>/dev/null || echo "-"; }
sleep 5
ref_rss="-"; [ -f /run/ref-docker/dockerd.pid ] && ref_rss="dockerd $(rss_of "$(cat /run/ref-docker/dockerd.pid)") + containerd $(rss_of "$(cat /run/ref-docker/containerd.pid)")"
printf '%-34s berthd: %-22s dockerd: %s\n' "idle RSS after start" "$(rss_of "$(cat "$work/berthd.pid")")" "$ref_rss"

median() { sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms (n=%d)", a[int((NR+1)/2)], NR}'; }
ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
each() { # host label command...
  h=$1; shift
  for i in $(seq "${WARM:-5}"); do DOCKER_HOST=$h "$docker" "$@" >/dev/null 2>&1 || true; done  # both engines warm up alike
  for i in $(seq "$n"); do DOCKER_HOST=$h ms "$docker" "$@"; done | median
}
row() { # label command...
  label=$1; shift
  b=$(each "unix://$berth_sock" "$@")
  if [ -n "$ref" ]; then d=$(each "$ref" "$@"); else d="(no reference dockerd)"; fi
  printf '%-34s berthd: %-22s dockerd: %s\n' "$label" "$b" "$d"
}
row "run --rm busybox true" run --rm busybox true
row "run --rm --network none busybox true" run --rm --network none busybox true
# Issue 6: what the bridge adds over none (target <= 10 ms), a published port, a user network.
row "run --rm -p 80 busybox true" run --rm -p 80 busybox true
for h in "unix://$berth_sock" $ref; do DOCKER_HOST=$h "$docker" network create bench-net >/dev/null 2>&1; done
row "run --rm --network bench-net true" run --rm --network bench-net busybox true
for h in "unix://$berth_sock" $ref; do DOCKER_HOST=$h "$docker" network rm bench-net >/dev/null 2>&1; done
for h in "unix://$berth_sock" $ref; do DOCKER_HOST=$h "$docker" run -d --name bench-exec busybox sleep 600 >/dev/null; done
row "exec true" exec bench-exec true
par() { h=$1; s=$(date +%s%N); for i in $(seq 50); do DOCKER_HOST=$h "$docker" run --rm --network none busybox true >/dev/null 2>&1 & done; wait; e=$(date +%s%N); echo "$(( (e - s) / 1000000 )) ms"; }
printf '%-34s berthd: %-22s dockerd: %s\n' "50 parallel run --rm" "$(par "unix://$berth_sock")" "$( [ -n "$ref" ] && par "$ref" || echo -)"
for h in "unix://$berth_sock" $ref; do for i in $(seq 200); do DOCKER_HOST=$h "$docker" create --network none busybox true >/dev/null; done; done
row "ps -a with 200 containers" ps -a
rss=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$work/berthd.pid")"/status)
echo "berthd RSS after the runs: $((rss / 1024)) MB"
for h in "unix://$berth_sock" $ref; do DOCKER_HOST=$h "$docker" rm -f bench-exec >/dev/null 2>&1; DOCKER_HOST=$h "$docker" container prune -f >/dev/null 2>&1 || true; done
