package org.mondo.layout;

/**
 * A boot loader found on the machine. GRUB_PC: GRUB's boot code in sector 0 of {@code device} (a
 * disk). GRUB_EFI: {@code path} is the GRUB image on the ESP (e.g. /EFI/debian/grubx64.efi) and
 * {@code device} the ESP. LILO: LILO's boot code in sector 0 of {@code device}.
 */
public record BootLoader(Kind kind, String device, String path) {

    public enum Kind {
        GRUB_PC("grub-pc"),
        GRUB_EFI("grub-efi"),
        LILO("lilo");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.text.equals(s)) return k;
            }
            throw new IllegalArgumentException("unknown boot loader '" + s + "' (grub-pc, grub-efi or lilo)");
        }
    }

    public BootLoader {
        path = path == null ? "" : path;
    }
}
