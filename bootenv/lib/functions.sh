# Helpers of Mondo's /init (busybox ash). Everything is logged to /tmp/mondorestore.log and shown.
LOG=/tmp/mondorestore.log
CONSOLE=/dev/console

# Every active console (screen and serial port) gets the messages, not only /dev/console.
CONSOLES=$(cat /sys/class/tty/console/active 2>/dev/null)

log() {
  echo "mondo: $*" >> "$LOG"
  if [ -n "$CONSOLES" ]; then
    for c in $CONSOLES; do echo "mondo: $*" > "/dev/$c" 2>/dev/null; done
  else
    echo "mondo: $*" > "$CONSOLE"
  fi
}

# Runs a command with its output in the log (and on the console).
run() {
  echo "+ $*" >> "$LOG"
  "$@" >> "$LOG" 2>&1
  rc=$?
  [ $rc -ne 0 ] && echo "  (exit $rc)" >> "$LOG"
  return $rc
}

rescue_shell() {
  log "opening a shell (the log is $LOG; type 'reboot -f' or 'poweroff -f' to leave)"
  export PS1='mondo# '
  # busybox's own shell: stage 2 may bring another /bin/sh.
  /bin/busybox setsid /bin/busybox cttyhack /bin/busybox sh || /bin/busybox sh
  log "shell exited: rebooting"
  sync
  reboot -f
}

fail() {
  log "FAILED: $*"
  log "the last lines of $LOG:"
  tail -n 15 "$LOG" > "$CONSOLE"
  rescue_shell
}

# MODE: interactive (default), nuke, compare, expert; RESTORE = nuke without a question.
# EXTRA: the words mondorestore understands (noresize nopart textonly donteject dryrun poweroff map=SRC:DST,...).
# A rescue disc (mindi alone, no backup) has /etc/mondo/rescue-id instead of backup-id: expert by default.
read_cmdline() {
  RESCUE_ID=$(cat /etc/mondo/rescue-id 2>/dev/null)
  MODE=interactive
  [ -n "$RESCUE_ID" ] && MODE=expert
  EXTRA=
  for w in $(cat /proc/cmdline); do
    case $w in
      interactive|nuke|compare|expert) MODE=$w ;;
      RESTORE|restore) MODE=nuke; EXTRA="$EXTRA yes" ;;
      interactive_mode|nuke_mode|compare_mode|expert_mode) MODE=${w%_mode} ;;
      noresize|nopart|textonly|donteject|dryrun|poweroff|map=*) EXTRA="$EXTRA $w" ;;
      mondo.debug) set -x ;;
    esac
  done
  BACKUP_ID=$(cat /etc/mondo/backup-id 2>/dev/null)
  export MODE EXTRA BACKUP_ID RESCUE_ID
}

# What /init looks for, in its messages.
medium_name() {
  if [ -n "$RESCUE_ID" ]; then echo "rescue disc $RESCUE_ID"; else echo "volume 1 of backup $BACKUP_ID"; fi
}

load_modules() {
  n=0
  if [ -f /etc/mondo/modules.load ]; then
    while read -r m; do
      case $m in ''|'#'*) continue ;; esac
      modprobe "$m" >> "$LOG" 2>&1 && n=$((n + 1))
    done < /etc/mondo/modules.load
  fi
  log "$n kernel modules loaded"
  # Booted by UEFI: the firmware's variables, for efibootmgr (nuke's boot entry, the expert shell).
  if [ -d /sys/firmware/efi/efivars ] && ! mount -t efivarfs efivarfs /sys/firmware/efi/efivars 2>/dev/null; then
    log "UEFI variables not available (efivarfs): boot entries cannot be written from here"
  fi
  # Let udev-less device nodes settle: storage drivers probe asynchronously.
  sleep 1
  return 0
}

# Prints the block devices that may hold the medium: CDs first, then disks and partitions.
candidate_devices() {
  for d in /sys/class/block/sr*; do [ -e "$d" ] && echo "/dev/${d##*/}"; done
  for d in /sys/class/block/*; do
    name=${d##*/}
    case $name in sr*|loop*|ram*|zram*|dm-*|md*) continue ;; esac
    echo "/dev/$name"
  done
}

# A medium is ours when archives/BACKUP-ID matches and it is volume 1 (a rescue disc: mondo/RESCUE-ID);
# by id, never by device name.
is_our_medium() {
  if [ -n "$RESCUE_ID" ]; then
    [ -f "$1/mondo/RESCUE-ID" ] && [ "$(cat "$1/mondo/RESCUE-ID")" = "$RESCUE_ID" ]
    return
  fi
  [ -f "$1/archives/BACKUP-ID" ] && [ "$(cat "$1/archives/BACKUP-ID")" = "$BACKUP_ID" ] &&
    [ "$(cat "$1/archives/THIS-CD-NUMBER")" = 1 ]
}

