package dev.crossdeploy.localcloud.apigateway;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One resource of a deployed API: its id and path template ("/notes/{id}", "/{proxy+}", "/"). */
record ApiResource(String id, String path) {
    private static final int LITERAL = 2;
    private static final int PARAMETER = 1;
    private static final int GREEDY = 0;

    /**
     * How a request path matched: a score per template part (literal 2, {@code {param}} 1,
     * greedy 0) to rank matches, and the bound path parameters (decoded).
     */
    record Match(int[] score, Map<String, String> pathParameters) {}

    List<String> parts() {
        return "/".equals(path) ? List.of() : Arrays.asList(path.substring(1).split("/"));
    }

    /** Matches decoded path segments against this template; empty when it does not match. */
    Optional<Match> match(List<String> segments) {
        List<String> parts = parts();
        int[] score = new int[parts.size()];
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                // A greedy part is the last of its path and takes one segment or more.
                if (i != parts.size() - 1 || segments.size() <= i) return Optional.empty();
                params.put(part.substring(1, part.length() - 2), String.join("/", segments.subList(i, segments.size())));
                score[i] = GREEDY;
                return Optional.of(new Match(score, params));
            }
            if (i >= segments.size()) return Optional.empty();
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
                score[i] = PARAMETER;
            } else if (part.equals(segments.get(i))) {
                score[i] = LITERAL;
            } else {
                return Optional.empty();
            }
        }
        return segments.size() == parts.size() ? Optional.of(new Match(score, params)) : Optional.empty();
    }
}
