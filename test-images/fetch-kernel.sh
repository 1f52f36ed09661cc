#!/bin/sh
# Unpacks Debian's current amd64 kernel (image + modules) into a cache directory and prints that
# directory. The CI host boots without /boot, so the boot-media tests use this "failsafe" kernel.
# Usage: test-images/fetch-kernel.sh [CACHE_DIR]   (default /var/cache/mondo-test)
set -eu
cache=${1:-/var/cache/mondo-test}
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
if [ -z "$pkg" ]; then
  apt-get update -qq >/dev/null
  pkg=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
fi
[ -n "$pkg" ] || { echo "fetch-kernel: cannot find Debian's linux-image-amd64 package" >&2; exit 1; }
version=${pkg#linux-image-}
dir=$cache/kernel-$version
if [ ! -f "$dir/ok" ]; then
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  (cd "$dir.tmp" && apt-get -o APT::Sandbox::User=root download -qq "$pkg" >/dev/null && dpkg-deb -x ./*.deb root && rm -f ./*.deb)
  depmod -b "$dir.tmp/root" "$version" 2>/dev/null || true
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  touch "$dir/ok"
fi
echo "$dir/root"
