package dev.crossdeploy.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of files and byte ranges, streamed from disk. */
public final class Sha256 {
    private Sha256() {}

    /** Lower-case hex digest of the whole file. */
    public static String hexOf(Path file) {
        try {
            return HexFormat.of().formatHex(digest(file, 0, Files.size(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw digest of {@code length} bytes starting at {@code offset}. */
    public static byte[] digest(Path file, long offset, long length) {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) throw new IOException("unexpected end of " + file);
                md.update(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return md.digest();
    }

    /** The base64 form S3's x-amz-checksum-sha256 uses, from a hex digest. */
    public static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
