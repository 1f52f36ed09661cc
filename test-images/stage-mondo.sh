#!/bin/sh
# Copies this checkout's build of Mondo (the launchers in bin/ and, per module, target/MODULE.jar
# and target/lib/) into JOBDIR/mondo/, and install-mondo.sh, check-manifest.sh and manifest.sh into
# JOBDIR, for a job on a source machine to install with: sh /mnt/job/install-mondo.sh
# Build first: ./mvnw -q -B package -DskipTests
# Usage: stage-mondo.sh JOBDIR
set -eu
here=$(dirname "$(readlink -f "$0")")
top=$(dirname "$here")
job=${1:?usage: stage-mondo.sh JOBDIR}
for m in mondo restore mindi; do
  [ -f "$top/$m/target/$m.jar" ] && [ -d "$top/$m/target/lib" ] || {
    echo "stage-mondo: $m is not built ($top/$m/target/$m.jar): run ./mvnw -q -B package -DskipTests" >&2; exit 1; }
done
mkdir -p "$job"
rm -rf "$job/mondo"
mkdir -p "$job/mondo/bin"
cp "$top"/bin/mondo-launch "$top"/bin/mondoarchive "$top"/bin/mondorestore "$top"/bin/mindi "$job/mondo/bin/"
for m in mondo restore mindi; do
  mkdir -p "$job/mondo/$m/target"
  cp "$top/$m/target/$m.jar" "$job/mondo/$m/target/"
  cp -r "$top/$m/target/lib" "$job/mondo/$m/target/"
done
cp "$here/install-mondo.sh" "$here/check-manifest.sh" "$here/manifest.sh" "$job/"
