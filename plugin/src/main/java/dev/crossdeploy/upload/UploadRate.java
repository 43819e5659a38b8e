package dev.crossdeploy.upload;

import java.util.Locale;

/** "256.0 MiB in 1.62 s, 158 MiB/s": what an upload took, for its log line. */
final class UploadRate {
    private UploadRate() {}

    static String of(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%s in %.2f s, %.0f MiB/s", MultipartPut.mib(bytes), seconds,
                bytes / (double) UploadOptions.MIB / seconds);
    }
}
