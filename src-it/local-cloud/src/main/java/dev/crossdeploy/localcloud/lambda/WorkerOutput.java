package dev.crossdeploy.localcloud.lambda;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a worker wrote to stdout and stderr, read line by line as it grows. The process writes
 * to a file rather than a pipe so that everything it wrote before answering the Runtime API is
 * there to read the moment the answer arrives.
 */
final class WorkerOutput {
    private final Path file;
    private long offset;
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

    WorkerOutput(Path file) { this.file = file; }

    Path file() { return file; }

    /** The complete lines written since the last call; {@code all} also returns an unfinished last line. */
    synchronized List<String> newLines(boolean all) {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length > offset) {
                byte[] bytes = new byte[(int) Math.min(length - offset, 16 * 1024 * 1024)];
                in.seek(offset);
                in.readFully(bytes);
                offset += bytes.length;
                for (byte b : bytes) {
                    if (b == '\n') {
                        lines.add(line());
                    } else {
                        partial.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // No output file yet: nothing written.
        }
        if (all && partial.size() > 0) lines.add(line());
        return lines;
    }

    private String line() {
        String s = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
