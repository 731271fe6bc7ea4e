package probelab.web;

/** What the page layout needs: the title, which section is current, assets, and whether to load Plotly. */
public record Layout(String title, Section section, Assets assets, boolean charts, String version, String database) {
    /** The top-level sections, for the navigation bar. */
    public enum Section { REPORT, JOBS, RUNTIMES, NONE }

    /** "page" for the current section's link (aria-current), null (attribute left out) otherwise. */
    public String current(Section s) {
        return s == section ? "page" : null;
    }
}
