package dev.crossdeploy.stack;

import dev.crossdeploy.report.ChangeSetTable;

/**
 * One resource change of a change set.
 *
 * @param action      Add, Modify, Remove, Import or Dynamic
 * @param logicalId   the resource's logical id
 * @param type        the resource type
 * @param replacement True, False or Conditional for Modify; empty otherwise
 * @param why         what changes, from CloudFormation's Scope and Details ("Properties: Code",
 *                    "Tags", "Properties: TableName (replaces)"); empty for Add and Remove
 */
public record ChangeRow(String action, String logicalId, String type, String replacement, String why) {
    public ChangeRow {
        replacement = replacement == null ? "" : replacement;
        why = why == null ? "" : why;
    }

    /** A change without details (Add, Remove). */
    public ChangeRow(String action, String logicalId, String type, String replacement) {
        this(action, logicalId, type, replacement, "");
    }

    /** Whether this change deletes the resource's current instance, or may. */
    public boolean destroysCurrent() {
        return "Remove".equals(action)
                || ("Modify".equals(action) && ("True".equals(replacement) || "Conditional".equals(replacement)));
    }

    /** The row as the change-set table prints it. */
    ChangeSetTable.Change forTable() {
        return new ChangeSetTable.Change(action, logicalId, type, replacement, why);
    }
}
