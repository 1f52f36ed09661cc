#!/bin/bash
# Makes, on the host, the initramfs of a layout whose /etc changes what goes into it (the RAID1's
# mdadm.conf): unpacks the Debian tree (make-rootfs.sh), puts in the given files, runs
# update-initramfs in a chroot and copies /boot/initrd.img-* out. 30 s here; the same inside the TCG
# build VM takes 15 minutes or more.
# Usage: host-initramfs.sh ROOTFS.tar.zst OUT.img FILE:PATH-IN-TREE...
set -euo pipefail
tarball=$1 out=$2
shift 2
tree=$(mktemp -d /var/tmp/host-initramfs.XXXXXX)
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf "$tree"
}
trap cleanup EXIT
zstd -dc "$tarball" | tar -C "$tree" --numeric-owner -xpf -
for f in "$@"; do
  install -D -m 644 "${f%%:*}" "$tree/${f#*:}"
done
mount -t proc proc "$tree/proc"; mounted+=("$tree/proc")
mount -t sysfs sys "$tree/sys"; mounted+=("$tree/sys")
mount --bind /dev "$tree/dev"; mounted+=("$tree/dev")
chroot "$tree" update-initramfs -u -k all >&2
cp "$tree"/boot/initrd.img-* "$out"
