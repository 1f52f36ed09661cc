#!/bin/sh
# Runs in a source machine (from a job): installs the build that stage-mondo.sh put in the job
# directory (default: the directory of this script) into /opt/mondo, so that
# /opt/mondo/bin/mondoarchive, mondorestore and mindi work (with the JDK 25 of the image).
# Usage: install-mondo.sh [JOBDIR]
set -eu
job=${1:-$(dirname "$(readlink -f "$0")")}
[ -x "$job/mondo/bin/mondo-launch" ] || { echo "install-mondo: no build in $job/mondo (run stage-mondo.sh)" >&2; exit 1; }
rm -rf /opt/mondo
mkdir -p /opt
cp -r "$job/mondo" /opt/mondo
chmod 755 /opt/mondo/bin/*
/opt/mondo/bin/mondoarchive --version >/dev/null 2>&1 || {
  echo "install-mondo: /opt/mondo/bin/mondoarchive does not start:" >&2; /opt/mondo/bin/mondoarchive --version >&2; exit 1; }
echo "install-mondo: installed in /opt/mondo"
