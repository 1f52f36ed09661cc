#!/bin/bash
# Builds each source machine (build-source-vm.sh) and boots it from its own disks (boot-source-vm.sh)
# with a job that installs this checkout's Mondo build (when built) and runs check-manifest.sh,
# lsblk and /proc/mdstat; prints the build and boot times. The proof that the images work.
# Usage: prove-source-vms.sh [LAYOUT...]   (default: all three; job directories under /var/tmp)
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
[ $# -gt 0 ] || set -- bios-mbr bios-gpt-lvm uefi-raid1
status=0
results=()
for layout in "$@"; do
  t0=$(date +%s)
  dir=$("$here/build-source-vm.sh" "$layout") || { results+=("$layout: build FAILED"); status=1; continue; }
  built=$(($(date +%s) - t0))
  job=$(mktemp -d "/var/tmp/prove-$layout.XXXXXX")
  staged=
  "$here/stage-mondo.sh" "$job" 2>/dev/null && staged=1
  cat > "$job/job.sh" <<JOB
#!/bin/bash
rc=0
if [ -n "$staged" ]; then
  sh /mnt/job/install-mondo.sh && /opt/mondo/bin/mondoarchive --version || rc=1
fi
/var/lib/mondo-test/check-manifest.sh || rc=1
lsblk -o NAME,SIZE,TYPE,FSTYPE,MOUNTPOINT
cat /proc/mdstat
exit \$rc
JOB
  rc=$("$here/boot-source-vm.sh" "$dir" "$job")
  [ "$rc" = 0 ] && grep -q 'MANIFEST OK' "$job/job.log" || status=1
  results+=("$layout: build $built s (vm.conf: $(grep build_seconds "$dir/vm.conf" | cut -d= -f2) s when built), multi-user after $(cat "$job/boot.seconds" 2>/dev/null) s, job rc $rc, $(grep -o 'MANIFEST [A-Z]*' "$job/job.log" | head -1); job dir $job")
done
printf '%s\n' "${results[@]}"
exit $status
