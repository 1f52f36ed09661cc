#!/bin/bash
# Builds the fidelity corpus in $1: every entry type and property a restore must keep.
# Run as root. $2 = "big" adds the >4 GiB sparse file.
set -euo pipefail
d=$1
mkdir -p "$d"
cd "$d"

# Regular files: empty, text, random (incompressible), already compressed, a name clash with the codec suffix.
: > empty
printf 'hello\n' > small.txt
seq 1 20000 > numbers.txt
head -c 300000 /dev/urandom > random.bin
# 12 MiB that does not compress: with -s 8m its slices span volumes.
head -c 12M /dev/urandom > random-big.bin
seq 1 5000 | gzip > seq.gz
seq 1 3000 > clash
seq 1 3000 | zstd -q -c > clash.zst
# Big enough to be sliced (the test sets --slice-size 1m): 3.5 MiB of text.
seq 1 500000 > big.txt

# Sparse: holes inside a normal-size file, and (optionally) a file over 4 GiB.
truncate -s 10M sparse-small
printf 'data in the middle' | dd of=sparse-small bs=1 seek=5000000 conv=notrunc status=none
if [ "${2:-}" = big ]; then
  truncate -s 5G sparse-5g
  printf 'start' | dd of=sparse-5g conv=notrunc status=none
  printf 'past 4 GiB' | dd of=sparse-5g bs=1 seek=4500000000 conv=notrunc status=none
  printf 'end' | dd of=sparse-5g bs=1 seek=$((5*1024*1024*1024-3)) conv=notrunc status=none
fi

# Hard links: two in one directory, one elsewhere.
mkdir -p links/other
seq 1 1000 > links/a
ln links/a links/b
ln links/a links/other/c
# Links whose data is in another set, or is a big file cut into slices.
ln numbers.txt links/to-numbers
ln big.txt links/to-big

# Symlinks: relative, absolute, dangling, to a directory.
ln -s small.txt rel-link
ln -s /etc/hostname abs-link
ln -s does/not/exist dangling
ln -s links dir-link

# Devices, fifo, socket.
mknod chardev c 1 3
mknod blockdev b 7 0
mkfifo fifo
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' sock

# Modes and owners.
printf 'x' > setuid; chmod 4755 setuid
mkdir setgid-dir; chmod 2775 setgid-dir
mkdir sticky-dir; chmod 1777 sticky-dir
printf 'x' > no-perms; chmod 0000 no-perms
printf 'x' > owned; chown 1234:5678 owned
ln -s owned owned-link; chown -h 4321:8765 owned-link
mkdir ro-dir; printf 'inside' > ro-dir/file; chmod 0555 ro-dir

# Nanosecond times.
touch -d '2001-02-03 04:05:06.123456789' small.txt
touch -h -d '2002-03-04 05:06:07.987654321' rel-link

# Extended attributes, ACLs, SELinux label, file capability.
setfattr -n user.comment -v 'a note' small.txt
setfattr -n user.binary -v 0x00ff10 numbers.txt
setfattr -h -n trusted.mondo -v on-the-link rel-link
setfattr -n security.selinux -v 'system_u:object_r:etc_t:s0' numbers.txt
printf 'x' > capable; setcap cap_net_raw+ep capable
setfacl -m u:1234:r--,g:5678:rw- numbers.txt
mkdir acl-dir; setfacl -d -m u:1234:rwx acl-dir; setfacl -m u:4321:r-x acl-dir

# Names: space, newline, tab, backslash, non-UTF-8 bytes, UTF-8, 255 bytes, a path over 255 bytes.
mkdir names
printf 1 > "names/with space"
printf 2 > "names/with"$'\n'"newline"
printf 3 > "names/with"$'\t'"tab"
printf 4 > 'names/back\slash'
printf 5 > "names/"$'\xff\xfe'"latin1"
printf 6 > "names/été-ünïcode"
printf 7 > "names/$(printf 'n%.0s' $(seq 1 255))"
long=names/$(printf 'd%.0s' $(seq 1 100))/$(printf 'e%.0s' $(seq 1 100))/$(printf 'f%.0s' $(seq 1 100))
mkdir -p "$long"
printf 8 > "$long/deep file"
mkdir empty-dir
