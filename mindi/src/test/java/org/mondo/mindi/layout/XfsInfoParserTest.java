package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mondo.layout.FsOptions;

class XfsInfoParserTest {

    @Test
    void readsTheGeometry() {
        FsOptions.Xfs x = XfsInfoParser.parse(Captures.vm(XfsInfoParser.command("/dev/mapper/vg0-var")));
        assertEquals(512, x.isize());
        assertEquals(4096, x.bsize()); // data bsize, not naming's or log's
        assertEquals(512, x.sectsz());
        assertEquals(4, x.agcount());
        assertEquals(16384L * 4096, x.logBytes());
        assertTrue(x.logInternal());
        assertEquals(1, x.crc());
        assertEquals(1, x.reflink());
        assertEquals(0, x.rmapbt());
        assertEquals(1, x.bigtime());
        assertEquals(1, x.ftype());
        assertEquals(0, x.sunit());
    }

    @Test
    void featuresAnOlderXfsInfoDoesNotPrintAreUnknown() {
        // Written by hand in the layout of xfs_info before 5.x (not captured): no bigtime, inobtcount
        // or reflink, and they must stay -1 (unknown), not 0.
        String old = """
                meta-data=/dev/sda2              isize=512    agcount=4, agsize=65536 blks
                         =                       sectsz=512   attr=2, projid32bit=1
                         =                       crc=1        finobt=1 spinodes=0
                data     =                       bsize=4096   blocks=262144, imaxpct=25
                         =                       sunit=0      swidth=0 blks
                naming   =version 2              bsize=4096   ascii-ci=0 ftype=1
                log      =internal               bsize=4096   blocks=2560, version=2
                         =                       sectsz=512   sunit=0 blks, lazy-count=1
                realtime =none                   extsz=4096   blocks=0, rtextents=0
                """;
        FsOptions.Xfs x = XfsInfoParser.parse(old);
        assertEquals(-1, x.bigtime());
        assertEquals(-1, x.reflink());
        assertEquals(2560L * 4096, x.logBytes());
    }
}
