#!/bin/sh
# Makes Berth's built-in busybox:latest as a one-layer docker-archive (what `docker save` 20.10 writes),
# reproducibly: the rootfs of make-busybox-rootfs.sh, its layer tar sorted by name with fixed mtimes and
# numeric owner 0:0, a fixed creation time, and an outer tar made the same way. The same /bin/busybox
# gives the same bytes. Usage: make-busybox-image.sh OUT.tar
set -eu
[ $# -eq 1 ] || { echo "usage: make-busybox-image.sh OUT.tar" >&2; exit 2; }
out=$1
here=$(dirname "$(readlink -f "$0")")
umask 022
export LC_ALL=C TZ=UTC

# 2024-01-01T00:00:00Z: the image's "created" and every mtime in both tars.
epoch=1704067200
created=2024-01-01T00:00:00Z

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-busybox-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$here/make-busybox-rootfs.sh" "$work/rootfs" || {
  echo "make-busybox-image: cannot build the busybox rootfs (see above); install busybox-static" >&2
  exit 1
}

# Entries named "bin/sh", not "./bin/sh", and no entry for the root itself, as Docker writes them.
reproducible_tar() { # DIR OUT
  (cd "$1" && ls -A | tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --no-recursion -T /dev/null -cf - --recursion -T -) >"$2"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

arch=$work/archive
mkdir "$arch"
reproducible_tar "$work/rootfs" "$work/layer.tar"
diff_id=$(sha "$work/layer.tar")

printf '{"architecture":"amd64","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"created":"%s","history":[{"created":"%s","created_by":"/bin/sh -c #(nop) ADD file:busybox-static in / "},{"created":"%s","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$created" "$created" "$created" "$diff_id" >"$work/config.json"
config_id=$(sha "$work/config.json")
# The legacy layer id only has to be stable and unique to this layer and config.
layer_id=$(printf '%s %s' "$diff_id" "$config_id" | sha256sum | cut -d' ' -f1)

mkdir "$arch/$layer_id"
printf '1.0' >"$arch/$layer_id/VERSION"
printf '{"id":"%s","created":"%s","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"architecture":"amd64","os":"linux"}' \
  "$layer_id" "$created" >"$arch/$layer_id/json"
mv "$work/layer.tar" "$arch/$layer_id/layer.tar"
mv "$work/config.json" "$arch/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["busybox:latest"],"Layers":["%s/layer.tar"]}]\n' "$config_id" "$layer_id" >"$arch/manifest.json"
printf '{"busybox":{"latest":"%s"}}\n' "$layer_id" >"$arch/repositories"

mkdir -p "$(dirname "$out")"
reproducible_tar "$arch" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "make-busybox-image: $out (busybox:latest, image id sha256:$config_id)"
