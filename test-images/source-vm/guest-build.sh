#!/bin/bash
# Runs inside host-vm.sh (cwd /share = the build directory of build-source-vm.sh): makes the disks
# of one source machine LAYOUT from rootfs.tar.zst (make-rootfs.sh), the host's JDK 25 and files/
# (this directory and the test-images scripts): partitions, md/LVM, file systems, fstab by UUID,
# GRUB (BIOS or UEFI), the initramfs, the job unit, the test data and its manifest (./manifest).
# Disks are found by their serial numbers MONDO-DISK-0, -1 (host-vm.sh gives them).
# Usage (in the VM): guest-build.sh LAYOUT
PS4='+ [$SECONDS s] '
set -euxo pipefail
layout=$1
host=mondo-$layout
export DEBIAN_FRONTEND=noninteractive
disk() { lsblk -dn -o NAME,SERIAL | awk -v s="MONDO-DISK-$1" '$2 == s {print "/dev/" $1}'; }
part() { case $1 in *[0-9]) echo "$1p$2" ;; *) echo "$1$2" ;; esac; }
uuid() { blkid -s UUID -o value "$1"; }
d0=$(disk 0)
[ -b "$d0" ]
mkdir -p /target
: > fstab
case $layout in
  bios-mbr)
    sfdisk -q "$d0" <<'PT'
label: dos
start=2048, size=2560MiB, type=83, bootable
type=82
PT
    udevadm settle
    mkfs.ext4 -q -L root "$(part "$d0" 1)"
    mkswap -L swap "$(part "$d0" 2)"
    mount "$(part "$d0" 1)" /target
    echo "UUID=$(uuid "$(part "$d0" 1)") / ext4 errors=remount-ro 0 1" >> fstab
    echo "UUID=$(uuid "$(part "$d0" 2)") none swap sw 0 0" >> fstab
    grub=pc
    ;;
  bios-gpt-lvm)
    sfdisk -q "$d0" <<'PT'
label: gpt
start=2048, size=1MiB, type=21686148-6449-6E6F-744E-656564454649, name="bios"
size=300MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="boot"
type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="lvm"
PT
    udevadm settle
    lvm pvcreate -ff -y "$(part "$d0" 3)"
    lvm vgcreate vg0 "$(part "$d0" 3)"
    lvm lvcreate -y -L 1900M -n root vg0
    lvm lvcreate -y -L 512M -n var vg0
    lvm lvcreate -y -L 256M -n swap vg0
    udevadm settle
    mkfs.ext4 -q -L boot "$(part "$d0" 2)"
    mkfs.ext4 -q -L root /dev/vg0/root
    mkfs.xfs -q -L var /dev/vg0/var
    mkswap -L swap /dev/vg0/swap
    mount /dev/vg0/root /target
    mkdir /target/boot /target/var
    mount "$(part "$d0" 2)" /target/boot
    mount /dev/vg0/var /target/var
    {
      echo "UUID=$(uuid /dev/vg0/root) / ext4 errors=remount-ro 0 1"
      echo "UUID=$(uuid "$(part "$d0" 2)") /boot ext4 defaults 0 2"
      echo "UUID=$(uuid /dev/vg0/var) /var xfs defaults 0 2"
      echo "UUID=$(uuid /dev/vg0/swap) none swap sw 0 0"
    } >> fstab
    grub=pc
    ;;
  uefi-raid1)
    d1=$(disk 1)
    [ -b "$d1" ]
    for d in "$d0" "$d1"; do
      sfdisk -q "$d" <<'PT'
label: gpt
start=2048, size=256MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System Partition"
type=A19D880F-05FC-4D3B-A006-743F0F84911E, name="raid"
PT
    done
    udevadm settle
    # Fresh sparse disks read as zeros on both halves: no initial resync needed.
    # The UUID is build-source-vm.sh's: the initramfs it made holds files/mdadm.conf.
    mdadm --create /dev/md/root --run --level=1 --raid-devices=2 --metadata=1.2 --assume-clean \
      --name=root --homehost="$host" --uuid="$(cat files/md-uuid)" "$(part "$d0" 2)" "$(part "$d1" 2)"
    udevadm settle
    mkfs.vfat -F 32 -n ESP "$(part "$d0" 1)"
    mkfs.vfat -F 32 -n ESP2 "$(part "$d1" 1)"
    mkfs.ext4 -q -L root /dev/md/root
    mount /dev/md/root /target
    mkdir -p /target/boot/efi
    mount -o umask=0077 "$(part "$d0" 1)" /target/boot/efi
    echo "UUID=$(uuid /dev/md/root) / ext4 errors=remount-ro 0 1" >> fstab
    echo "UUID=$(uuid "$(part "$d0" 1)") /boot/efi vfat umask=0077 0 1" >> fstab
    grub=efi
    ;;
  *) echo "unknown layout $layout" >&2; exit 2 ;;
esac

