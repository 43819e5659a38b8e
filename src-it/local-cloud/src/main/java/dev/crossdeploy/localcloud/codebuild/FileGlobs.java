package dev.crossdeploy.localcloud.codebuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a buildspec's {@code files} globs choose under a base directory: {@code *} within
 * one path segment, {@code **} across segments ({@code src/**}{@code /*} includes the files
 * directly in src, as CodeBuild's globs do). Paths are relative, with '/' separators.
 */
final class FileGlobs {
    private FileGlobs() {}

    static List<String> match(Path base, List<String> globs) throws IOException {
        if (!Files.isDirectory(base)) return List.of();
        List<Pattern> patterns = globs.stream().map(FileGlobs::toRegex).toList();
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(Files::isRegularFile).forEach(f -> all.add(base.relativize(f).toString().replace('\\', '/')));
        }
        all.sort(null);
        for (Pattern p : patterns) {
            for (String f : all) if (p.matcher(f).matches()) out.add(f);
        }
        return new ArrayList<>(out);
    }

    static Pattern toRegex(String glob) {
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    re.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
