#!/bin/bash
# Runs a script as root inside a throwaway QEMU VM that has what this host's kernel lacks (md,
# device-mapper, iso9660, ...): Debian's kernel (fetch-kernel.sh) with all its modules, a busybox
# initramfs, and a root made of this host's /usr (read-only, 9p), a copy of its /etc and tmpfs, with
# udev running. Disks given with --disk are attached on the bus chosen; a work directory can be shared.
#
# Usage: host-vm.sh [OPTIONS] SCRIPT [ARGS...]
#   --disk FILE[:BUS]   attach a disk image (raw, or qcow2 if named *.qcow2); repeat for more. BUS is
#                       virtio (/dev/vdX), sata (/dev/sdX, AHCI) or nvme (/dev/nvmeNn1, one controller
#                       per disk); default --bus. Serial numbers MONDO-DISK-0, -1, ... (/dev/disk/by-id).
#   --bus BUS           default bus of the disks (virtio)
#   --firmware F        bios (SeaBIOS, default) or uefi (OVMF; efivarfs is mounted, efibootmgr works)
#   --vars FILE         UEFI variables: used and updated in place (created from OVMF_VARS_4M.fd if
#                       missing); default a temporary copy
#   --share DIR         shared read-write at /share in the guest (9p); SCRIPT runs with it as cwd
#   --log FILE          serial console transcript (default: a temporary file, shown on failure)
#   --mem MB            guest memory (2048)         --smp N     guest CPUs (2)
#   --timeout SEC       kill the VM after SEC seconds (1800); the exit status is then 124
#   --append ARGS       more kernel command line arguments
#   --verbose           copy the serial console to stderr while it runs
# SCRIPT (any executable file; copied into the VM) runs as root with PATH=/usr/sbin:/usr/bin, in a
# chroot whose / is tmpfs; /usr is read-only. Its stdout/stderr go to the serial console. The exit
# status of host-vm.sh is SCRIPT's, or 124 (timeout) or 125 (the VM never ran it).
# Environment: MONDO_QEMU_ACCEL (tcg, default, or kvm), MONDO_TEST_CACHE (/var/cache/mondo-test).
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")

disks=() bus=virtio firmware=bios vars= share= log= mem=2048 smp=2 timeout=1800 append= verbose=
while [ $# -gt 0 ]; do
  case $1 in
    --disk) disks+=("$2"); shift 2 ;;
    --bus) bus=$2; shift 2 ;;
    --firmware) firmware=$2; shift 2 ;;
    --vars) vars=$2; shift 2 ;;
    --share) share=$(readlink -f "$2"); shift 2 ;;
    --log) log=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --smp) smp=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --verbose) verbose=1; shift ;;
    --) shift; break ;;
    -*) echo "host-vm: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    *) break ;;
  esac
done
script=${1:?usage: host-vm.sh [OPTIONS] SCRIPT [ARGS...]}
shift
[ -f "$script" ] || { echo "host-vm: no script $script" >&2; exit 2; }
case $firmware in bios|uefi) ;; *) echo "host-vm: --firmware bios|uefi" >&2; exit 2 ;; esac
[ -z "$share" ] || [ -d "$share" ] || { echo "host-vm: no directory $share" >&2; exit 2; }

