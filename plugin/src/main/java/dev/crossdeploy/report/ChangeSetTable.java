package dev.crossdeploy.report;

import java.util.List;
import java.util.Map;

/** Renders a change set's rows and the parameters it was created with. */
public final class ChangeSetTable {
    private ChangeSetTable() {}

    /**
     * One resource change as the table shows it.
     *
     * @param why what changes, e.g. "Properties: Code" or "Tags"; empty for Add and Remove
     */
    public record Change(String action, String logicalId, String type, String replacement, String why) {}

    public static List<String> changes(List<Change> rows) {
        Table table = Table.withHeaders("Action", "Logical ID", "Type", "Replacement", "Why");
        rows.forEach(r -> table.row(r.action(), r.logicalId(), r.type(), r.replacement(), r.why()));
        return table.lines();
    }

    /** Parameter values as given; callers pass values with NoEcho ones already masked. */
    public static List<String> parameters(Map<String, String> printable) {
        Table table = Table.withHeaders("Parameter", "Value");
        printable.forEach(table::row);
        return table.lines();
    }

    public static List<String> outputs(Map<String, String> outputs) {
        Table table = Table.withHeaders("Output", "Value");
        outputs.forEach(table::row);
        return table.lines();
    }
}
