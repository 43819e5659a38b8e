package dev.crossdeploy.localcloud.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 accepts ({@code x-amz-checksum-*}), each computed as a running digest. */
public enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** A digest being fed the body; {@link #base64()} once all bytes are in. */
    public interface Running {
        void update(byte[] b, int off, int len);

        byte[] digest();

        default String base64() { return Base64.getEncoder().encodeToString(digest()); }
    }

    /** The request/response header carrying this checksum: {@code x-amz-checksum-crc32}. */
    public String header() { return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT); }

    /** The XML element naming this checksum: {@code ChecksumCRC32}. */
    public String element() { return "Checksum" + name(); }

    /** AWS's name in error messages: "CRC32", "SHA256". */
    public String displayName() { return name(); }

    public static Optional<ChecksumAlgorithm> named(String name) {
        if (name == null) return Optional.empty();
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) return Optional.of(a);
        }
        return Optional.empty();
    }

    /** The algorithm a header name such as {@code x-amz-checksum-crc32} stands for. */
    public static Optional<ChecksumAlgorithm> ofHeader(String header) {
        if (header == null) return Optional.empty();
        String h = header.trim().toLowerCase(Locale.ROOT);
        return h.startsWith("x-amz-checksum-") ? named(h.substring("x-amz-checksum-".length())) : Optional.empty();
    }

    public Running start() {
        return switch (this) {
            case CRC32 -> crc(new CRC32(), 4);
            case CRC32C -> crc(new CRC32C(), 4);
            case CRC64NVME -> crc(new Crc64Nvme(), 8);
            case SHA1 -> digest("SHA-1");
            case SHA256 -> digest("SHA-256");
        };
    }

    /** The checksum of {@code data} in one go. */
    public byte[] of(byte[] data) {
        Running r = start();
        r.update(data, 0, data.length);
        return r.digest();
    }

    /** Length in bytes of a digest of this algorithm, to tell a valid base64 value from garbage. */
    public int length() {
        return switch (this) {
            case CRC32, CRC32C -> 4;
            case CRC64NVME -> 8;
            case SHA1 -> 20;
            case SHA256 -> 32;
        };
    }

    private static Running crc(Checksum crc, int bytes) {
        return new Running() {
            @Override public void update(byte[] b, int off, int len) { crc.update(b, off, len); }

            @Override public byte[] digest() {
                byte[] full = ByteBuffer.allocate(8).putLong(crc.getValue()).array();
                byte[] out = new byte[bytes];
                System.arraycopy(full, 8 - bytes, out, 0, bytes);
                return out;
            }
        };
    }

    private static Running digest(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Running() {
            @Override public void update(byte[] b, int off, int len) { md.update(b, off, len); }

            @Override public byte[] digest() { return md.digest(); }
        };
    }

    /** CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), as S3 computes it. */
    static final class Crc64Nvme implements Checksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        @Override public void update(int b) { crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8); }

        @Override public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off; i < off + len; i++) c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
            crc = c;
        }

        @Override public long getValue() { return ~crc; }

        @Override public void reset() { crc = -1L; }
    }
}
