#!/bin/bash
# Captures what the layout readers parse from a real machine: a QEMU guest (Debian's kernel, UEFI
# via OVMF, this host's /usr and /etc over 9p) with an NVMe disk (GPT: ESP, BIOS boot, /boot, LVM
# PV for root/var/swap) and three SATA disks (MBR with extended/logical partitions, md RAID1
# /home, btrfs /srv with subvolumes, a swap partition, a VG "data" striped over a partition and a
# whole disk). The host kernel has no device-mapper and no md, hence the VM. The guest runs the
# very commands LayoutReader runs and indexes them (commands.txt) for the replay test.
# Usage: capture-vm.sh OUTDIR   (as root; takes a few minutes under TCG)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
out=$(readlink -f "${1:?usage: capture-vm.sh OUTDIR}")
mkdir -p "$out"
kroot=$("$here/../../../../../../test-images/fetch-kernel.sh")
kver=$(ls "$kroot/lib/modules")
work=$(mktemp -d /tmp/layout-vm.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The initramfs: busybox, the modules in load order (modprobe --show-depends), /init.
mkdir -p "$work/initrd/bin" "$work/initrd/mod" "$work/initrd/proc" "$work/initrd/sys" "$work/initrd/dev"
cp /usr/bin/busybox "$work/initrd/bin/busybox"
for m in virtio_pci 9p 9pnet_virtio nvme ahci sd_mod dm_mod raid1 crc32c_generic ext4 xfs vfat btrfs \
    efivarfs nls_cp437 nls_ascii; do
  modprobe -d "$kroot" -S "$kver" --show-depends "$m" | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
  cp "$ko" "$work/initrd/mod/"
  basename "$ko" >> "$work/initrd/mod/order"
done
cat > "$work/initrd/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $(cat /mod/order); do insmod /mod/$m 2>/dev/null; done
# A root of our own: the host's /usr (read-only), a copy of its /etc, and the shared out directory.
mkdir -p /r; mount -t tmpfs -o mode=755 root /r
mkdir -p /r/usr /r/hostetc /r/out /r/dev /r/proc /r/sys /r/run /r/tmp /r/var/tmp /r/mnt
for l in bin sbin lib lib64; do ln -s usr/$l /r/$l; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro usr /r/usr
mount -t 9p -o trans=virtio,version=9p2000.L,ro etc /r/hostetc
mount -t 9p -o trans=virtio,version=9p2000.L out /r/out
cp -a /r/hostetc /r/etc; umount /r/hostetc; rmdir /r/hostetc
mount --move /dev /r/dev; mount --move /proc /r/proc; mount --move /sys /r/sys
mount -t efivarfs efivarfs /r/sys/firmware/efi/efivars
hostname mondo-vm
chroot /r /bin/bash /out/guest-setup.sh > /r/out/guest.log 2>&1 && echo GUEST-OK || echo GUEST-FAILED
sync
poweroff -f
EOF
chmod +x "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"

cp "$here/guest-setup.sh" "$here/guest-capture.sh" "$out/"
truncate -s 3G "$work/nvme.img"
truncate -s 1G "$work/sata0.img" "$work/sata1.img"
truncate -s 512M "$work/sata2.img"
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
timeout 1500 qemu-system-x86_64 -M q35 -accel tcg -cpu max -m 1536 -smp 2 -nographic -no-reboot \
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
  -drive if=pflash,format=raw,file="$work/vars.fd" \
  -kernel "$kroot/boot/vmlinuz-$kver" -initrd "$work/initrd.gz" -append "console=ttyS0 panic=-1 quiet" \
  -fsdev local,id=usr,path=/usr,security_model=none,readonly=on -device virtio-9p-pci,fsdev=usr,mount_tag=usr \
  -fsdev local,id=etc,path=/etc,security_model=none,readonly=on -device virtio-9p-pci,fsdev=etc,mount_tag=etc \
  -fsdev local,id=out,path="$out",security_model=none -device virtio-9p-pci,fsdev=out,mount_tag=out \
  -drive file="$work/nvme.img",if=none,id=nv0,format=raw \
  -device nvme,serial=MONDO0NVME0001,drive=nv0 \
  -drive file="$work/sata0.img",if=none,id=s0,format=raw -device ide-hd,drive=s0,bus=ide.0,serial=MONDO-SATA-0 \
  -drive file="$work/sata1.img",if=none,id=s1,format=raw -device ide-hd,drive=s1,bus=ide.1,serial=MONDO-SATA-1 \
  -drive file="$work/sata2.img",if=none,id=s2,format=raw -device ide-hd,drive=s2,bus=ide.2,serial=MONDO-SATA-2 \
  > "$work/console.log" 2>&1 || true
grep -q GUEST-OK "$work/console.log" || { tail -40 "$work/console.log"; tail -40 "$out/guest.log"; exit 1; }
rm -f "$out/guest-setup.sh" "$out/guest-capture.sh"

# The sectors the partition-table readers need, taken from the images after the guest shut down.
python3 "$here/dump-sectors.py" gpt "$work/nvme.img" > "$out/sectors-nvme0n1.txt"
python3 "$here/dump-sectors.py" mbr "$work/sata0.img" > "$out/sectors-sda.txt"
python3 "$here/dump-sectors.py" mbr "$work/sata1.img" > "$out/sectors-sdb.txt"
python3 "$here/dump-sectors.py" mbr "$work/sata2.img" > "$out/sectors-sdc.txt"
echo "captured into $out"
