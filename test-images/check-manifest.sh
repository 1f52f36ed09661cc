#!/bin/bash
# Compares the test data of a source machine with its manifest (as written when the image was
# built): prints "MANIFEST OK" and exits 0, or prints the differing lines (diff -u) and exits 1.
# Runs in the guest (the image has it in /var/lib/mondo-test/), or on a host against a root tree.
# Usage: check-manifest.sh [MANIFEST [ROOT]]   (defaults: /var/lib/mondo-test/manifest, /)
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
manifest=${1:-/var/lib/mondo-test/manifest}
root=${2:-/}
[ -f "$manifest" ] || { echo "MANIFEST MISSING: $manifest"; exit 1; }
now=$(mktemp)
trap 'rm -f "$now"' EXIT
if ! "$here/manifest.sh" "$root" > "$now" 2> "$now.err"; then
  echo "manifest.sh failed:"; cat "$now.err"
fi
rm -f "$now.err"
if diff -u --label expected --label actual "$manifest" "$now"; then
  echo "MANIFEST OK ($(wc -l < "$manifest") entries)"
  exit 0
fi
echo "MANIFEST DIFFERS"
exit 1
