#!/bin/bash
# Boots a source machine from its own disks (SeaBIOS or OVMF, the boot loader on the disks is what
# starts it) with JOBDIR shared as the 9p tag "mondojob", waits until it powers off, prints the exit
# status of JOBDIR/job.sh (see source-vm/mondo-test-job) and exits with it. The disks are
# copy-on-write qcow2 overlays over the cached raw images, which stay pristine.
#   LAYOUT   bios-mbr, bios-gpt-lvm or uefi-raid1: build-source-vm.sh LAYOUT (cached) is booted;
#            or a directory holding a vm.conf and its disks (e.g. a copy of a restored machine)
#   JOBDIR   a directory with job.sh; after the run it holds job.log, job.rc, serial.log (the
#            console), boot.seconds (power-on to the "MONDO-TEST-JOB start" marker)
#   extra QEMU arguments are appended (e.g. -cdrom backup.iso, another -drive)
# Environment: MONDO_VM_TIMEOUT (seconds, 1800), MONDO_VM_MEM (MB, vm.conf's), MONDO_QEMU_ACCEL
# (tcg, default, or kvm), MONDO_VM_OVERLAY_DIR (keep the overlays and vars there, and reuse them on
# the next boot: the machine's state then survives; default a temporary directory, removed),
# MONDO_VM_LOG (the console transcript, default JOBDIR/serial.log).
# Exit status: the job's, or 124 (timeout), 125 (powered off without job.rc).
# Usage: boot-source-vm.sh LAYOUT|DIR JOBDIR [QEMU ARGS...]
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
src=${1:?usage: boot-source-vm.sh LAYOUT|DIR JOBDIR [QEMU ARGS...]}
job=$(readlink -f "${2:?usage: boot-source-vm.sh LAYOUT|DIR JOBDIR [QEMU ARGS...]}")
shift 2
if [ -f "$src/vm.conf" ]; then dir=$(readlink -f "$src"); else dir=$("$here/build-source-vm.sh" "$src"); fi
[ -d "$job" ] || { echo "boot-source-vm: no directory $job" >&2; exit 2; }
firmware= bus= disks= memory_mb=2048
# shellcheck disable=SC1091
. "$dir/vm.conf"
timeout=${MONDO_VM_TIMEOUT:-1800}
log=${MONDO_VM_LOG:-$job/serial.log}
if [ -n "${MONDO_VM_OVERLAY_DIR:-}" ]; then
  work=$MONDO_VM_OVERLAY_DIR
  mkdir -p "$work"
  keep=1
else
  work=$(mktemp -d /var/tmp/boot-source-vm.XXXXXX)
  keep=
fi
qpid= wpid=
cleanup() {
  [ -n "$wpid" ] && kill "$wpid" 2>/dev/null
  if [ -n "$qpid" ]; then kill "$qpid" 2>/dev/null || true; wait "$qpid" 2>/dev/null || true; fi
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

args=(-M q35 -accel "${MONDO_QEMU_ACCEL:-tcg}" -cpu max -m "${MONDO_VM_MEM:-$memory_mb}" -smp 2 -nographic
  -no-reboot -nic none
  -fsdev "local,id=job,path=$job,security_model=none" -device virtio-9p-pci,fsdev=job,mount_tag=mondojob)
if [ "$firmware" = uefi ]; then
  [ -f "$work/vars.fd" ] || cp "$dir/vars.fd" "$work/vars.fd"
  args+=(-drive "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd"
    -drive "if=pflash,format=raw,file=$work/vars.fd")
fi
n=0
for d in $disks; do
  ov=$work/${d%.img}.qcow2
  [ -f "$ov" ] || qemu-img create -q -f qcow2 -F raw -b "$dir/$d" "$ov"
  args+=(-drive "file=$ov,if=none,id=d$n,format=qcow2,discard=unmap")
  case $bus in
    virtio) args+=(-device "virtio-blk-pci,drive=d$n,serial=MONDO-DISK-$n") ;;
    sata) args+=(-device "ide-hd,drive=d$n,bus=ide.$n,serial=MONDO-DISK-$n") ;;
    nvme) args+=(-device "nvme,drive=d$n,serial=MONDO-DISK-$n") ;;
  esac
  n=$((n + 1))
done

rm -f "$job/job.rc" "$job/boot.seconds"
: > "$log"
start=$(date +%s.%N)
timeout --kill-after=10 "$timeout" qemu-system-x86_64 "${args[@]}" "$@" < /dev/null > "$log" 2>&1 &
qpid=$!
# Power-on to multi-user: when the job unit's marker shows on the console.
( while kill -0 "$qpid" 2>/dev/null; do
    if grep -q 'MONDO-TEST-JOB start' "$log" 2>/dev/null; then
      echo "$(date +%s.%N) $start" | awk '{printf "%.1f\n", $1 - $2}' > "$job/boot.seconds"
      break
    fi
    sleep 0.5
  done ) &
wpid=$!
qrc=0
wait "$qpid" || qrc=$?
qpid=
wait "$wpid" 2>/dev/null || true
wpid=
total=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
if [ -s "$job/job.rc" ]; then
  rc=$(cat "$job/job.rc")
elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
  echo "boot-source-vm: timed out after $timeout s; the end of the console ($log):" >&2
  tail -30 "$log" >&2
  rc=124
else
  echo "boot-source-vm: the machine stopped without job.rc (QEMU status $qrc); the end of the console ($log):" >&2
  tail -30 "$log" >&2
  rc=125
fi
echo "boot-source-vm: $(basename "$dir"): multi-user after $(cat "$job/boot.seconds" 2>/dev/null || echo '?') s, off after $total s, job rc $rc" >&2
echo "$rc"
exit "$rc"
