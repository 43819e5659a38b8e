package dev.crossdeploy.localcloud.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * CloudWatch Logs' filter patterns for unstructured events, case-sensitive: {@code ERROR} (the
 * word), {@code "exact phrase"}, several terms (all must occur), {@code ?ERROR ?WARN} (any),
 * {@code -DEBUG} (must not occur) and {@code %regex%}. JSON ({@code { $.x = 1 }}) and
 * space-delimited ({@code [a, b]}) patterns are not supported and refused.
 */
final class FilterPattern {
    private final List<Pattern> all = new ArrayList<>();
    private final List<Pattern> any = new ArrayList<>();
    private final List<Pattern> none = new ArrayList<>();

    private FilterPattern() {}

    static FilterPattern parse(String text) {
        FilterPattern p = new FilterPattern();
        if (text == null || text.isBlank()) return p;
        String t = text.trim();
        if (t.startsWith("{") || t.startsWith("[")) {
            throw LogsErrors.invalid("Invalid filter pattern: JSON and space-delimited filter patterns are not supported by the local cloud.");
        }
        if (t.length() >= 2 && t.startsWith("%") && t.endsWith("%")) {
            try {
                p.all.add(Pattern.compile(t.substring(1, t.length() - 1)));
            } catch (PatternSyntaxException e) {
                throw LogsErrors.invalid("Invalid regex in filter pattern: " + t);
            }
            return p;
        }
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            List<Pattern> into = p.all;
            if (c == '?' || c == '-') {
                into = c == '?' ? p.any : p.none;
                i++;
            }
            if (i < t.length() && t.charAt(i) == '"') {
                int end = t.indexOf('"', i + 1);
                if (end < 0) throw LogsErrors.invalid("Invalid filter pattern: unterminated quote in " + text);
                into.add(Pattern.compile(Pattern.quote(t.substring(i + 1, end))));
                i = end + 1;
            } else {
                int end = i;
                while (end < t.length() && !Character.isWhitespace(t.charAt(end))) end++;
                String word = t.substring(i, end);
                if (word.isEmpty()) throw LogsErrors.invalid("Invalid filter pattern: " + text);
                // An unquoted term is a word: it does not match inside a longer word.
                into.add(Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])"));
                i = end;
            }
        }
        return p;
    }

    boolean matches(String message) {
        for (Pattern p : all) if (!p.matcher(message).find()) return false;
        for (Pattern p : none) if (p.matcher(message).find()) return false;
        if (any.isEmpty()) return true;
        for (Pattern p : any) if (p.matcher(message).find()) return true;
        return false;
    }
}
