package dev.crossdeploy.stack;

/**
 * One resource change of a change set.
 *
 * @param action      Add, Modify, Remove, Import or Dynamic
 * @param logicalId   the resource's logical id
 * @param type        the resource type
 * @param replacement True, False or Conditional for Modify; empty otherwise
 */
public record ChangeRow(String action, String logicalId, String type, String replacement) {
    public ChangeRow {
        replacement = replacement == null ? "" : replacement;
    }

    /** Whether this change deletes the resource's current instance, or may. */
    public boolean destroysCurrent() {
        return "Remove".equals(action)
                || ("Modify".equals(action) && ("True".equals(replacement) || "Conditional".equals(replacement)));
    }
}
