package dev.crossdeploy.upload;

/**
 * How artifacts are put into S3.
 *
 * @param multipartThreshold files larger than this many bytes go up in parallel parts
 * @param partSize           bytes per part (S3 needs at least 5 MiB for all parts but the last)
 * @param parallelism        parts in flight at once
 */
public record UploadOptions(long multipartThreshold, long partSize, int parallelism) {
    public static final long MIB = 1024 * 1024;
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** 16 MiB threshold, 8 MiB parts, 4 at a time. */
    public static final UploadOptions DEFAULTS = new UploadOptions(16 * MIB, 8 * MIB, 4);

    public UploadOptions {
        if (multipartThreshold < 1) throw new IllegalArgumentException("multipartThreshold must be positive");
        if (partSize < MIN_PART_SIZE) throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum)");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    }
}
