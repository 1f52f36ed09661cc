package org.mondo.volumes;

/** The names of the files every volume carries in archives/ (see docs/on-media-format.md). */
public final class VolumeFiles {
    public static final String DIR = "archives";
    public static final String THIS_NUMBER = "THIS-CD-NUMBER";
    public static final String NOT_THE_LAST = "NOT-THE-LAST";
    public static final String BACKUP_ID = "BACKUP-ID";
    public static final String CATALOG = "catalog.gz";
    public static final String FILELIST = "filelist.full.gz";
    public static final String BIGGIELIST = "biggielist.txt";
    public static final String PROBLEMS = "problems.txt";
    public static final int FORMAT_VERSION = 1;

    private VolumeFiles() {}
}
