package dev.crossdeploy.artifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ZipDigestTest {
    @TempDir
    Path dir;

    @Test
    void theCrc32cIsTheStandardOne() throws IOException {
        // "123456789" is the check input of the CRC catalogue: CRC-32C gives e3069283.
        Path file = Files.writeString(dir.resolve("check"), "123456789", StandardCharsets.US_ASCII);

        assertThat(ZipDigest.crc32cOf(file)).isEqualTo("e3069283");
    }

    @Test
    void oneReadGivesTheSameChecksumsAsReadingTwice() throws IOException {
        byte[] bytes = new byte[3 * 64 * 1024 + 17]; // buffer boundaries and a short tail
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("a.zip"), bytes);

        ZipDigest digest = ZipDigest.of(file);

        assertThat(digest.sha256()).isEqualTo(Sha256.hexOf(file));
        assertThat(digest.crc32c()).isEqualTo(ZipDigest.crc32cOf(file)).hasSize(8);
    }

    @Test
    void smallCrcsKeepTheirLeadingZeros() throws IOException {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(ZipDigest.crc32cOf(empty)).isEqualTo("00000000");
    }
}
