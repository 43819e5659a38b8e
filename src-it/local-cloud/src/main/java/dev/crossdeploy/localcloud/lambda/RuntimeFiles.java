package dev.crossdeploy.localcloud.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The AWS Lambda Java runtime interface client and its dependencies, shipped inside the cloud's
 * jar as resources and unpacked once into the data directory: the workers' whole classpath,
 * apart from the function's own code, so no class of the cloud (its Jackson) reaches a function.
 */
final class RuntimeFiles {
    private static final String RESOURCES = "/dev/crossdeploy/localcloud/lambda/ric/";
    /** The RIC's JNI client for Linux on x86-64 (glibc), which it otherwise unpacks to a shared /tmp path. */
    private static final String NATIVE_CLIENT = "jni/libaws-lambda-jni.linux-x86_64.so";
    private static final String NATIVE_CLIENT_AARCH64 = "jni/libaws-lambda-jni.linux-aarch_64.so";

    private final Path dir;
    private List<Path> classpath;
    private Path nativeClient;

    RuntimeFiles(Path dataDir) { this.dir = dataDir.resolve("lambda").resolve("runtime"); }

    /** The jars the worker JVM runs with. */
    synchronized List<Path> classpath() {
        unpack();
        return classpath;
    }

    /** The JNI library the RIC loads, unpacked once for all workers. */
    synchronized Path nativeClient() {
        unpack();
        return nativeClient;
    }

    private void unpack() {
        if (classpath != null) return;
        try {
            Files.createDirectories(dir);
            List<Path> jars = new ArrayList<>();
            for (String name : index()) {
                Path target = dir.resolve(name);
                if (!Files.exists(target)) copy(RESOURCES + name, target);
                jars.add(target);
            }
            Path ric = jars.get(0);
            String arch = System.getProperty("os.arch");
            String lib = "aarch64".equals(arch) ? NATIVE_CLIENT_AARCH64 : NATIVE_CLIENT;
            Path so = dir.resolve(lib.substring(lib.indexOf('/') + 1));
            if (!Files.exists(so)) {
                try (ZipFile zip = new ZipFile(ric.toFile()); InputStream in = zip.getInputStream(zip.getEntry(lib))) {
                    Path tmp = Files.createTempFile(dir, "jni", ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, so, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            this.nativeClient = so;
            this.classpath = List.copyOf(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the Lambda runtime interface client", e);
        }
    }

    private static List<String> index() throws IOException {
        try (InputStream in = RuntimeFiles.class.getResourceAsStream(RESOURCES + "jars.txt")) {
            if (in == null) throw new IOException("The Lambda runtime interface client is not packaged with the cloud");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    private void copy(String resource, Path target) throws IOException {
        try (InputStream in = RuntimeFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("Missing resource " + resource);
            Path tmp = Files.createTempFile(dir, "jar", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
