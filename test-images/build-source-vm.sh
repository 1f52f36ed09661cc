#!/bin/bash
# Builds (once) the disk images of a source machine of the bare-metal end-to-end tests and prints
# the directory holding them: a small Debian 12 server (systemd, GRUB, the JDK 25 of this host in
# /usr/lib/jvm/temurin-25-jdk-amd64, Mondo's test data and its manifest, the job unit) in LAYOUT:
#   bios-mbr      BIOS, MBR: ext4 root, swap partition                       (1 virtio disk)
#   bios-gpt-lvm  BIOS, GPT with a BIOS boot partition: ext4 /boot, VG vg0 with root (ext4),
#                 var (xfs) and swap                                          (1 SATA disk)
#   uefi-raid1    UEFI (OVMF), GPT: ESP (vfat) on each disk, md RAID1 /dev/md/root (ext4 root)
#                                                                             (2 NVMe disks)
# The directory: disk0.img [disk1.img] (raw, sparse, 3 GiB each), vars.fd (UEFI), vm.conf,
# manifest (of the test data), lsblk.txt, build-serial.log. It is
# $MONDO_TEST_CACHE/source-vm/LAYOUT-HASH (default /var/cache/mondo-test), HASH covering every file
# that shapes the image and the JDK's release file; it appears complete or not at all, and a second
# call returns it at once. Older hashes of LAYOUT are removed. The Debian root file system
# (make-rootfs.sh) is cached beside it as rootfs-HASH.tar.zst. Builds are serialized (flock).
# The Mondo build is not in the image: see stage-mondo.sh and install-mondo.sh.
# Usage: build-source-vm.sh LAYOUT     (root; about 10 minutes the first time under TCG)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
layout=${1:?usage: build-source-vm.sh bios-mbr|bios-gpt-lvm|uefi-raid1}
case $layout in
  bios-mbr) firmware=bios bus=virtio ndisks=1 ;;
  bios-gpt-lvm) firmware=bios bus=sata ndisks=1 ;;
  uefi-raid1) firmware=uefi bus=nvme ndisks=2 ;;
  *) echo "build-source-vm: LAYOUT is bios-mbr, bios-gpt-lvm or uefi-raid1" >&2; exit 2 ;;
esac
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -f "$jdk/release" ] || { echo "build-source-vm: no JDK 25 in $jdk" >&2; exit 1; }
base=${MONDO_TEST_CACHE:-/var/cache/mondo-test}/source-vm
rootfs_files=("$here/source-vm/make-rootfs.sh")
make_tree=$here/../restore/src/test/resources/fidelity/make-tree.sh
files=("$here/build-source-vm.sh" "$here/host-vm.sh" "$here/fetch-kernel.sh" "$here/make-testdata.sh" "$make_tree"
  "$here/manifest.sh" "$here/check-manifest.sh" "$here/install-mondo.sh" "$here/source-vm/guest-build.sh"
  "$here/source-vm/mondo-test-job" "$here/source-vm/mondo-test-job.service" "$here/source-vm/host-initramfs.sh"
  "${rootfs_files[@]}" "$jdk/release")
hash=$( { echo "$layout"; for f in "${files[@]}"; do sha256sum < "$f"; done; } | sha256sum | cut -c1-16)
dir=$base/$layout-$hash
if [ -f "$dir/vm.conf" ]; then echo "$dir"; exit 0; fi

mkdir -p "$base"
exec 9> "$base/.lock"
flock 9
if [ -f "$dir/vm.conf" ]; then echo "$dir"; exit 0; fi
start=$(date +%s)

