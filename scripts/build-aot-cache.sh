#!/bin/sh
# Builds the AOT caches (JEP 483/514/515) of the CLI and of berthd with training runs, beside their
# jars: they then start with classes already loaded and linked, and berthd's JIT starts from the
# training's profiles. Usage: build-aot-cache.sh [INSTALL_PREFIX]
set -eu
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
prefix=${1:-}
if [ -n "$prefix" ]; then launch="$prefix/bin/berth-launch"; lib="$prefix/lib"; else launch="$top/bin/berth-launch"; lib=""; fi
out=${lib:-$top/berth-cli/target}/berth-cli.aot
dout=${lib:-$top/berth-daemon/target}/berth-daemon.aot
bundle=$(mktemp -d /tmp/berth-aot.XXXXXX)
daemon_pid=""
cleanup() {
  set +e  # every step runs, whatever the one before returned
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null; fi
  pkill -9 -f "nsexec monitor $bundle" 2>/dev/null || true
  grep " $bundle" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rmdir /sys/fs/cgroup/*/berth-aot/* /sys/fs/cgroup/*/berth-aot /sys/fs/cgroup/berth-aot 2>/dev/null || true
  rm -rf "$bundle"
}
trap cleanup EXIT
"$top/scripts/make-busybox-rootfs.sh" "$bundle/rootfs"
rm -f "$out"
BERTH_NO_AOT=1 "$launch" berth-cli dev.berth.cli.Main runtime spec -b "$bundle"
sed -i 's/"terminal" : true/"terminal" : false/; s/"args" : \[ "sh" \]/"args" : [ "true" ]/' "$bundle/config.json"
# AotTraining walks the docker-style command paths (against BERTH_HOST/DOCKER_HOST when one answers,
# changing nothing), then runs its arguments: a `runtime run` of the bundle.
BERTH_NO_AOT=1 BERTH_JAVA_OPTS="-XX:AOTCacheOutput=$out" "$launch" berth-cli dev.berth.cli.docker.AotTraining runtime --root "$bundle/state" run -b "$bundle" aot-training
echo "$out"

# berthd's: a private daemon (own roots, socket, bridge and nft table) serves what users do most,
# then stops cleanly, which writes the cache.
rm -f "$dout"
d="$bundle/d"
BERTH_NO_AOT=1 BERTH_JAVA_OPTS="-XX:AOTCacheOutput=$dout" "$launch" berth-daemon dev.berth.daemon.Main \
  --data-root "$d/data" --exec-root "$d/exec" -H "unix://$d/s.sock" --cgroup-parent berth-aot \
  --bridge baot0 --nft-table berth_aot --live-restore=false >"$bundle/berthd.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 200); do [ -S "$d/s.sock" ] && break; sleep 0.1; done
cli() { BERTH_HOST="unix://$d/s.sock" "$launch" berth-cli dev.berth.cli.Main "$@" >/dev/null; }
for i in 1 2 3; do
  cli run --rm busybox true
  cli run --rm --network none busybox true
  cli run --rm -p 80 busybox true
done
cli network create aot-net
cli run --rm --network aot-net busybox true
cli run -d --name aot-exec busybox sleep 60
for i in 1 2 3; do cli exec aot-exec true; done
cli ps -a
cli inspect aot-exec
cli logs aot-exec
cli rm -f aot-exec
cli network rm aot-net
cli images
kill -TERM "$daemon_pid"
wait "$daemon_pid" || true
daemon_pid=""
[ -f "$dout" ] || { echo "no daemon AOT cache: see $bundle/berthd.log" >&2; cat "$bundle/berthd.log" >&2; exit 1; }
echo "$dout"
