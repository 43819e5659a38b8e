package dev.crossdeploy.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The two checksums {@code package} records of its zip, read from disk once: the SHA-256 names
 * the artifact in every bucket (and is what Lambda reports as CodeSha256); the CRC32C is what
 * the later goals check the file by. CRC32C runs on the CPU's own instruction in every JIT tier,
 * so checking hundreds of MiB takes milliseconds, where SHA-256 under the recommended
 * {@code -XX:TieredStopAtLevel=1} takes seconds.
 *
 * @param sha256 lower-case hex SHA-256
 * @param crc32c lower-case hex CRC32C, eight digits
 */
public record ZipDigest(String sha256, String crc32c) {
    private static final int BUFFER = 64 * 1024;

    /** Both checksums of the whole file, in one read. */
    public static ZipDigest of(Path file) {
        MessageDigest sha = Sha256.newDigest();
        CRC32C crc = new CRC32C();
        read(file, (buffer, n) -> {
            sha.update(buffer, 0, n);
            crc.update(buffer, 0, n);
        });
        return new ZipDigest(HexFormat.of().formatHex(sha.digest()), hex(crc.getValue()));
    }

    /** Lower-case hex CRC32C of the whole file. */
    public static String crc32cOf(Path file) {
        CRC32C crc = new CRC32C();
        read(file, (buffer, n) -> crc.update(buffer, 0, n));
        return hex(crc.getValue());
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    private interface Chunk { void accept(byte[] buffer, int n); }

    private static void read(Path file, Chunk chunk) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) chunk.accept(buffer, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
