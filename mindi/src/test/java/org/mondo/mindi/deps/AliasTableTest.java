package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AliasTableTest {
    @Test
    void normalisesDashesOutsideBrackets() {
        assertEquals("input:b0011v0001p0001eAB41_e0", AliasTable.normalize("input:b0011v0001p0001eAB41-e0"));
        assertEquals("fs_xfs[a-z]_x", AliasTable.normalize("fs-xfs[a-z]-x"));
    }

    @Test
    void literalGlobAndBusGroups() {
        AliasTable t = new AliasTable();
        t.add("fs-xfs", "xfs");
        t.add("pci:v00001AF4d*sv*sd*bc*sc*i*", "virtio_pci");
        t.add("pci:v*d*sv*sd*bc01sc08i02*", "nvme");
        t.add("usb:v*p*d*dc*dsc*dp*ic08isc06ip50in*", "usb_storage");
        t.add("*:ven0002*", "anybus");
        assertEquals(Set.of("xfs"), t.match("fs_xfs"));
        assertEquals(Set.of("xfs"), t.match("fs-xfs"));
        assertEquals(List.of("virtio_pci", "nvme"), List.copyOf(t.match("pci:v00001AF4d00001001sv0sd0bc01sc08i02")));
        assertEquals(Set.of(), t.match("usb:v00001AF4d00001001")); // another bus: pci patterns not even tried
        assertEquals(Set.of("anybus"), t.match("cpu:ven0002fam19"));
        assertEquals(Set.of(), t.match("nothing"));
    }
}
