#!/bin/bash
# Runs chrooted in the capture VM's /target (its root LV). Runs the commands LayoutReader runs,
# exactly as it runs them, and saves each output the way CommandRunner sees it (stdout and stderr
# merged) with its exit status in commands.txt ("EXIT<TAB>FILE<TAB>ARGV..."). files.txt maps the
# files the reader reads to their copies; sysfs.txt, dirs.txt and links.txt hold /sys, the ESP's
# directories and /dev's symlinks. Oracles for the tests (sfdisk -d, parted -m) come last.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1
cd /out
: > commands.txt
n=0
cap() {
  n=$((n + 1))
  local file
  file=$(printf 'cmd-%03d-%s.txt' "$n" "$(basename "$1")")
  "$@" > "$file" 2>&1
  local rc=$?
  { printf '%s\t%s' "$rc" "$file"; printf '\t%s' "$@"; printf '\n'; } >> commands.txt
}

cap lsblk -P -b -o NAME,KNAME,PKNAME,TYPE,SIZE,FSTYPE,UUID,LABEL,PARTUUID,PARTLABEL,MOUNTPOINT
devices=()
for d in /sys/block/*; do
  k=${d##*/}
  case $k in dm-*) devices+=("/dev/mapper/$(cat "$d/dm/name")") ;; *) devices+=("/dev/$k") ;; esac
  for p in "$d"/*/partition; do [ -e "$p" ] && { p=${p%/partition}; devices+=("/dev/${p##*/}"); }; done
done
for dev in "${devices[@]}"; do
  cap blkid -o export "$dev"
  case $(blkid -o value -s TYPE "$dev") in
    ext2|ext3|ext4) cap dumpe2fs -h "$dev" ;;
    xfs) cap xfs_info "$dev" ;;
  esac
done
for md in /dev/md[0-9]*; do
  cap mdadm --detail --export "$md"
  cap mdadm --detail "$md"
done
o='--noheadings --nameprefixes --units b --nosuffix -o'
cap lvm pvs $o pv_name,pv_uuid,vg_name,pv_size,dev_size,pe_start
cap lvm vgs $o vg_name,vg_uuid,vg_extent_size,vg_extent_count,vg_free_count
cap lvm lvs $o vg_name,lv_name,lv_uuid,lv_size,segtype,stripes,stripe_size,devices
for vg in $(lvm vgs --noheadings -o vg_name); do
  lvm vgcfgbackup -f "/out/vgcfgbackup-$vg.txt" "$vg" > /dev/null 2>&1
  printf '0\tvgcfgbackup-%s.txt\tlvm\tvgcfgbackup\t-f\t{FILE}\t%s\n' "$vg" "$vg" >> commands.txt
done
cap btrfs subvolume list -p /srv
cap btrfs subvolume get-default /srv
cap efibootmgr -v

cat /proc/self/mountinfo > mountinfo.txt
cp /etc/fstab fstab.txt
cat /proc/swaps > proc-swaps.txt
cat /proc/sys/kernel/hostname > hostname.txt
printf '%s\t%s\n' /proc/self/mountinfo mountinfo.txt /etc/fstab fstab.txt /proc/swaps proc-swaps.txt \
  /proc/sys/kernel/hostname hostname.txt > files.txt
find /boot/efi -type d | sort | while read -r d; do printf '%s\t%s\n' "$d" "$(ls "$d" | tr '\n' ' ' | sed 's/ $//')"; done > dirs.txt
for l in /dev/mapper/* /dev/md/* /dev/*/* /dev/disk/by-*/*; do
  [ -L "$l" ] && printf '%s\t%s\n' "$l" "$(readlink -f "$l")"
done 2>/dev/null | sort -u > links.txt

# sysfs, as "path=value" lines under /sys (a directory's entries as a space-separated list).
{
  for b in /sys/block/*; do
    for f in size ro removable dev serial queue/logical_block_size queue/physical_block_size queue/rotational \
        device/model device/vendor device/serial device/firmware_rev md/level md/chunk_size \
        md/metadata_version md/raid_disks md/uuid dm/name dm/uuid; do
      [ -r "$b/$f" ] && printf '%s=%s\n' "${b#/sys/}/$f" "$(tr -d '\n' < "$b/$f" 2>/dev/null || true)"
    done
    for dir in holders slaves; do
      printf '%s/=%s\n' "${b#/sys/}/$dir" "$(ls "$b/$dir" | tr '\n' ' ' | sed 's/ $//')"
    done
    for p in "$b"/*/partition; do
      [ -e "$p" ] || continue
      p=${p%/partition}
      for f in partition start size ro dev; do
        printf '%s=%s\n' "${p#/sys/}/$f" "$(cat "$p/$f")"
      done
    done
  done
  [ -d /sys/firmware/efi ] && echo "firmware/efi/="
} > sysfs.txt

# Oracles: what other tools say about the same disks.
for d in nvme0n1 sda sdb sdc; do
  sfdisk -d /dev/$d > sfdisk-d-$d.txt 2>&1
  parted -m -s /dev/$d unit s print > parted-m-$d.txt 2>&1
done
swapon --show --bytes > swapon-show.txt 2>&1
findmnt -P -o SOURCE,TARGET,FSTYPE,OPTIONS > findmnt.txt 2>&1
cat /proc/mdstat > mdstat.txt
lvm fullreport --reportformat json --units b --nosuffix > lvm-fullreport.json 2>&1
exit 0
