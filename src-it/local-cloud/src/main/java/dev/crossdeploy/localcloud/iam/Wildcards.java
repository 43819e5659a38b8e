package dev.crossdeploy.localcloud.iam;

/** IAM's glob matching: {@code *} matches any run of characters, {@code ?} any one character. */
public final class Wildcards {
    private Wildcards() {}

    public static boolean match(String pattern, String value) {
        return match(pattern, 0, value, 0, false);
    }

    public static boolean matchIgnoreCase(String pattern, String value) {
        return match(pattern, 0, value, 0, true);
    }

    private static boolean match(String p, int pi, String v, int vi, boolean ignoreCase) {
        // Iterative glob with backtracking on the last star.
        int star = -1, mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || same(p.charAt(pi), v.charAt(vi), ignoreCase))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
