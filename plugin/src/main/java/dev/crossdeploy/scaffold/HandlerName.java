package dev.crossdeploy.scaffold;

import dev.crossdeploy.CrossdeployException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The function's handler: a class name and its method, as Lambda's {@code Handler} property
 * names them ({@code com.acme.orders.OrdersHandler::handleRequest}).
 */
public record HandlerName(String className, String method) {
    private static final String JAVA_NAME = "[A-Za-z_$][A-Za-z0-9_$]*";

    /** The handler source file's path under {@code src/main/java}. */
    public Path sourceFile() {
        return Path.of(className.replace('.', '/') + ".java");
    }

    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** {@code Class::method}, Lambda's form. */
    public String lambdaHandler() {
        return className + "::" + method;
    }

    /**
     * The handler the user named ({@code com.acme.Orders} or {@code com.acme.Orders::handle}), or
     * by default {@code <groupId>.<ArtifactId>Handler::handleRequest}.
     *
     * @throws CrossdeployException one line when the name is not a Java class name
     */
    public static HandlerName of(String given, String groupId, String artifactId) {
        if (given == null || given.isBlank()) {
            String pkg = javaPackage(groupId);
            String simple = camel(artifactId) + "Handler";
            return new HandlerName(pkg.isEmpty() ? simple : pkg + "." + simple, "handleRequest");
        }
        String text = given.trim();
        String className = text;
        String method = "handleRequest";
        int sep = text.indexOf("::");
        if (sep >= 0) {
            className = text.substring(0, sep);
            method = text.substring(sep + 2);
        }
        if (!className.matches(JAVA_NAME + "(\\." + JAVA_NAME + ")*") || !method.matches(JAVA_NAME)) {
            throw new CrossdeployException("crossdeploy.handler '" + given + "' is not a Java class name with an optional"
                    + " ::method; e.g. -Dcrossdeploy.handler=com.acme.orders.OrdersHandler::handleRequest.");
        }
        return new HandlerName(className, method);
    }

    private static String javaPackage(String groupId) {
        StringBuilder pkg = new StringBuilder();
        for (String part : groupId.toLowerCase(Locale.ROOT).split("\\.")) {
            String p = part.replaceAll("[^a-z0-9_]", "_");
            if (p.isEmpty()) continue;
            if (!Character.isJavaIdentifierStart(p.charAt(0))) p = "_" + p;
            if (!pkg.isEmpty()) pkg.append('.');
            pkg.append(p);
        }
        return pkg.toString();
    }

    private static String camel(String artifactId) {
        StringBuilder name = new StringBuilder();
        for (String word : artifactId.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) continue;
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) name.insert(0, "Service");
        return name.toString();
    }
}