kroot=$("$here/fetch-kernel.sh" "${MONDO_TEST_CACHE:-/var/cache/mondo-test}")
kver=$(ls "$kroot/lib/modules")
work=$(mktemp -d /tmp/host-vm.XXXXXX)
qpid=
cleanup() {
  if [ -n "$qpid" ]; then kill "$qpid" 2>/dev/null || true; wait "$qpid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The initramfs: busybox, the modules needed before the root exists plus those the kernel would
# request_module() (md personalities, dm targets, file systems): its usermode helper runs in the
# initramfs, not in the chroot where /lib/modules is. Everything else udev or modprobe load.
mkdir -p "$work/initrd/bin" "$work/initrd/mod" "$work/initrd/proc" "$work/initrd/sys" "$work/initrd/dev" "$work/ctl"
cp /usr/bin/busybox "$work/initrd/bin/busybox"
# The kernel's request_module() runs /sbin/modprobe in the initramfs: send it to the chroot's.
mkdir -p "$work/initrd/sbin"
printf '#!/bin/busybox sh\nexec /bin/busybox chroot /r /usr/sbin/modprobe "$@"\n' > "$work/initrd/sbin/modprobe"
chmod 755 "$work/initrd/sbin/modprobe"
for m in virtio_pci virtio_blk virtio_scsi 9p 9pnet_virtio nvme ahci sd_mod sr_mod loop \
    md_mod linear raid0 raid1 raid10 raid456 dm_mod dm_snapshot dm_mirror dm_zero dm_raid dm_thin_pool \
    dm_crypt ext4 xfs vfat btrfs isofs udf overlay squashfs efivarfs nls_cp437 nls_ascii nls_utf8 \
    crc32c_generic; do
  modprobe -d "$kroot" -S "$kver" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
  cp "$ko" "$work/initrd/mod/"
  basename "$ko" >> "$work/initrd/mod/order"
done
cat > "$work/initrd/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $(cat /mod/order); do insmod /mod/$m 2>/dev/null; done
p9() { mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,$3 "$1" "$2"; }
# The root: tmpfs with the host's /usr, a copy of its /etc, the kernel's modules, the control share.
mkdir -p /r; mount -t tmpfs -o mode=755 root /r
mkdir -p /r/usr /r/hostetc /r/lib /r/host-vm /r/dev /r/proc /r/sys /r/run /r/tmp /r/var/tmp /r/mnt /r/root /r/share
chmod 1777 /r/tmp /r/var/tmp
p9 usr /r/usr ro,cache=loose
p9 etc /r/hostetc ro
p9 ctl /r/host-vm rw
cp -a /r/hostetc /r/etc; umount /r/hostetc; rmdir /r/hostetc
# /lib is /usr/lib but for modules/, the guest kernel's (kmod looks in /lib/modules).
for e in /r/usr/lib/* /r/usr/lib/.[!.]*; do [ -e "$e" ] && ln -s "/usr/lib/${e##*/}" "/r/lib/${e##*/}"; done
rm -f /r/lib/modules; mkdir /r/lib/modules
p9 modules /r/lib/modules ro,cache=loose
for l in bin sbin lib64 libx32 lib32; do [ -e /r/usr/$l ] && ln -s usr/$l /r/$l; done
grep -q share /r/host-vm/tags && p9 share /r/share rw
mount --move /dev /r/dev; mount --move /proc /r/proc; mount --move /sys /r/sys
mkdir -p /r/dev/pts /r/dev/shm; mount -t devpts devpts /r/dev/pts; mount -t tmpfs shm /r/dev/shm
[ -d /r/sys/firmware/efi ] && mount -t efivarfs efivarfs /r/sys/firmware/efi/efivars
hostname host-vm
chroot /r /bin/bash /host-vm/run
echo "HOST-VM-RC=$(cat /r/host-vm/rc 2>/dev/null)"
sync
poweroff -f
EOF
chmod +x "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"

# The control share: the script, its arguments, the runner (udev first, as on a real machine).
cp "$script" "$work/ctl/script"
chmod 755 "$work/ctl/script"
: > "$work/ctl/args"
for a in "$@"; do printf '%s\0' "$a" >> "$work/ctl/args"; done
echo "${share:+share}" > "$work/ctl/tags"
cat > "$work/ctl/run" <<'EOF'
export PATH=/usr/sbin:/usr/bin HOME=/root LC_ALL=C.UTF-8 LVM_SUPPRESS_FD_WARNINGS=1 TERM=dumb
# systemd tools (udevadm trigger, settle) do nothing in a chroot unless told to.
export SYSTEMD_IGNORE_CHROOT=1
mkdir -p /run/lock/lvm /run/lvm /run/mdadm /run/udev
/usr/lib/systemd/systemd-udevd --daemon --resolve-names=never 2>/dev/null
udevadm trigger --action=add --type=subsystems
udevadm trigger --action=add --type=devices
udevadm settle --timeout=60
cd /share
echo HOST-VM-SCRIPT-START
mapfile -d '' args < /host-vm/args
/host-vm/script "${args[@]}" < /dev/null
echo $? > /host-vm/rc
cd /
udevadm control --exit 2>/dev/null
sync
EOF

args=(-M q35 -accel "${MONDO_QEMU_ACCEL:-tcg}" -cpu max -m "$mem" -smp "$smp" -nographic -no-reboot
  -kernel "$kroot/boot/vmlinuz-$kver" -initrd "$work/initrd.gz"
  -append "console=ttyS0,115200 panic=-1 loglevel=4 $append"
  -fsdev "local,id=usr,path=/usr,security_model=none,readonly=on" -device virtio-9p-pci,fsdev=usr,mount_tag=usr
  -fsdev "local,id=etc,path=/etc,security_model=none,readonly=on" -device virtio-9p-pci,fsdev=etc,mount_tag=etc
  -fsdev "local,id=modules,path=$kroot/lib/modules,security_model=none,readonly=on"
  -device virtio-9p-pci,fsdev=modules,mount_tag=modules
  -fsdev "local,id=ctl,path=$work/ctl,security_model=none" -device virtio-9p-pci,fsdev=ctl,mount_tag=ctl)
[ -n "$share" ] && args+=(-fsdev "local,id=share,path=$share,security_model=none"
  -device virtio-9p-pci,fsdev=share,mount_tag=share)
if [ "$firmware" = uefi ]; then
  code=/usr/share/OVMF/OVMF_CODE_4M.fd
  if [ -z "$vars" ]; then vars=$work/vars.fd; fi
  [ -f "$vars" ] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"
  args+=(-drive "if=pflash,format=raw,readonly=on,file=$code" -drive "if=pflash,format=raw,file=$vars")
fi
n=0 sata=0
for d in "${disks[@]}"; do
  file=$d b=$bus
  case $d in *:virtio|*:sata|*:nvme) file=${d%:*} b=${d##*:} ;; esac
  [ -f "$file" ] || { echo "host-vm: no disk image $file" >&2; exit 2; }
  fmt=raw; case $file in *.qcow2) fmt=qcow2 ;; esac
  args+=(-drive "file=$file,if=none,id=d$n,format=$fmt,cache=unsafe")
  case $b in
    virtio) args+=(-device "virtio-blk-pci,drive=d$n,serial=MONDO-DISK-$n") ;;
    sata) args+=(-device "ide-hd,drive=d$n,bus=ide.$sata,serial=MONDO-DISK-$n"); sata=$((sata + 1)) ;;
    nvme) args+=(-device "nvme,drive=d$n,serial=MONDO-DISK-$n") ;;
    *) echo "host-vm: bus $b: virtio, sata or nvme" >&2; exit 2 ;;
  esac
  n=$((n + 1))
done
[ -n "$log" ] || log=$work/serial.log
: > "$log"
if [ -n "$verbose" ]; then
  timeout --kill-after=10 "$timeout" qemu-system-x86_64 "${args[@]}" < /dev/null > >(tee "$log" >&2) 2>&1 &
else
  timeout --kill-after=10 "$timeout" qemu-system-x86_64 "${args[@]}" < /dev/null > "$log" 2>&1 &
fi
qpid=$!
qrc=0
wait "$qpid" || qrc=$?
qpid=
if [ -s "$work/ctl/rc" ]; then
  rc=$(cat "$work/ctl/rc")
elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
  echo "host-vm: timed out after $timeout s" >&2
  rc=124
else
  rc=125
fi
if [ "$rc" != 0 ] && [ -z "$verbose" ]; then
  echo "host-vm: exit status $rc; the end of the serial console ($log):" >&2
  tail -40 "$log" >&2
fi
exit "$rc"
