package probelab.catalog;

/** The unit a metric is stored in: {@link #symbol()} is what the samples table's {@code unit} column holds. */
public enum Unit {
    US("us", "µs"), MS("ms", "ms"), BYTES("bytes", "bytes"), RPS("rps", "req/s"), PCT("pct", "%"), COUNT("count", "");

    private final String symbol;
    private final String label;

    Unit(String symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** As stored and as analysts type it in SQL, e.g. {@code us}. */
    public String symbol() {
        return symbol;
    }

    /** As people read it, e.g. {@code µs}. */
    public String label() {
        return label;
    }

    /**
     * The word for a value above the baseline's, as in "2.01x slower": times read as slower, bytes as more, any other
     * unit (a rate) as higher. It says which way a value lies, not whether that is better ({@link Better} does).
     * No default branch: a new unit (a time such as ns or s, say) does not compile until it chooses its words.
     */
    public String moreWord() {
        return switch (this) {
            case US, MS -> "slower";
            case BYTES -> "more";
            case RPS, PCT, COUNT -> "higher";
        };
    }

    /** The word for a value below the baseline's: "faster", "less" or "lower", the opposites of {@link #moreWord()}. */
    public String lessWord() {
        return switch (this) {
            case US, MS -> "faster";
            case BYTES -> "less";
            case RPS, PCT, COUNT -> "lower";
        };
    }

    /** The unit whose symbol this is; an unknown one is an IllegalArgumentException naming the valid ones. */
    public static Unit ofSymbol(String symbol) {
        for (Unit u : values()) {
            if (u.symbol.equals(symbol)) return u;
        }
        throw new IllegalArgumentException("unknown unit '" + symbol + "'; valid: "
                + String.join(", ", java.util.Arrays.stream(values()).map(Unit::symbol).toList()));
    }
}
