package dev.crossdeploy.localcloud.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds Lambda deployment packages at test time from handler classes compiled in the test tree. */
public final class FunctionZips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public static FunctionZips of(Class<?>... handlers) {
        FunctionZips zip = new FunctionZips();
        for (Class<?> c : handlers) zip.classFiles(c);
        return zip;
    }

    /** A file at the package's root (on the function's classpath). */
    public FunctionZips file(String name, String text) {
        entries.put(name, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The jar a class comes from, under lib/ as Lambda's Java runtimes load dependencies. */
    public FunctionZips libraryOf(Class<?> type) {
        Path jar = location(type);
        try {
            entries.put("lib/" + jar.getFileName(), Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Every jar of the test class path whose path contains one of {@code fragments}, under lib/
     * (the AWS SDK for a function that calls AWS, say).
     */
    public FunctionZips librariesMatching(String... fragments) {
        for (Path jar : testClassPath()) {
            String unix = jar.toString().replace('\\', '/');
            if (!unix.endsWith(".jar")) continue;
            if (java.util.Arrays.stream(fragments).noneMatch(unix::contains)) continue;
            try {
                entries.put("lib/" + jar.getFileName(), Files.readAllBytes(jar));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** The test class path, also when Surefire hands it over in a manifest-only jar. */
    private static java.util.List<Path> testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String plain = surefire != null ? surefire : System.getProperty("java.class.path");
        java.util.List<Path> entries = java.util.Arrays.stream(plain.split(java.io.File.pathSeparator)).map(Path::of).toList();
        if (entries.size() != 1 || !entries.get(0).toString().endsWith(".jar")) return entries;
        try (var jar = new java.util.jar.JarFile(entries.get(0).toFile())) {
            String manifestPath = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Class-Path");
            if (manifestPath == null) return entries;
            return java.util.Arrays.stream(manifestPath.trim().split("\\s+"))
                    .map(u -> Path.of(java.net.URI.create(u.startsWith("file:") ? u : entries.get(0).toUri().resolve(u).toString())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void classFiles(Class<?> type) {
        Path root = location(type);
        String path = type.getName().replace('.', '/');
        Path dir = root.resolve(path).getParent();
        String simple = type.getSimpleName();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().equals(simple + ".class")
                            || f.getFileName().toString().startsWith(simple + "$"))
                    .forEach(f -> {
                        try {
                            entries.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
