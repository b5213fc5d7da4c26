#!/bin/sh
# Network benchmark (issue 6), run by hand as root after `mvn -B -DskipTests package`:
# TCP throughput container to container and host loopback to a published port (iperf3), and new
# connections per second to a published port (busybox httpd under wrk, one request per connection),
# berthd and the reference dockerd side by side with the same docker CLI, one after the other.
# Installs iperf3 and wrk (Debian) when missing. Traffic stays on loopback and the engines' bridges.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
docker=${DOCKER:-/usr/local/bin/docker}
secs=${SECS:-5}
work=$(mktemp -d /tmp/bn.XXXXXX)
berth_sock="$work/s.sock"
command -v iperf3 >/dev/null && command -v wrk >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iperf3 wrk >/dev/null
cleanup() {
  for h in "unix://$berth_sock" ${ref:-}; do
    DOCKER_HOST=$h "$docker" rm -f bn-srv bn-web >/dev/null 2>&1 || true
    DOCKER_HOST=$h "$docker" rmi bench-iperf >/dev/null 2>&1 || true
  done
  [ -f "$work/berthd.pid" ] && kill "$(cat "$work/berthd.pid")" 2>/dev/null || true
  sleep 1
  pkill -f "nsexec monitor $work" 2>/dev/null || true
  grep " $work" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
  rmdir /sys/fs/cgroup/*/berth-bench-n/* /sys/fs/cgroup/*/berth-bench-n 2>/dev/null || true
}
trap cleanup EXIT
"$top/bin/berthd" --data-root "$work/data" --exec-root "$work/exec" -H "unix://$berth_sock" --cgroup-parent berth-bench-n \
  --live-restore=false --bridge bbenchn0 --nft-table berth_benchn >"$work/berthd.log" 2>&1 &
echo $! >"$work/berthd.pid"
for _ in $(seq 100); do [ -S "$berth_sock" ] && break; sleep 0.1; done
ref=$("$top/../shared/tools/reference-dockerd" start 2>/dev/null | sed -n 's/^DOCKER_HOST=//p' || true)

# An image holding the host's iperf3 and the libraries it links (same binary for both engines).
root="$work/iperf-root"
mkdir -p "$root/bin" "$root/tmp"
cp /usr/bin/iperf3 "$root/bin/iperf3"
for lib in $(ldd /usr/bin/iperf3 | grep -o '/[^ ]*'); do mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; done
tar -C "$root" -cf "$work/iperf.tar" .
for h in "unix://$berth_sock" $ref; do DOCKER_HOST=$h "$docker" import "$work/iperf.tar" bench-iperf >/dev/null; done

gbits() { awk '/receiver/ {print $(NF-2), $(NF-1)}' | tail -1; }
measure() { # host port-prefix
  h=$1; p=$2
  export DOCKER_HOST=$h
  "$docker" run -d --name bn-srv -p "${p}201:5201" bench-iperf /bin/iperf3 -s >/dev/null
  ip=$("$docker" inspect -f '{{.NetworkSettings.IPAddress}}' bn-srv)
  sleep 1
  c2c=$("$docker" run --rm bench-iperf /bin/iperf3 -c "$ip" -t "$secs" -f g | gbits)
  h2p=$(iperf3 -c 127.0.0.1 -p "${p}201" -t "$secs" -f g | gbits)
  "$docker" rm -f bn-srv >/dev/null
  "$docker" run -d --name bn-web -p "${p}280:80" busybox sh -c 'echo ok > /tmp/i; exec httpd -f -p 80 -h /tmp' >/dev/null
  sleep 1
  rps=$(wrk -t2 -c32 -d"${secs}s" "http://127.0.0.1:${p}280/i" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  "$docker" rm -f bn-web >/dev/null
  unset DOCKER_HOST
  printf '%s|%s|%s' "$c2c" "$h2p" "$rps"
}
b=$(measure "unix://$berth_sock" 17)
if [ -n "$ref" ]; then d=$(measure "$ref" 27); else d="-|-|-"; fi
field() { echo "$1" | cut -d'|' -f"$2"; }
printf '%-46s berthd: %-16s dockerd: %s\n' "iperf3 container -> container (bridge)" "$(field "$b" 1)" "$(field "$d" 1)"
printf '%-46s berthd: %-16s dockerd: %s\n' "iperf3 host 127.0.0.1 -> published port" "$(field "$b" 2)" "$(field "$d" 2)"
printf '%-46s berthd: %-16s dockerd: %s\n' "wrk new connections/s to published port" "$(field "$b" 3)" "$(field "$d" 3)"
