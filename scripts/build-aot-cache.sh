#!/bin/sh
# Builds the CLI's AOT cache (JEP 483/514) with a training run, beside its jars: the CLI then starts
# with classes already loaded and linked. Usage: build-aot-cache.sh [INSTALL_PREFIX]
set -eu
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
prefix=${1:-}
if [ -n "$prefix" ]; then launch="$prefix/bin/berth-launch"; out="$prefix/lib/berth-cli.aot"; else launch="$top/bin/berth-launch"; out="$top/berth-cli/target/berth-cli.aot"; fi
bundle=$(mktemp -d /tmp/berth-aot.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
"$top/scripts/make-busybox-rootfs.sh" "$bundle/rootfs"
rm -f "$out"
BERTH_NO_AOT=1 "$launch" berth-cli dev.berth.cli.Main runtime spec -b "$bundle"
sed -i 's/"terminal" : true/"terminal" : false/; s/"args" : \[ "sh" \]/"args" : [ "true" ]/' "$bundle/config.json"
# AotTraining walks the docker-style command paths (against BERTH_HOST/DOCKER_HOST when one answers,
# changing nothing), then runs its arguments: a `runtime run` of the bundle.
BERTH_NO_AOT=1 BERTH_JAVA_OPTS="-XX:AOTCacheOutput=$out" "$launch" berth-cli dev.berth.cli.docker.AotTraining runtime --root "$bundle/state" run -b "$bundle" aot-training
echo "$out"
