package org.mondo.archive;

import picocli.CommandLine;

/** The version every program prints, from the jar's manifest when there is one. */
public final class Version implements CommandLine.IVersionProvider {
    public static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return "Mondo " + (v == null ? "0.1.0-dev" : v) + " (on-media format "
                + org.mondo.volumes.VolumeFiles.FORMAT_VERSION + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }
}
