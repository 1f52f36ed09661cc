#!/bin/bash
# Builds the root file system the source machines share, on the host: debootstrap Debian 12 (minbase),
# then apt-get in a chroot for the packages of a small server that can also build Mondo's boot media.
# Writes OUT.tar.zst (numeric owners, xattrs, ACLs), OUT.kver (the kernel version) and, in the tree
# under /var/cache/mondo-test-debs, the .debs of grub-pc and grub-efi-amd64 (they conflict, so the
# layout picks one when the disks are made). Run by build-source-vm.sh; needs root, debootstrap, zstd.
# Usage: make-rootfs.sh OUT   (OUT without extension; temporary tree in OUT.tree, removed)
set -euo pipefail
out=${1:?usage: make-rootfs.sh OUT}
mirror=${MONDO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
tree=$out.tree
# A systemd machine that boots from its own disks (BIOS or UEFI, md, LVM), plus what mindi needs to
# build boot media in the guest. grub-pc / grub-efi-amd64 come per layout (see guest-build.sh).
packages="systemd-sysv udev kmod linux-image-amd64 initramfs-tools zstd \
  grub2-common grub-pc-bin grub-efi-amd64-bin efibootmgr \
  lvm2 mdadm xfsprogs e2fsprogs dosfstools btrfs-progs parted fdisk \
  acl attr libcap2-bin procps less ucf \
  xorriso busybox-static isolinux syslinux-common mtools cpio gzip xz-utils bzip2"

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf "$tree" "$out.tar.zst.tmp" "$out.kver.tmp"
}
trap cleanup EXIT
rm -rf "$tree"
mkdir -p "$tree"
debootstrap --variant=minbase --include=ca-certificates bookworm "$tree" "$mirror" >&2
for m in proc sys dev dev/pts; do
  case $m in
    proc) mount -t proc proc "$tree/proc" ;;
    sys) mount -t sysfs sys "$tree/sys" ;;
    dev) mount --bind /dev "$tree/dev" ;;
    dev/pts) mount -t devpts devpts "$tree/dev/pts" ;;
  esac
  mounted+=("$tree/$m")
done
cat > "$tree/etc/apt/sources.list" <<SRC
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SRC
# No daemons start inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$tree/usr/sbin/policy-rc.d"
chmod 755 "$tree/usr/sbin/policy-rc.d"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
chroot "$tree" apt-get update -qq >&2
chroot "$tree" apt-get -y -qq -o Dpkg::Use-Pty=0 dist-upgrade >&2
chroot "$tree" apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends $packages >&2
mkdir -p "$tree/var/cache/mondo-test-debs"
(cd "$tree/var/cache/mondo-test-debs" && chroot "$tree" sh -c \
  'cd /var/cache/mondo-test-debs && apt-get download -qq grub-pc grub-efi-amd64' >&2)
chroot "$tree" apt-get clean
rm -rf "$tree"/var/lib/apt/lists/* "$tree/usr/sbin/policy-rc.d"
ls "$tree/lib/modules" > "$out.kver.tmp"
[ "$(wc -l < "$out.kver.tmp")" = 1 ] || { echo "make-rootfs: not one kernel in the tree" >&2; exit 1; }

# Only what any layout wants; guest-build.sh adds the rest (fstab, GRUB, the job unit, test data).
: > "$tree/etc/machine-id"
rm -f "$tree/var/lib/dbus/machine-id"
echo 'root:mondo' | chroot "$tree" chpasswd
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$tree/etc/hosts"

for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}"; done
mounted=()
tar -C "$tree" --numeric-owner --xattrs --xattrs-include='*' --acls -cf - . | zstd -q -T0 -3 > "$out.tar.zst.tmp"
mv "$out.kver.tmp" "$out.kver"
mv "$out.tar.zst.tmp" "$out.tar.zst"
