package probelab.web.common;

/** Renders templates and builds the layout record every page shares. */
public final class Pages {
    private final Templates templates;
    private final Assets assets;
    private final String version;
    private final String database;
    private final boolean readOnly;

    /** A read-only server renders no control that would change anything. */
    public boolean readOnly() {
        return readOnly;
    }

    public Pages(Templates templates, Assets assets, String version, String database, boolean readOnly) {
        this.readOnly = readOnly;
        this.templates = templates;
        this.assets = assets;
        this.version = version;
        this.database = database;
    }

    public String render(String template, Object model) {
        return templates.render(template, model);
    }

    public Layout layout(String title, Layout.Section section, boolean charts) {
        return new Layout(title, section, assets, charts, version, database, readOnly);
    }
}
