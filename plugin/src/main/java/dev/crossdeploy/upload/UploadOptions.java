package dev.crossdeploy.upload;

import dev.crossdeploy.input.Inputs;

/**
 * How artifacts are put into S3.
 *
 * @param multipartThreshold files larger than this many bytes go up in parallel parts
 * @param partSize           bytes per part (S3 needs at least 5 MiB for all parts but the last)
 * @param parallelism        parts in flight at once
 * @param nativeClient       large files go up through the SDK's native S3 client where its library loads;
 *                           false keeps them on the Java client
 */
public record UploadOptions(long multipartThreshold, long partSize, int parallelism, boolean nativeClient) {
    public static final long MIB = 1024 * 1024;
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest part, and its largest single PUT. */
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
    public static final int MAX_PARALLELISM = 64;
    /** 16 MiB threshold, 5 MiB parts (S3's smallest: the native client holds less in flight), 4 at a time, the native client. */
    public static final UploadOptions DEFAULTS = new UploadOptions(16 * MIB, 5 * MIB, 4);

    /** These sizes through the native client. */
    public UploadOptions(long multipartThreshold, long partSize, int parallelism) {
        this(multipartThreshold, partSize, parallelism, true);
    }

    /** The same sizes, every part through the Java client. */
    public UploadOptions withJavaClient() {
        return new UploadOptions(multipartThreshold, partSize, parallelism, false);
    }

    /** Reads the four settings as typed ({@code -Dcrossdeploy.partSize=...}); null means the default. */
    public static UploadOptions parse(String multipartThreshold, String partSize, String parallelism, String nativeClient) {
        return new UploadOptions(
                Inputs.number("crossdeploy.multipartThreshold", multipartThreshold, DEFAULTS.multipartThreshold, 1, MAX_PART_SIZE,
                        "1 to " + MAX_PART_SIZE + " (5 GiB) bytes"),
                Inputs.number("crossdeploy.partSize", partSize, DEFAULTS.partSize, MIN_PART_SIZE, MAX_PART_SIZE,
                        MIN_PART_SIZE + " (5 MiB) to " + MAX_PART_SIZE + " (5 GiB) bytes"),
                (int) Inputs.number("crossdeploy.uploadThreads", parallelism, DEFAULTS.parallelism, 1, MAX_PARALLELISM,
                        "1 to " + MAX_PARALLELISM + " threads"),
                Inputs.flag("crossdeploy.nativeUpload", nativeClient, DEFAULTS.nativeClient));
    }

    public UploadOptions {
        if (multipartThreshold < 1) throw new IllegalArgumentException("multipartThreshold must be positive");
        if (partSize < MIN_PART_SIZE) throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum)");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    }
}