# The Debian tree, shared by the layouts.
rhash=$( { echo "${MONDO_DEBIAN_MIRROR:-}"; for f in "${rootfs_files[@]}"; do sha256sum < "$f"; done; } | sha256sum | cut -c1-16)
rootfs=$base/rootfs-$rhash
if [ ! -f "$rootfs.tar.zst" ]; then
  echo "build-source-vm: debootstrap (rootfs-$rhash)" >&2
  "$here/source-vm/make-rootfs.sh" "$rootfs" > "$base/rootfs-$rhash.log" 2>&1 || {
    tail -30 "$base/rootfs-$rhash.log" >&2; echo "build-source-vm: make-rootfs.sh failed ($base/rootfs-$rhash.log)" >&2; exit 1; }
  for old in "$base"/rootfs-*.tar.zst; do
    [ "$old" = "$rootfs.tar.zst" ] || rm -f "$old" "${old%.tar.zst}.kver" "${old%.tar.zst}.log"
  done
fi

tmp=$base/.build-$layout-$hash.$$
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/files"
cp "$here/make-testdata.sh" "$make_tree" "$here/manifest.sh" "$here/check-manifest.sh" "$here/install-mondo.sh" \
  "$here/source-vm/mondo-test-job" "$here/source-vm/mondo-test-job.service" "$tmp/files/"
ln "$rootfs.tar.zst" "$tmp/rootfs.tar.zst" 2>/dev/null || cp "$rootfs.tar.zst" "$tmp/rootfs.tar.zst"
if [ "$layout" = uefi-raid1 ]; then
  # The array's UUID is chosen here, so that its mdadm.conf and the initramfs holding it are made on
  # the host: update-initramfs under TCG takes a quarter of an hour.
  uuid=$(od -An -tx4 -N16 /dev/urandom | tr -d ' \n' | sed 's/\(.\{8\}\)/\1:/g; s/:$//')
  echo "$uuid" > "$tmp/files/md-uuid"
  { echo "HOMEHOST <system>"; echo "MAILADDR root"
    echo "ARRAY /dev/md/root metadata=1.2 UUID=$uuid name=mondo-$layout:root"; } > "$tmp/files/mdadm.conf"
  echo "build-source-vm: the initramfs with mdadm.conf" >&2
  "$here/source-vm/host-initramfs.sh" "$rootfs.tar.zst" "$tmp/files/initrd.img" \
    "$tmp/files/mdadm.conf:etc/mdadm/mdadm.conf" 2> "$tmp/initramfs.log" || {
    cat "$tmp/initramfs.log" >&2; echo "build-source-vm: host-initramfs.sh failed" >&2; exit 1; }
  rm -f "$tmp/initramfs.log"
fi
disks=() names=()
for ((i = 0; i < ndisks; i++)); do
  truncate -s 3G "$tmp/disk$i.img"
  disks+=(--disk "$tmp/disk$i.img")
  names+=("disk$i.img")
done
uefi=()
[ "$firmware" = uefi ] && uefi=(--firmware uefi --vars "$tmp/vars.fd")
echo "build-source-vm: building $layout in a VM (log: $tmp/build-serial.log)" >&2
rc=0
"$here/host-vm.sh" --bus "$bus" "${disks[@]}" "${uefi[@]}" --share "$tmp" --log "$tmp/build-serial.log" \
  --timeout 3600 "$here/source-vm/guest-build.sh" "$layout" || rc=$?
if [ "$rc" != 0 ]; then
  mkdir -p "$base/failed"
  cp "$tmp/build-serial.log" "$base/failed/$layout-build-serial.log" 2>/dev/null || true
  echo "build-source-vm: the build VM failed ($rc); its log: $base/failed/$layout-build-serial.log" >&2
  exit 1
fi
rm -rf "$tmp/files" "$tmp/rootfs.tar.zst"
cat > "$tmp/vm.conf" <<CONF
# Source machine $layout, made by test-images/build-source-vm.sh (shell syntax, one KEY=value a line).
layout=$layout
firmware=$firmware
bus=$bus
disks="${names[*]}"
vars=$([ "$firmware" = uefi ] && echo vars.fd)
kernel=$(cat "$tmp/kernel-version")
hostname=mondo-$layout
memory_mb=2048
build_seconds=$(($(date +%s) - start))
CONF
rm -f "$tmp/kernel-version"
mv "$tmp" "$dir"
for old in "$base/$layout"-*; do
  [ "$old" = "$dir" ] || rm -rf "$old"
done
echo "$dir"
