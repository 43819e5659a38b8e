package dev.crossdeploy.maven;

import java.util.LinkedHashMap;

/**
 * A stage's {@code <parameters>} as Maven binds them. Under {@code mvn -X} Maven prints every
 * value it injects; this map prints its keys only, since some values are NoEcho secrets (often
 * given as {@code ${env.X}}, which Maven's own dump of the POM shows unresolved).
 */
public final class StageValues extends LinkedHashMap<String, String> {
    @Override
    public String toString() {
        return keySet().stream().map(k -> k + "=****").collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }
}
