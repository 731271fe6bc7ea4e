package probelab.web.common;

/** DOM ids that Java (htmx headers) and templates (hx-target) both use. */
public final class Ids {
    private Ids() {
    }

    /** The swappable report: filter bar, header, cells and heatmap. */
    public static final String REPORT = "report";
    /** The page's main content, the skip link's target. */
    public static final String MAIN = "main";
    /** The verdict summary at the top of the report. */
    public static final String VERDICT = "verdict";
    /** Where error fragments of htmx requests land (every page has it). */
    public static final String ERRORS = "errors";
    public static final String FILTERS = "filters";
    public static final String JOB_FORM = "job-form";
    public static final String JOB_LIST = "job-list";
    public static final String SHARE_BUTTON = "share-button";
    public static final String SHARE_RESULT = "share-result";
    /** The Share menu's link to the view as one self-contained HTML file. */
    public static final String DOWNLOAD_REPORT = "download-report";
    /** The banner of a shared view that says newer data exists. */
    public static final String SHARE_BANNER = "share-banner";
    public static final String SHARE_LIST = "share-list";
    public static final String NOTEBOOK_CELLS = "notebook-cells";
    /** The fact-check's table of claims. */
    public static final String CLAIMS_CHECK = "claims-check";

    /** One claim's row on the fact-check page, the target of links to it. */
    public static String claim(String claimId) {
        return "claim-" + claimId;
    }

    public static String notebookCell(String cellId) {
        return "nb-cell-" + cellId;
    }

    /**
     * A filter input's id, stable across swaps: htmx puts the focus back on the element with the id that had it, so
     * a keyboard user stays on the checkbox they just toggled.
     */
    public static String filterInput(String name, String value) {
        return "f-" + name + "-" + value.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public static String cell(String cell) {
        return "cell-" + cell;
    }

    public static String chart(String cell, String figure) {
        return "chart-" + cell + "-" + figure;
    }

    public static String job(String id) {
        return "job-" + id;
    }

    /** "#id", for hx-target and HX-Retarget. */
    public static String sel(String id) {
        return "#" + id;
    }
}
