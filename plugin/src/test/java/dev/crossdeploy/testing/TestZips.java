package dev.crossdeploy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real zips for upload tests: the uploader refuses anything else. */
public final class TestZips {
    /** Local header + central directory for one stored entry named "r", and the end record. */
    private static final int OVERHEAD = 30 + 1 + 46 + 1 + 22;

    private TestZips() {}

    /** A zip of exactly {@code size} bytes: one stored entry of pseudo-random bytes (incompressible, as the tests need). */
    public static Path ofSize(Path zip, long size) throws IOException {
        byte[] data = new byte[(int) (size - OVERHEAD)];
        new Random(size).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        ZipEntry entry = new ZipEntry("r");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L + 2000);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(entry);
            out.write(data);
            out.closeEntry();
        }
        if (Files.size(zip) != size) throw new IllegalStateException("zip is " + Files.size(zip) + " bytes, not " + size);
        return zip;
    }

    /** A zip with the given entries (name to content). */
    public static Path of(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }
}
