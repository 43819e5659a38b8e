package dev.crossdeploy.upload;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Warns before a large upload from a JVM held to its first compiler tier
 * ({@code -XX:TieredStopAtLevel=1}, which the README recommends for fast start): that tier has
 * none of the CPU's AES and SHA instructions, so encrypting a part for HTTPS (or signing it over
 * http) runs many times slower than the same JVM without the flag.
 */
final class CompilerTierCheck {
    /** From this size up the slower crypto costs more than the flag saves at start (measured: BENCHMARKS.md). */
    static final long LARGE = 64 * UploadOptions.MIB;

    private CompilerTierCheck() {}

    /** The warning for this JVM and an upload of {@code size} bytes, if one is due. */
    static Optional<String> warning(String fileName, long size) {
        return size < LARGE ? Optional.empty() : warning(fileName, size, tieredStopAtLevel());
    }

    static Optional<String> warning(String fileName, long size, String tieredStopAtLevel) {
        if (size < LARGE || !"1".equals(tieredStopAtLevel)) return Optional.empty();
        return Optional.of(fileName + " is " + MultipartPut.mib(size) + " and this JVM runs with -XX:TieredStopAtLevel=1"
                + " (.mvn/jvm.config or MAVEN_OPTS), which encrypts and checksums it without the CPU's AES and SHA"
                + " instructions, several times slower; leave that flag out for artifacts over "
                + MultipartPut.mib(LARGE) + ".");
    }

    /** This JVM's TieredStopAtLevel as HotSpot reports it; null on a JVM that does not say. */
    static String tieredStopAtLevel() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel").getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
