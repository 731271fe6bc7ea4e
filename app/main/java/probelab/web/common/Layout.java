package probelab.web.common;

/** What the page layout needs: the title, which section is current, assets, and whether to load Plotly. */
public record Layout(String title, Section section, Assets assets, boolean charts, String version, String database,
                     boolean readOnly) {
    /** The top-level sections, for the navigation bar. SHARED: a page under a read-only share link. */
    public enum Section { REPORT, CLAIMS, JOBS, RUNTIMES, NOTEBOOKS, SHARES, SHARED, NONE }

    /** Whether the page may offer controls (navigation to jobs, Share, editing): not on shared pages or read-only servers. */
    public boolean controls() {
        return !readOnly && section != Section.SHARED;
    }

    /** Whether the top bar shows the navigation at all: a shared page shows only its report. */
    public boolean nav() {
        return section != Section.SHARED;
    }

    /** A Share button belongs on report views of a server that can make links. */
    public boolean shareButton() {
        return controls() && section == Section.REPORT;
    }

    /** "page" for the current section's link (aria-current), null (attribute left out) otherwise. */
    public String current(Section s) {
        return s == section ? "page" : null;
    }
}
