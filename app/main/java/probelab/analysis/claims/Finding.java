package probelab.analysis.claims;

/** One reason that applies to a claim, with the words that say why for this claim in particular. */
public record Finding(Reason reason, String detail) {
}
