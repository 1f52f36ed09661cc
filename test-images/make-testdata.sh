#!/bin/bash
# Makes the test data of the source machines under ROOT (the machine's / mounted elsewhere, or /):
# /srv/mondo-testdata holds the fidelity suite's corpus (restore/src/test/resources/fidelity/
# make-tree.sh: every entry type and property a restore must keep) plus what a whole machine adds:
# a 40 MiB file of random bytes (sliced by mondoarchive), a 1 GiB sparse file with data at three
# offsets, a group of three hard links, odd owners 1234:4321; and a few files in /etc and /home.
# All times are then fixed (nanoseconds included), so that the manifest (manifest.sh) depends only
# on the contents. Needs root, python3, setfacl, setfattr, setcap, zstd.
# Usage: make-testdata.sh ROOT   (MAKE_TREE=path/to/make-tree.sh if it is neither beside this
#                                 script nor at ../restore/src/test/resources/fidelity/)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$(readlink -f "${1:?usage: make-testdata.sh ROOT}")
export LC_ALL=C
umask 022
tree=${MAKE_TREE:-}
for t in "$here/make-tree.sh" "$here/../restore/src/test/resources/fidelity/make-tree.sh"; do
  [ -n "$tree" ] || { [ -f "$t" ] && tree=$t; }
done
[ -f "$tree" ] || { echo "make-testdata: no make-tree.sh (set MAKE_TREE)" >&2; exit 1; }
# Seeded pseudo-random bytes: incompressible, and the same on every build.
random() { python3 -c 'import random,sys; r=random.Random(sys.argv[1]); n=int(sys.argv[2])
while n > 0:
    k = min(n, 1 << 20); sys.stdout.buffer.write(r.randbytes(k)); n -= k' "$1" "$2"; }

d=$root/srv/mondo-testdata
rm -rf "$d"
bash "$tree" "$d"
cd "$d"
random big $((40 * 1024 * 1024)) > random-40m.bin
# 1 GiB, not more: check-manifest.sh reads it whole, 30 s per GiB under TCG.
truncate -s 1G sparse-1g
random sparse1 1048576 | dd of=sparse-1g conv=notrunc status=none
random sparse2 1048576 | dd of=sparse-1g bs=1M seek=500 conv=notrunc status=none
random sparse3 1048576 | dd of=sparse-1g bs=1M seek=1023 conv=notrunc status=none
mkdir -p more-links/sub
random links 100000 > more-links/one
ln more-links/one more-links/two
ln more-links/one more-links/sub/three
ln random-40m.bin more-links/to-random-40m
printf 'x' > owned-4321; chown 1234:4321 owned-4321
ln -s /srv/mondo-testdata/small.txt abs-link-in-tree
mkdir acl-dir-4321; setfacl -m u:1234:r-x,g:4321:r-x acl-dir-4321; setfacl -d -m u:1234:rwx,g:4321:r-x acl-dir-4321
printf 'inherits' > acl-dir-4321/inherited
printf 'x' > setgid-file; chmod 2755 setgid-file

# A few in /etc and /home.
mkdir -p "$root/etc/mondo-testdata.d" "$root/home/mondo-tester/notes"
printf 'setting = 1\n' > "$root/etc/mondo-testdata.conf"
chgrp 4321 "$root/etc/mondo-testdata.conf"; chmod 0640 "$root/etc/mondo-testdata.conf"
printf 'secret\n' > "$root/etc/mondo-testdata.d/secret"; chmod 0600 "$root/etc/mondo-testdata.d/secret"
setfattr -n user.origin -v mondo-test "$root/etc/mondo-testdata.d/secret"
printf 'export EDITOR=vi\n' > "$root/home/mondo-tester/.profile"
seq 1 3000 > "$root/home/mondo-tester/notes/todo.txt"
ln -s notes/todo.txt "$root/home/mondo-tester/todo"
chown -hR 1234:4321 "$root/home/mondo-tester"
chmod 0750 "$root/home/mondo-tester"

# Fixed times: everything (children before their directory), then a few with times of their own.
t='2020-01-02 03:04:05.123456789 UTC'
for p in "$d" "$root/etc/mondo-testdata.conf" "$root/etc/mondo-testdata.d" "$root/home/mondo-tester"; do
  find "$p" -depth -exec touch -h -d "$t" {} +
done
touch -d '2001-02-03 04:05:06.987654321 UTC' small.txt
touch -h -d '2002-03-04 05:06:07.000000001 UTC' rel-link
touch -d '1999-12-31 23:59:59.5 UTC' "names/with space"
touch -d "$t" names .
