package dev.crossdeploy.localcloud.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * Writes down every secret the cloud hands out or is handed — issued secret keys and session
 * tokens, NoEcho parameter values — when the system property {@value #PROPERTY} names a file,
 * so that a scan of a whole test run's output can prove none of them was ever printed.
 * Off by default: then nothing is kept.
 */
public final class SecretLedger {
    public static final String PROPERTY = "localcloud.secretLedger";
    /** Shorter values would match ordinary text; no secret this cloud issues is that short. */
    static final int MIN_LENGTH = 8;

    private SecretLedger() {}

    /** Records {@code secrets} (nulls and short values skipped) if a ledger is configured. */
    public static void record(Collection<String> secrets) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return;
        StringBuilder lines = new StringBuilder();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_LENGTH && s.indexOf('\n') < 0) lines.append(s).append('\n');
        }
        if (lines.isEmpty()) return;
        append(Path.of(file), lines.toString());
    }

    // Processes (the forked cloud, test JVMs) append to one file; one write per call keeps lines whole.
    private static synchronized void append(Path file, String lines) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret ledger " + file, e);
        }
    }
}
