package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.layout.Mountlist;

class LayoutReaderReplayTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T04:45:00Z"), ZoneOffset.UTC);

    @Test
    void dump() throws Exception {
        CapturedMachine m = CapturedMachine.load("vm-uefi-nvme-lvm-raid1");
        LayoutReader r = new LayoutReader(m, new LayoutReader.Options(Set.of(), CLOCK));
        Layout l = r.read();
        Files.writeString(java.nio.file.Path.of("/tmp/layout.expected"), LayoutFormat.toText(l));
        Files.writeString(java.nio.file.Path.of("/tmp/mountlist.expected"), Mountlist.from(l).toText());
        System.out.println(r.warnings());
    }
}
