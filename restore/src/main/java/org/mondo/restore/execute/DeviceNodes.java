package org.mondo.restore.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Waits for the kernel (devtmpfs) to show the device nodes of new partitions, arrays and logical
 * volumes: they appear asynchronously after sfdisk, mdadm or vgchange return.
 */
public class DeviceNodes {
    private final long timeoutMillis;

    public DeviceNodes(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public void await(List<String> devices) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (String d : devices) {
            while (!Files.exists(Path.of(d))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException(d + " did not appear within " + timeoutMillis / 1000 + " s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + d, e);
                }
            }
        }
    }
}
