#!/bin/bash
# Runs inside the capture VM (see capture-vm.sh): partitions the three disks, builds md RAID1 and
# LVM, makes the filesystems, mounts them under /target as a machine's root would be, installs
# GRUB for BIOS and UEFI, then runs guest-capture.sh chrooted in /target.
set -euxo pipefail
export PATH=/usr/sbin:/usr/bin LVM_SUPPRESS_FD_WARNINGS=1
mkdir -p /run/lock/lvm /run/lvm /run/mdadm /run/udev
# udev as on a real machine: lsblk reads its database, and it makes /dev/disk/by-*, /dev/vg0/*.
/usr/lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --action=add --type=subsystems
udevadm trigger --action=add --type=devices
udevadm settle
for d in nvme0n1 sda sdb sdc; do
  for _ in $(seq 100); do [ -b /dev/$d ] && break; sleep 0.1; done
done

sfdisk -q /dev/nvme0n1 <<'EOF'
label: gpt
start=2048, size=100MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System Partition"
size=1MiB, type=21686148-6449-6E6F-744E-656564454649, name="BIOS boot partition"
size=300MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="boot", attrs="LegacyBIOSBootable"
type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="vg0"
EOF
sfdisk -q /dev/sda <<'EOF'
label: dos
start=2048, size=300MiB, type=83, bootable
type=5
size=400MiB, type=fd
type=82
EOF
sfdisk -q /dev/sdb <<'EOF'
label: dos
start=2048, size=400MiB, type=fd
size=200MiB, type=83
type=8e
EOF
udevadm settle

mdadm --create /dev/md0 --run --level=1 --raid-devices=2 --metadata=1.2 --name=home --homehost=mondo-vm \
  /dev/sda5 /dev/sdb1
mdadm --wait /dev/md0 || true

lvm pvcreate -ff -y /dev/nvme0n1p4
lvm vgcreate vg0 /dev/nvme0n1p4
lvm lvcreate -y -L 1G -n root vg0
lvm lvcreate -y -L 512M -n var vg0
lvm lvcreate -y -L 256M -n swap vg0
lvm pvcreate -ff -y /dev/sdb3 /dev/sdc
lvm vgcreate -s 8M data /dev/sdb3 /dev/sdc
lvm lvcreate -y -i 2 -I 64k -L 256M -n stripe data

mkfs.vfat -F 32 -n EFI /dev/nvme0n1p1
mkfs.ext4 -q -L boot /dev/nvme0n1p3
mkfs.ext4 -q -L root /dev/vg0/root
mkfs.xfs -q -L var /dev/vg0/var
mkswap -L swap /dev/vg0/swap
mkfs.btrfs -q -L srv /dev/sda1
mkswap -L swap2 /dev/sda6
mkfs.ext4 -q -L home /dev/md0
mkfs.ext2 -q -L scratch -b 1024 -I 128 /dev/sdb2
mkfs.ext4 -q -L stripe -E stride=16,stripe_width=32 /dev/data/stripe
udevadm settle
mount /dev/sda1 /mnt
btrfs -q subvolume create /mnt/@data
btrfs -q subvolume create /mnt/@snapshots
umount /mnt

mkdir /target
mount /dev/mapper/vg0-root /target
mkdir -p /target/{usr,boot,var,home,srv,scratch,data,dev,proc,sys,run,tmp,out,mnt}
for l in bin sbin lib lib64; do ln -s usr/$l /target/$l; done
cp -a /etc/. /target/etc/
mount /dev/nvme0n1p3 /target/boot
mkdir /target/boot/efi
mount -o umask=0077 /dev/nvme0n1p1 /target/boot/efi
mount /dev/mapper/vg0-var /target/var
mount -o noatime,nodev /dev/md0 /target/home
mount -o subvol=@data,compress=zstd /dev/sda1 /target/srv
mount -o noatime,nodev,nosuid /dev/sdb2 /target/scratch
mount /dev/data/stripe /target/data
mount --bind /usr /target/usr
mount --rbind /dev /target/dev
mount --rbind /sys /target/sys
mount -t proc proc /target/proc
mount --rbind /run /target/run
mount --bind /out /target/out
# Inside the chroot, so that /proc/swaps names them as the machine itself would.
chroot /target swapon /dev/mapper/vg0-swap
chroot /target swapon -p 10 /dev/sda6

uuid() { blkid -s UUID -o value "$1"; }
cat > /target/etc/fstab <<EOF
# /etc/fstab: static file system information.
UUID=$(uuid /dev/vg0/root) / ext4 errors=remount-ro 0 1
UUID=$(uuid /dev/nvme0n1p3) /boot ext4 defaults 0 2
UUID=$(uuid /dev/nvme0n1p1) /boot/efi vfat umask=0077 0 1
/dev/mapper/vg0-var /var xfs defaults 0 2
/dev/md0 /home ext4 noatime,nodev 0 2
UUID=$(uuid /dev/sda1) /srv btrfs subvol=@data,compress=zstd 0 0
PARTUUID=$(blkid -s PARTUUID -o value /dev/sdb2) /scratch ext2 noatime,nodev,nosuid 0 2
/dev/data/stripe /data ext4 defaults 0 2
/dev/mapper/vg0-swap none swap sw 0 0
LABEL=swap2 none swap sw,pri=10 0 0
/dev/sr0 /media/cdrom0 udf,iso9660 user,noauto 0 0
EOF

chroot /target grub-install --target=i386-pc /dev/nvme0n1
chroot /target grub-install --target=x86_64-efi --efi-directory=/boot/efi --bootloader-id=debian
udevadm settle
chroot /target /bin/bash /out/guest-capture.sh

swapoff -a
umount -R /target
lvm vgchange -an vg0 data
mdadm --stop /dev/md0
sync
