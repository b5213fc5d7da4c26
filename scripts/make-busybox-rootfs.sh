#!/bin/sh
# Makes a busybox rootfs from Debian's busybox-static: the static binary, its applet links,
# /tmp 1777, /etc/passwd and /etc/group with root and nobody. Usage: make-busybox-rootfs.sh DIR
set -eu
dir=$1
bb=/bin/busybox
[ -x "$bb" ] || { echo "make-busybox-rootfs: $bb is missing (apt-get install busybox-static)" >&2; exit 1; }
file -L "$bb" 2>/dev/null | grep -q 'dynamically linked' && { echo "make-busybox-rootfs: $bb is not static" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/root" "$dir/dev" "$dir/proc" "$dir/sys" "$dir/usr/bin" "$dir/usr/sbin" "$dir/sbin" "$dir/home"
chmod 1777 "$dir/tmp"
chmod 700 "$dir/root"
cp "$bb" "$dir/bin/busybox"
for a in $("$dir/bin/busybox" --list-full); do
  [ -e "$dir/$a" ] || ln -s /bin/busybox "$dir/$a"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$dir/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
