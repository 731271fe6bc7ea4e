package probelab.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Samples shaped to break a statistic, each reproducible from its own seed: the sizes where a rule switches, ties,
 * equal values, extreme magnitudes, negative values and zeros.
 */
final class GeneratedSamples {
    /**
     * None, one, two, three; 5, 6 and 7 around the median intervals' thresholds (6 values for 95%, 7 for 97.5%);
     * 20; 49, 50 and 51 around Mann-Whitney's switch from the exact p-value to the normal one; and many.
     */
    static final int[] SIZES = {0, 1, 2, 3, 5, 6, 7, 20, 49, 50, 51, 200};

    /** How the values of a sample are drawn. */
    enum Shape {
        /** Normal around a positive centre: no ties. */
        SPREAD,
        /** Whole numbers from a narrow range: heavy ties. */
        TIES,
        /** One value repeated. */
        ALL_EQUAL,
        /** Magnitudes from 1e9 to 1e150. */
        HUGE,
        /** Magnitudes from 1e-150 to 1e-9. */
        TINY,
        /** Around a negative centre or across zero. */
        NEGATIVE,
        /** Zeros, as a native runtime's overhead, with now and then a positive value. */
        ZEROS,
        /** Log-normal with a heavy tail: outliers beyond the whiskers. */
        SKEWED
    }

    /** How the second sample of a pair relates to the first. */
    enum Relation {
        /** Drawn the same way. */
        INDEPENDENT,
        /** Drawn the same way around a centre up to 20% away. */
        SHIFTED,
        /** The very same values. */
        IDENTICAL,
        /** Every value above every value of the first. */
        DISJOINT
    }

    /** One generated sample, with the seed that makes it again. */
    record Sample(long seed, double[] values, Shape shape) {
        String label() {
            return "seed " + seed + ", " + values.length + " values " + shape + ": " + describe(values);
        }
    }

    /** Two generated samples, with the seed that makes them again; {@code random} draws anything else the case needs. */
    record Pair(long seed, double[] a, double[] b, Shape shape, Relation relation, Random random) {
        String label() {
            return "seed " + seed + ", " + a.length + " / " + b.length + " values " + shape + " " + relation + ": "
                    + describe(a) + " against " + describe(b);
        }
    }

    private GeneratedSamples() {
    }

    /**
     * {@code rounds} samples of every size in {@link #SIZES} ({@code minSize} and up) in every shape, the seeds counting
     * up from {@code firstSeed}; returns how many.
     */
    static int samples(long firstSeed, int rounds, int minSize, Consumer<Sample> each) {
        long seed = firstSeed;
        int count = 0;
        for (int round = 0; round < rounds; round++) {
            for (int n : SIZES) {
                if (n < minSize) continue;
                for (Shape shape : Shape.values()) {
                    Random r = new Random(seed);
                    each.accept(new Sample(seed++, sample(r, n, shape, scale(r, shape)), shape));
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Every pair of sizes in every shape and each of {@code relations}; a pair of more than 20 x 20 values in every shape
     * with one of the relations each: under Rhino the script's exact p-value of 49 against 49 values costs a hundred
     * small pairs, and these sizes bring no rule the smaller ones miss. Seeds count up from {@code firstSeed}; returns
     * how many pairs.
     */
    static int pairs(long firstSeed, List<Relation> relations, Consumer<Pair> each) {
        long seed = firstSeed;
        int count = 0;
        for (int na : SIZES) {
            for (int nb : SIZES) {
                for (Shape shape : Shape.values()) {
                    for (int k = 0; k < relations.size(); k++) {
                        if (!drawn(na, nb, shape, k, relations.size())) continue;
                        Random r = new Random(seed);
                        double scale = scale(r, shape);
                        double[] a = sample(r, na, shape, scale);
                        double[] b = second(r, a, nb, shape, scale, relations.get(k));
                        each.accept(new Pair(seed++, a, b, shape, relations.get(k), r));
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** How many cases {@link #pairs} makes for {@code relations} of them, counted apart from it. */
    static int pairCount(int relations) {
        int count = 0;
        for (int na : SIZES) {
            for (int nb : SIZES) {
                count += (long) na * nb <= 400 ? Shape.values().length * relations : Shape.values().length;
            }
        }
        return count;
    }

    private static boolean drawn(int na, int nb, Shape shape, int relation, int relations) {
        return (long) na * nb <= 400 || relation == (shape.ordinal() + na + nb) % relations;
    }

    /** A sorted sample of {@code n} values of {@code shape}; {@code scale} (from {@link #scale}) fixes the magnitude. */
    static double[] sample(Random r, int n, Shape shape, double scale) {
        double[] out = new double[n];
        boolean crossing = r.nextBoolean();
        double constant = Math.round(scale * 100) / 100.0;
        for (int i = 0; i < n; i++) {
            out[i] = switch (shape) {
                case SPREAD, HUGE, TINY -> scale * (1 + 0.05 * r.nextGaussian());
                case TIES -> Math.round(scale / 10) + Math.round(2 * r.nextGaussian());
                case ALL_EQUAL -> constant;
                case NEGATIVE -> crossing ? scale / 100 * r.nextGaussian() : -scale * (1 + 0.05 * r.nextGaussian());
                case ZEROS -> r.nextDouble() < 0.9 ? 0 : Math.round(scale * r.nextDouble());
                case SKEWED -> scale * Math.exp(0.8 * r.nextGaussian());
            };
        }
        Arrays.sort(out);
        return out;
    }

    /** The magnitude a case of {@code shape} draws around: the same for both samples of a pair. */
    static double scale(Random r, Shape shape) {
        return switch (shape) {
            case HUGE -> Math.pow(10, 9 + r.nextInt(142));
            case TINY -> Math.pow(10, -150 + r.nextInt(142));
            default -> 50 + 200 * r.nextDouble();
        };
    }

    /** The second sample of a pair: {@code n} values related to {@code a} by {@code relation}. */
    static double[] second(Random r, double[] a, int n, Shape shape, double scale, Relation relation) {
        return switch (relation) {
            case INDEPENDENT -> sample(r, n, shape, scale);
            case SHIFTED -> sample(r, n, shape, scale * (1 + 0.2 * (2 * r.nextDouble() - 1)));
            case IDENTICAL -> a.clone();
            case DISJOINT -> {
                double[] b = sample(r, n, shape, scale);
                // above a's largest value by at least b's own range
                double shift = (a.length == 0 ? 0 : a[a.length - 1]) - (n == 0 ? 0 : b[0]) + Math.max(Math.abs(scale), Double.MIN_NORMAL);
                for (int i = 0; i < n; i++) b[i] += shift;
                yield b;
            }
        };
    }

    /** A short description of the values, for a failure message. */
    static String describe(double[] values) {
        if (values.length <= 8) return Arrays.toString(values);
        return values.length + " values from " + values[0] + " to " + values[values.length - 1];
    }
}
