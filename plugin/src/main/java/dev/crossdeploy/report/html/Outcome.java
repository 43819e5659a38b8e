package dev.crossdeploy.report.html;

/** How one resource's part of the operation ended, and the colour its bar has. */
public enum Outcome {
    COMPLETE("complete", "#2e7d32"),
    FAILED("failed", "#c62828"),
    ROLLED_BACK("rolled back or cancelled", "#f9a825"),
    DELETED("deleted", "#9e9e9e");

    private final String label;
    private final String colour;

    Outcome(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }

    public String label() { return label; }

    /** The bar's fill, as #rrggbb. */
    public String colour() { return colour; }
}
