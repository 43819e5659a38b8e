package dev.crossdeploy.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of the README's second-team guide, exactly as written: each fenced block that an
 * HTML comment {@code <!-- guide:file PATH -->}, {@code <!-- guide:run NAME -->} or
 * {@code <!-- guide:aws -->} directly precedes.
 */
final class ReadmeGuide {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- guide:(file|run|aws)(?: (\\S+))? -->\\n```[a-z]*\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    private String aws;

    static ReadmeGuide read(Path readme) throws IOException {
        ReadmeGuide guide = new ReadmeGuide();
        Matcher m = BLOCK.matcher(Files.readString(readme));
        while (m.find()) {
            switch (m.group(1)) {
                case "file" -> guide.files.put(m.group(2), m.group(3));
                case "run" -> guide.commands.put(m.group(2), m.group(3));
                default -> guide.aws = m.group(3);
            }
        }
        return guide;
    }

    /** The files to write, by their path in the service's folder. */
    Map<String, String> files() {
        return files;
    }

    /** The commands of the block {@code <!-- guide:run name -->}. */
    String commands(String name) {
        String block = commands.get(name);
        if (block == null) {
            throw new AssertionError("README.md has no block marked <!-- guide:run " + name + " -->; found " + commands.keySet());
        }
        return block;
    }

    /** The block of commands against AWS ({@code <!-- guide:aws -->}). */
    String awsCommands() {
        if (aws == null) throw new AssertionError("README.md has no block marked <!-- guide:aws -->");
        return aws;
    }
}
