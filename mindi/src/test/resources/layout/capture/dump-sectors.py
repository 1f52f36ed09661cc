#!/usr/bin/env python3
"""Writes the sectors of a disk image that the partition-table readers read, one per line:
"LBA BASE64", so tests can rebuild a sparse copy of the disk.
  gpt IMAGE [SECTOR]: the first and last 34 sectors (protective MBR, primary header and entries;
                      backup entries and header), plus every sector ending in 55 AA.
  mbr IMAGE [SECTOR]: every sector ending in 55 AA: the MBR, each EBR of the logical chain, and
                      the boot sectors of FAT filesystems and boot loaders.
All-zero sectors are left out (a test reads them back as zeros).
"""
import base64
import os
import sys


def main():
    mode, image = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 512
    sectors = os.path.getsize(image) // size
    found = {}
    with open(image, "rb") as f:
        if mode == "gpt":
            for lba in list(range(34)) + list(range(sectors - 34, sectors)):
                f.seek(lba * size)
                found[lba] = f.read(size)
        chunk = 2048
        for first in range(0, sectors, chunk):
            f.seek(first * size)
            block = f.read(chunk * size)
            for i in range(len(block) // size):
                s = block[i * size:(i + 1) * size]
                if s[510] == 0x55 and s[511] == 0xAA:
                    found[first + i] = s
    print(f"# {mode} sectors of a {sectors}-sector image ({size}-byte sectors)")
    for lba in sorted(found):
        if found[lba].strip(b"\0"):
            print(lba, base64.b64encode(found[lba]).decode())


if __name__ == "__main__":
    main()
