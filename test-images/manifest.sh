#!/bin/bash
# Prints the manifest of the source machines' test data (see make-testdata.sh) under ROOT: one
# line per entry, sorted by path bytes, with the path escaped (bash printf %q, C locale) and
#   type (f d l c b p s), mode (4 octal digits, with setuid/setgid/sticky), uid, gid, size (files), mtime
#   (seconds.nanoseconds), sha256 (files), link (target, escaped), rdev (major:minor, hex),
#   hardlink (the first path of its group; inode numbers never appear), sparse (allocated < size),
#   xattr (getfattr -d -m - -e hex: every attribute, ACL and capability ones included),
#   acl (getfacl -n, when more than the mode), cap (getcap).
# Needs bash, coreutils, findutils, attr, acl, libcap2-bin (all on the source machines).
# Usage: manifest.sh [ROOT] > MANIFEST
set -euo pipefail
export LC_ALL=C
root=${1:-/}
cd "$root"
declare -A first
find srv/mondo-testdata etc/mondo-testdata.conf etc/mondo-testdata.d home/mondo-tester \
    -printf '%y %m %U %G %s %T@ %n %D:%i %b\t%p\0' | sort -z -t $'\t' -k 2 |
while IFS= read -r -d '' rec; do
  p=${rec#*$'\t'}
  read -r type mode uid gid size mtime nlink inode blocks <<< "${rec%%$'\t'*}"
  # find prints 10 fraction digits: keep nanoseconds.
  mtime=${mtime%?}
  line="$(printf '%q' "/$p") type=$type mode=$(printf '%04d' "$mode") uid=$uid gid=$gid mtime=$mtime"
  case $type in
    f)
      sum=$(sha256sum < "$p")
      line+=" size=$size sha256=${sum%% *}"
      [ $((blocks * 512)) -lt "$size" ] && line+=" sparse=yes"
      if [ "$nlink" -gt 1 ]; then
        [ -n "${first[$inode]:-}" ] || first[$inode]=$(printf '%q' "/$p")
        line+=" hardlink=${first[$inode]}"
      fi
      ;;
    l) line+=" link=$(printf '%q' "$(readlink -- "$p")")" ;;
    c|b) line+=" rdev=$(stat -c '%t:%T' -- "$p")" ;;
  esac
  x=$(getfattr -h -d -m - -e hex --absolute-names -- "$p" 2>/dev/null | { grep -v -e '^# file: ' -e '^$' || true; } | tr '\n' ';')
  [ -n "$x" ] && line+=" xattr=${x%;}"
  if [ "$type" = f ] || [ "$type" = d ]; then
    a=$(getfacl -s -c -n -p -- "$p" 2>/dev/null | { grep -v '^$' || true; } | tr '\n' ',')
    [ -n "$a" ] && line+=" acl=${a%,}"
  fi
  if [ "$type" = f ]; then
    c=$(getcap -- "$p" 2>/dev/null)
    [ -n "$c" ] && line+=" cap=${c##* }"
  fi
  printf '%s\n' "$line"
done
