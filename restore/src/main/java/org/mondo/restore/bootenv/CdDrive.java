package org.mondo.restore.bootenv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import org.mondo.media.IsoImage;
import org.mondo.read.DriveVolumes;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.Eject;
import org.mondo.restore.tools.Mounter;
import org.mondo.tools.ToolException;

/**
 * The boot environment's CD/DVD drive when the backup's other volumes are discs: to change the
 * disc it unmounts the boot disc, opens the tray and asks on the console; then it looks at the
 * drive every few seconds, so the restore goes on by itself once the right disc is in (also when
 * the disc is changed through a virtual machine's monitor), without a key to press.
 */
final class CdDrive implements DriveVolumes.Drive {
    private static final Logger LOG = Logger.getLogger("mondo.restore");
    private static final long LOOK_EVERY_MS = 3_000;
    private static final long REMIND_EVERY_MS = 120_000;

    private final String device;
    private final Path mountPoint;
    private final Commands commands;
    private final PrintStream out;
    /** The kernel's "close the tray when the drive is opened": off, or looking would shut the tray on the admin's hand. */
    private final Path autoclose;
    private String request;
    private long lastSaid;

    CdDrive(String device, Path mountPoint, Commands commands, PrintStream out, Path autoclose) {
        this.device = device;
        this.mountPoint = mountPoint;
        this.commands = commands;
        this.out = out;
        this.autoclose = autoclose;
    }

    static boolean isCdDrive(String device) {
        return device.matches("/dev/(sr|scd)\\d+");
    }

    @Override
    public Optional<IsoImage> open() {
        try {
            return Optional.of(IsoImage.open(Path.of(device)));
        } catch (IOException e) {
            return Optional.empty(); // no disc, tray open, or the drive still spinning up
        }
    }

    @Override
    public void ask(String request) {
        this.request = request;
        try {
            if (Files.isWritable(autoclose)) Files.writeString(autoclose, "0\n");
        } catch (IOException e) {
            LOG.info("cannot turn off the tray's autoclose: " + e.getMessage());
        }
        try {
            new Mounter(commands).unmount(mountPoint.toString());
            if (!new Eject(commands).open(device)) LOG.info("eject " + device + " failed: open the tray by hand");
        } catch (ToolException e) {
            LOG.info("releasing " + device + ": " + e.getMessage());
        }
        say(request + " (" + device + "); the restore goes on by itself once it is read");
    }

    @Override
    public void wrongDisc(String what) {
        say(what + ": " + request);
    }

    @Override
    public void pause() throws InterruptedException {
        Thread.sleep(LOOK_EVERY_MS);
        if (System.currentTimeMillis() - lastSaid > REMIND_EVERY_MS) say("still waiting: " + request);
    }

    private void say(String line) {
        lastSaid = System.currentTimeMillis();
        LOG.info(line);
        out.println();
        out.println(">>> " + line);
    }
}
