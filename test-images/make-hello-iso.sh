#!/bin/sh
# Builds a small hybrid boot ISO for the VM harness tests: BIOS via isolinux (serial console, a "boot:" prompt,
# label "hello"), UEFI via a standalone GRUB EFI image in a FAT El Torito image (serial console, one menu entry
# booted after 1 s). Both boot the given kernel and initrd with console=ttyS0.
# Usage: test-images/make-hello-iso.sh KERNEL INITRD OUT.iso ["EXTRA KERNEL ARGS"]
# Writes only OUT.iso and a temporary directory (removed on exit).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 KERNEL INITRD OUT.iso [\"EXTRA KERNEL ARGS\"]" >&2; exit 2; }
kernel=$1 initrd=$2 out=$3 extra=${4:-}
args="console=tty0 console=ttyS0,115200 panic=-1${extra:+ $extra}"
isolinux_dir=/usr/lib/ISOLINUX
syslinux_bios=/usr/lib/syslinux/modules/bios
for f in "$isolinux_dir/isolinux.bin" "$isolinux_dir/isohdpfx.bin" "$syslinux_bios/ldlinux.c32"; do
  [ -f "$f" ] || { echo "make-hello-iso: $f missing (apt-get install isolinux syslinux-common)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hello-iso.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
tree=$work/tree
mkdir -p "$tree/isolinux" "$tree/hello" "$tree/boot"
cp "$kernel" "$tree/hello/vmlinuz"
cp "$initrd" "$tree/hello/initrd"

# BIOS: isolinux. "serial" must be the first directive; "prompt 1" without timeout waits at "boot:".
cp "$isolinux_dir/isolinux.bin" "$syslinux_bios/ldlinux.c32" "$tree/isolinux/"
cat > "$tree/isolinux/isolinux.cfg" <<CFG
serial 0 115200
prompt 1
timeout 0
default hello
label hello
  kernel /hello/vmlinuz
  append initrd=/hello/initrd $args
CFG

# UEFI: GRUB with its modules and grub.cfg in a memdisk; the kernel is found on the ISO by file name.
cat > "$work/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=1
set default=0
search --no-floppy --file --set=root /hello/vmlinuz
menuentry 'hello' {
  linux /hello/vmlinuz $args
  initrd /hello/initrd
}
CFG
grub-mkstandalone -O x86_64-efi -o "$work/BOOTX64.EFI" \
  --install-modules="linux normal iso9660 search search_fs_file serial terminal echo test configfile part_gpt part_msdos fat efi_gop efi_uga all_video" \
  --modules="part_gpt part_msdos iso9660" --locales= --fonts= --themes= \
  "boot/grub/grub.cfg=$work/grub.cfg"
kib=$(( $(stat -c %s "$work/BOOTX64.EFI") / 1024 + 128 ))
mkfs.vfat -C -n HELLOEFI "$tree/boot/efi.img" "$kib" >/dev/null
mmd -i "$tree/boot/efi.img" ::/EFI ::/EFI/BOOT
mcopy -i "$tree/boot/efi.img" "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI

xorriso -as mkisofs -quiet -o "$out" -V HELLO -J -r \
  -isohybrid-mbr "$isolinux_dir/isohdpfx.bin" \
  -c isolinux/boot.cat -b isolinux/isolinux.bin -no-emul-boot -boot-load-size 4 -boot-info-table \
  -eltorito-alt-boot -e boot/efi.img -no-emul-boot -isohybrid-gpt-basdat \
  "$tree"
