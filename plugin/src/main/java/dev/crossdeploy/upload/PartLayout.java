package dev.crossdeploy.upload;

import java.nio.file.Path;

/**
 * How a file is cut into multipart parts: the configured part size, grown for files that would
 * otherwise need more than S3's 10,000 parts.
 */
record PartLayout(long size, long partSize, int parts) {
    static PartLayout of(long size, UploadOptions options) {
        long partSize = Math.max(options.partSize(), (size + 9_999) / 10_000);
        return new PartLayout(size, partSize, (int) ((size + partSize - 1) / partSize));
    }

    /** The line that opens an upload: "Uploading a.zip (11.0 MiB) to s3://... in 3 parts of 5.0 MiB, 2 at a time". */
    String announce(Path file, ObjectTarget target, int parallelism) {
        return "Uploading " + file.getFileName() + " (" + MultipartPut.mib(size) + ") to " + target.uri() + " in "
                + parts + " parts of " + MultipartPut.mib(partSize) + ", " + Math.min(parts, parallelism) + " at a time";
    }
}
