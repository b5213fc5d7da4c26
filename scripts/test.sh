#!/bin/sh
# The whole test suite: fast unit tests (surefire, *Test) and the root/kernel tests (failsafe, *IT).
set -eu
cd "$(dirname "$(readlink -f "$0")")/.."
if [ "$(id -u)" != 0 ]; then echo "test: the kernel tests need root" >&2; exit 1; fi
exec mvn -B verify "$@"