find_medium() {
  tries=0
  while [ $tries -lt 30 ]; do
    for dev in $(candidate_devices); do
      [ -b "$dev" ] || continue
      if mount -t iso9660 -o ro "$dev" /mnt/cdrom 2>/dev/null; then
        if is_our_medium /mnt/cdrom; then
          MEDIUM=$dev
          export MEDIUM
          log "found $(medium_name) on $dev"
          echo "$dev" > /tmp/mondo-medium
          return 0
        fi
        umount /mnt/cdrom
      fi
    done
    [ $tries -eq 0 ] && log "looking for $(medium_name) (up to 30 s)..."
    tries=$((tries + 1))
    sleep 1
  done
  log "block devices seen: $(candidate_devices | tr '\n' ' ')"
  return 1
}

# The Java runtime, mondorestore and the restore tools live on the medium; copied into RAM so
# the medium can be changed for the next volume.
load_stage2() {
  s2=/mnt/cdrom/mondo/stage2.cpio
  [ -f $s2 ] || { log "no mondo/stage2.cpio on $MEDIUM"; return 1; }
  log "copying the restore tools into memory ($(($(wc -c < $s2) / 1048576)) MiB)"
  (cd / && cpio -idmu < $s2) >> "$LOG" 2>&1 || return 1
  return 0
}

# The arrays of the layout under their own names (/dev/md0, not md127 for a foreign homehost),
# unless the backed-up system's mdadm.conf came along with ARRAY lines.
md_conf_from_layout() {
  mkdir -p /etc/mdadm
  grep -q '^ARRAY' /etc/mdadm/mdadm.conf 2>/dev/null && return 0
  echo "HOMEHOST <ignore>" >> /etc/mdadm/mdadm.conf
  sed -n 's/^md dev=\([^ ]*\) .*uuid=\([0-9a-f:]*\).*/ARRAY \1 UUID=\2/p' /etc/mondo/layout.conf >> /etc/mdadm/mdadm.conf
}

start_raid_and_lvm() {
  case $MODE in nuke) return 0 ;; esac
  # compare must not write to the disks: arrays are assembled read-only (no superblock update).
  ro=
  [ "$MODE" = compare ] && ro=--readonly
  if grep -q '^md ' /etc/mondo/layout.conf 2>/dev/null && command -v mdadm >/dev/null; then
    md_conf_from_layout
    run mdadm --assemble --scan $ro && log "md arrays started${ro:+ read-only}"
  fi
  if grep -q '^vg ' /etc/mondo/layout.conf 2>/dev/null && command -v lvm >/dev/null; then
    # No udev here: LVM must make its /dev/mapper nodes itself.
    nu='activation{udev_sync=0 udev_rules=0} devices{obtain_device_list_from_udev=0}'
    run lvm vgchange -ay --config "$nu" && run lvm vgmknodes --config "$nu" && log "LVM volume groups started"
  fi
  return 0
}

# Ejects the boot CD so the machine boots from its disk, unless "donteject" was given.
eject_medium() {
  case " $EXTRA " in *" donteject "*) return 0 ;; esac
  case "$MEDIUM" in /dev/sr*) umount /mnt/cdrom 2>/dev/null; eject "$MEDIUM" >> "$LOG" 2>&1 ;; esac
  return 0
}

run_mondorestore() {
  # A serial console does not know its size: ask the terminal (busybox resize), for the full screen.
  case "$(tty 2>/dev/null)" in /dev/ttyS*|/dev/console) resize > /dev/null 2>&1 ;; esac
  log "starting mondorestore -Z $MODE$EXTRA"
  /usr/sbin/mondorestore -Z "$MODE" --boot-env $EXTRA
  rc=$?
  if [ $rc -ne 0 ]; then
    log "mondorestore -Z $MODE ended with status $rc"
    rescue_shell
  fi
  log "mondorestore -Z $MODE finished"
  case " $EXTRA " in
    *" poweroff "*) sync; log "powering off"; poweroff -f ;;
  esac
  # A finished nuke boots the restored system; a dry run, compare or interactive end in the shell.
  case "$MODE $EXTRA " in
    "nuke "*dryrun*) ;;
    "nuke "*) sync; log "rebooting into the restored system"; eject_medium; reboot -f ;;
  esac
  return 0
}
