#!/bin/sh
# Runtime benchmark (issue 3), run by hand as root after `mvn -B -DskipTests package`:
# create+start+wait+delete of `true` on a busybox bundle, side by side:
#   runc run | Berth's library in a warm JVM | `berth runtime run` (fresh JVM) with and without AOT cache.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-30}
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
work=$(mktemp -d /tmp/berth-bench.XXXXXX)
trap 'rm -rf "$work"; rmdir /sys/fs/cgroup/*/berth-bench /sys/fs/cgroup/*/berth 2>/dev/null || true' EXIT
"$top/scripts/make-busybox-rootfs.sh" "$work/bundle/rootfs"
(cd "$work/bundle" && runc spec)
sed -i 's/"terminal": true/"terminal": false/; s/"sh"/"true"/' "$work/bundle/config.json"
[ -f "$top/berth-cli/target/berth-cli.aot" ] || "$top/scripts/build-aot-cache.sh" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, p90 %.1f ms (n=%d)\n", a[int((NR+1)/2)], a[int(NR*0.9)], NR}'; }
timeit() { # command... -> ms
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )) | awk '{print $1/1000}'
}
echo "== runc run (create+start+wait+delete)"
for i in $(seq 3); do runc --root "$work/runc" run -b "$work/bundle" w$i >/dev/null; done
for i in $(seq "$n"); do timeit runc --root "$work/runc" run -b "$work/bundle" r$i; done | median
echo "== Berth library, warm JVM"
"$java" --enable-native-access=ALL-UNNAMED -Dberth.helper="$top/berth-nsexec/target/native/berth-nsexec" \
  -cp "$top/berth-cli/target/lib/*" "$top/bench/RuntimeBench.java" "$work/bundle" "$n"
echo "== berth runtime run (fresh JVM, AOT cache)"
for i in $(seq "$n"); do timeit "$top/bin/berth" runtime --root "$work/berth" run -b "$work/bundle" c$i; done | median
echo "== berth runtime run (fresh JVM, no AOT cache)"
for i in $(seq "$n"); do BERTH_NO_AOT=1 timeit "$top/bin/berth" runtime --root "$work/berth" run -b "$work/bundle" n$i; done | median
