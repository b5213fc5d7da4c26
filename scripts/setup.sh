#!/bin/sh
# Berth on a fresh Debian 12 machine, as root: installs what is needed, builds, installs berth and
# berthd on PATH, and runs a container from the built-in busybox rootfs.
#   scripts/setup.sh            everything
#   scripts/setup.sh --deps     only the Debian packages (what .ci/run needs before the tests)
set -eu
cd "$(dirname "$(readlink -f "$0")")/.."
export DEBIAN_FRONTEND=noninteractive

need="busybox-static iproute2 nftables iptables runc gcc make libc6-dev maven file python3 skopeo docker.io python3-docker docker-compose"
missing=""
for p in $need; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
fi
jdk=""
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
  if [ -x "$j/bin/javac" ] && "$j/bin/java" -version 2>&1 | grep -q 'version "25'; then jdk=$j; break; fi
done
if [ -z "$jdk" ]; then
  echo "setup: Berth needs a Java 25 JDK under /usr/lib/jvm (e.g. Temurin 25); none was found" >&2
  exit 1
fi
[ "${1:-}" = "--deps" ] && exit 0

mvn -B -q -DskipTests -Djdk25.home="$jdk" package
prefix=/usr/local/lib/berth
rm -rf "$prefix"
mkdir -p "$prefix/lib" "$prefix/libexec" "$prefix/bin"
# The two apps share most jars: copy one set, then the other's extras.
cp -f berth-cli/target/lib/*.jar "$prefix/lib/"
cp -f berth-daemon/target/lib/*.jar "$prefix/lib/"
cp berth-cli/target/berth-cli.jar berth-daemon/target/berth-daemon.jar berth-image/target/busybox-image.tar "$prefix/lib/"
install -m 0755 berth-nsexec/target/native/berth-nsexec "$prefix/libexec/berth-nsexec"
install -m 0755 bin/berth-launch bin/berth bin/berthd "$prefix/bin/"
ln -sf "$prefix/bin/berth" /usr/local/bin/berth
ln -sf "$prefix/bin/berthd" /usr/local/bin/berthd
scripts/build-aot-cache.sh "$prefix" >/dev/null 2>&1 || echo "setup: no AOT cache (berth still works, starts slower)" >&2

# A container from the built-in busybox rootfs.
bundle=$(mktemp -d /tmp/berth-hello.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
scripts/make-busybox-rootfs.sh "$bundle/rootfs"
(cd "$bundle" && berth runtime spec)
sed -i 's/"terminal" : true/"terminal" : false/; s/"args" : \[ "sh" \]/"args" : [ "echo", "Hello from a Berth container!" ]/' "$bundle/config.json"
berth runtime run -b "$bundle" "hello-$$"

# And through the daemon, as a Docker user would: start berthd unless one answers, then `berth run`.
if ! berth version >/dev/null 2>&1; then
  mkdir -p /var/log
  nohup berthd >/var/log/berthd.log 2>&1 &
  for _ in $(seq 100); do [ -S /run/berth/berth.sock ] && berth version >/dev/null 2>&1 && break; sleep 0.1; done
fi
berth run --rm busybox echo "Hello from berthd!"
