package dev.crossdeploy.stack;

/**
 * One way a stack's resource differs from its template: a property that changed, appeared or
 * went away ({@code path} its CloudFormation property path), or the whole resource deleted
 * ({@code path} null). Values are as CloudFormation reports them, null where absent.
 */
public record DriftItem(String logicalId, String type, String status, String path, String expected, String actual) {
    /** How the item reads in one line: "Data /VersioningConfiguration/Status expected Enabled, actual Suspended". */
    public String summary() {
        if (path == null) return logicalId + " (" + type + ") " + status.toLowerCase(java.util.Locale.ROOT);
        return logicalId + " " + path + " expected " + shown(expected) + ", actual " + shown(actual);
    }

    static String shown(String value) { return value == null ? "(none)" : value; }
}
