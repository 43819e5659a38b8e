package dev.crossdeploy.localcloud.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Deployment packages as Lambda holds them: the zip a function was created or updated with is
 * copied when the function is deployed (so a later overwrite of the S3 object changes nothing,
 * as in AWS), named by its CodeSha256, and unpacked once per hash into a task root.
 */
public final class CodePackages {
    private final Path dir;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public CodePackages(Path dataDir) { this.dir = dataDir.resolve("lambda").resolve("code"); }

    /** Keeps the package bytes a function was deployed with under their CodeSha256. */
    public static void keep(Path dataDir, String codeSha256, byte[] zip) {
        new CodePackages(dataDir).keep(codeSha256, zip);
    }

    void keep(String codeSha256, byte[] zip) {
        Path target = zipFile(codeSha256);
        if (Files.exists(target)) return;
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "upload", ".tmp");
            Files.write(tmp, zip);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unpacked package for this hash (LAMBDA_TASK_ROOT); empty when the cloud holds no zip
     * for it (inline or image code).
     */
    Optional<Path> taskRoot(String codeSha256) {
        Path zip = zipFile(codeSha256);
        if (!Files.exists(zip)) return Optional.empty();
        Path root = dir.resolve(name(codeSha256));
        synchronized (locks.computeIfAbsent(codeSha256, k -> new Object())) {
            if (!Files.isDirectory(root)) unpack(zip, root);
        }
        return Optional.of(root);
    }

    private static void unpack(Path zip, Path root) {
        Path tmp = root.resolveSibling(root.getFileName() + ".unpacking");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    // A package entry never lands outside its task root ("zip slip").
                    if (!target.startsWith(tmp)) continue;
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the deployment package " + zip, e);
        }
    }

    private Path zipFile(String codeSha256) { return dir.resolve(name(codeSha256) + ".zip"); }

    /** Base64 hashes hold '/' and '+'; file names use hex. */
    private static String name(String codeSha256) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

}