# The root file system, the JDK, the job unit and Mondo's test scripts.
zstd -dc rootfs.tar.zst | tar -C /target --numeric-owner --xattrs --xattrs-include='*' --acls -xpf -
mkdir -p /target/usr/lib/jvm
cp -a /usr/lib/jvm/temurin-25-jdk-amd64 /target/usr/lib/jvm/
# The JDK's lib/security/cacerts links to /etc/ssl/certs/java/cacerts (ca-certificates-java on the
# host); without it jlink, which mindi runs, fails on the dangling link.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  mkdir -p /target/etc/ssl/certs/java
  cp -L /etc/ssl/certs/java/cacerts /target/etc/ssl/certs/java/cacerts
fi
install -m 644 files/mondo-test-job.service /target/etc/systemd/system/mondo-test-job.service
install -m 755 files/mondo-test-job /target/usr/local/sbin/mondo-test-job
ln -s /etc/systemd/system/mondo-test-job.service /target/etc/systemd/system/multi-user.target.wants/
install -d /target/var/lib/mondo-test
install -m 755 files/manifest.sh files/check-manifest.sh files/install-mondo.sh /target/var/lib/mondo-test/
echo "$host" > /target/etc/hostname
printf '127.0.1.1\t%s\n' "$host" >> /target/etc/hosts
{ echo "# /etc/fstab: static file system information (mounted by UUID)."; cat fstab; } > /target/etc/fstab
cat > /target/etc/default/grub <<'GRUB'
# The source machines of Mondo's end-to-end tests: serial console, short timeout.
GRUB_DEFAULT=0
GRUB_TIMEOUT=1
GRUB_DISTRIBUTOR=Debian
GRUB_CMDLINE_LINUX_DEFAULT=""
GRUB_CMDLINE_LINUX="console=tty0 console=ttyS0,115200"
GRUB_TERMINAL="serial console"
GRUB_SERIAL_COMMAND="serial --speed=115200"
GRUB_DISABLE_OS_PROBER=true
GRUB
if [ "$layout" = uefi-raid1 ]; then
  mdadm --detail --scan | grep -q "UUID=$(cat files/md-uuid)"
  install -m 644 files/mdadm.conf /target/etc/mdadm/mdadm.conf
  cp files/initrd.img /target/boot/initrd.img-"$(ls /target/lib/modules)"
fi

# In the target: GRUB's Debian package (preseeded like an installed machine), GRUB, the initramfs.
mount --rbind /dev /target/dev
mount -t proc proc /target/proc
mount --rbind /sys /target/sys
mount --rbind /run /target/run
if [ $grub = pc ]; then
  byid=$(udevadm info -q symlink "$d0" | tr ' ' '\n' | grep '^disk/by-id/' | head -1 || true)
  echo "grub-pc grub-pc/install_devices multiselect /dev/${byid:-${d0#/dev/}}" | chroot /target debconf-set-selections
  chroot /target sh -c 'dpkg -i /var/cache/mondo-test-debs/grub-pc_*.deb'
  chroot /target grub-install --target=i386-pc "$d0"
else
  echo "grub-efi-amd64 grub2/force_efi_extra_removable boolean true" | chroot /target debconf-set-selections
  chroot /target sh -c 'dpkg -i /var/cache/mondo-test-debs/grub-efi-amd64_*.deb'
  chroot /target grub-install --target=x86_64-efi --efi-directory=/boot/efi --bootloader-id=debian
  chroot /target grub-install --target=x86_64-efi --efi-directory=/boot/efi --removable
  chroot /target efibootmgr -v || true
fi
rm -rf /target/var/cache/mondo-test-debs
chroot /target update-grub
# The initramfs is make-rootfs.sh's (MODULES=most: lvm2 and mdadm hooks) or, with an mdadm.conf,
# host-initramfs.sh's: update-initramfs here would take a quarter of an hour under TCG.
test -f /target/boot/grub/grub.cfg

# The test data and its manifest (computed by the machine's own tools, as check-manifest.sh will).
files/make-testdata.sh /target
chroot /target /var/lib/mondo-test/manifest.sh / > /target/var/lib/mondo-test/manifest
cp /target/var/lib/mondo-test/manifest manifest
ls /target/lib/modules > kernel-version

if [ "$layout" = uefi-raid1 ]; then
  # The second disk's ESP is a copy of the first (either disk boots); it is not mounted.
  mkdir -p /mnt/esp2
  mount "$(part "$d1" 1)" /mnt/esp2
  cp -r /target/boot/efi/. /mnt/esp2/
  umount /mnt/esp2
fi
lsblk -o NAME,SIZE,TYPE,FSTYPE,LABEL,MOUNTPOINT > lsblk.txt
df -h | grep /target >> lsblk.txt
umount -R /target
lvm vgchange -an 2>/dev/null || true
[ -e /dev/md/root ] && mdadm --stop /dev/md/root
sync
echo "guest-build: $layout done"
