package dev.crossdeploy.localcloud.cloudformation.resources.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lambda's runtime identifiers: those a function may be created with today, and deprecated ones
 * Lambda still knows but refuses for new functions and updates.
 */
public final class Runtimes {
    private Runtimes() {}

    static final List<String> SUPPORTED = List.of(
            "nodejs24.x", "nodejs22.x", "nodejs20.x",
            "python3.14", "python3.13", "python3.12", "python3.11", "python3.10",
            "java25", "java21", "java17", "java11", "java8.al2",
            "dotnet10", "dotnet8",
            "ruby3.4", "ruby3.3",
            "provided.al2023", "provided.al2");

    /** Deprecated runtime → the runtime Lambda recommends instead. */
    private static final Map<String, String> BLOCKED = new TreeMap<>(Map.ofEntries(
            Map.entry("nodejs", "nodejs22.x"), Map.entry("nodejs4.3", "nodejs22.x"), Map.entry("nodejs4.3-edge", "nodejs22.x"),
            Map.entry("nodejs6.10", "nodejs22.x"), Map.entry("nodejs8.10", "nodejs22.x"), Map.entry("nodejs10.x", "nodejs22.x"),
            Map.entry("nodejs12.x", "nodejs22.x"), Map.entry("nodejs14.x", "nodejs22.x"), Map.entry("nodejs16.x", "nodejs22.x"),
            Map.entry("nodejs18.x", "nodejs22.x"),
            Map.entry("python2.7", "python3.13"), Map.entry("python3.6", "python3.13"), Map.entry("python3.7", "python3.13"),
            Map.entry("python3.8", "python3.13"), Map.entry("python3.9", "python3.13"),
            Map.entry("java8", "java21"),
            Map.entry("dotnetcore1.0", "dotnet8"), Map.entry("dotnetcore2.0", "dotnet8"), Map.entry("dotnetcore2.1", "dotnet8"),
            Map.entry("dotnetcore3.1", "dotnet8"), Map.entry("dotnet6", "dotnet8"),
            Map.entry("ruby2.5", "ruby3.3"), Map.entry("ruby2.7", "ruby3.3"), Map.entry("ruby3.2", "ruby3.3"),
            Map.entry("go1.x", "provided.al2023"), Map.entry("provided", "provided.al2023")));

    /** Why Lambda refuses {@code runtime}, or empty when it accepts it. */
    public static Optional<String> problem(String runtime) {
        if (runtime == null || SUPPORTED.contains(runtime)) return Optional.empty();
        String instead = BLOCKED.get(runtime);
        if (instead != null) {
            return Optional.of("The runtime parameter of " + runtime + " is no longer supported for creating or updating"
                    + " AWS Lambda functions. We recommend you use the new runtime (" + instead
                    + ") while creating or updating functions.");
        }
        List<String> all = new java.util.ArrayList<>(SUPPORTED);
        all.addAll(BLOCKED.keySet());
        return Optional.of("1 validation error detected: Value '" + runtime + "' at 'runtime' failed to satisfy constraint:"
                + " Member must satisfy enum value set: " + all + " or be a valid ARN");
    }
}
