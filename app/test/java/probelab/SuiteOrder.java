package probelab;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.Comparator;
import java.util.List;

/**
 * The order test classes are handed to JUnit's two workers, so that the suite's critical path runs without gaps.
 *
 * <p>The classes that hold {@link TestEnv#ENGINES} run one after another, and those that hold {@link TestEnv#MACHINE}
 * alone (and ENGINES too, so that they queue in the same line) run with no other class of the kind: together they are
 * most of the suite's time (a fresh suite's timeline: ~660
 * s of engine classes and ~110 s of machine classes), and nothing else can shorten that chain. A fresh timeline
 * showed it idle for ~160 s while both workers ran light classes. JUnit's fork-join pool hands the classes out from
 * both ends: the thread that forked them runs them from the last, the other steals from the first. So the chain comes
 * first (the longest engine class at the very front, then the other engine classes, then the machine classes), and the
 * native Go classes come last, where the forking thread starts with them beside the engine chain; the database, server
 * and browser classes fill the middle.
 */
public final class SuiteOrder implements ClassOrderer {
    /** The longest engine class (~250 s from a cold state): started first, it ends before the chain's others pile up. */
    private static final String LONGEST = "probelab.runtime.OciCliRuntimeTest";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(SuiteOrder::rank)
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d) {
        if (d.getTestClass().getName().equals(LONGEST)) return 0;
        List<ResourceLock> locks = d.findRepeatableAnnotations(ResourceLock.class);
        boolean engines = locks.stream().anyMatch(l -> l.value().equals(TestEnv.ENGINES));
        boolean nativeGo = locks.stream().anyMatch(l -> l.value().equals(TestEnv.NATIVE_GO));
        boolean machineAlone = locks.stream().anyMatch(l -> l.value().equals(TestEnv.MACHINE)
                && l.mode() == ResourceAccessMode.READ_WRITE);
        boolean browser = locks.stream().anyMatch(l -> l.value().equals(TestEnv.BROWSER));
        if (machineAlone) return 2;
        if (engines) return 1;
        if (nativeGo) return 5;
        if (browser) return 3;
        return 4;
    }
}
