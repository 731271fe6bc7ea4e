package probelab.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/** The shape of a generated project (modules, packages, import DAG) before any source is rendered. */
final class GoProjectPlan {

    /** One Go module; {@code dir} is relative to the project root ("" for a single-module project). */
    record Module(String dir, String path, boolean hasCommand, List<Pkg> packages) {
        String commandName() {
            return dir.isEmpty() ? "app" : dir;
        }
    }

    /** One library package and the decisions that shape its sources. */
    static final class Pkg {
        final int index;
        final Module module;
        final String name;
        final List<String> entities;
        final boolean store;
        final boolean generic;
        final boolean worker;
        final List<Pkg> deps = new ArrayList<>();
        boolean imported;

        Pkg(int index, Module module, String name, List<String> entities, boolean store, boolean generic, boolean worker) {
            this.index = index;
            this.module = module;
            this.name = name;
            this.entities = entities;
            this.store = store;
            this.generic = generic;
            this.worker = worker;
        }

        String dir() {
            return (module.dir().isEmpty() ? "" : module.dir() + "/") + "pkg/" + name;
        }

        String importPath() {
            return module.path() + "/pkg/" + name;
        }
    }

    /** Knobs per size; entity counts and feature odds were tuned so line totals land near the targets. */
    private record Spec(String modulePrefix, List<String> moduleNames, int packagesPerModule, int minEntities,
                        int maxEntities, double featureChance, int crossModuleDeps) {
    }

    private static final String[] NOUNS = {
        "account", "alert", "archive", "audit", "auth", "batch", "billing", "cache", "catalog", "config",
        "cursor", "digest", "dispatch", "feed", "gateway", "graph", "index", "inventory", "journal", "ledger",
        "lease", "metric", "notify", "order", "parcel", "payment", "pricing", "profile", "queue", "quota",
        "ranking", "region", "report", "router", "schedule", "search", "session", "shard", "signal", "storage",
        "stream", "tenant", "ticket", "token", "tracker", "vault", "webhook", "worker",
    };

    // Receivers are the lower-cased first letter, so local names in templates are at least two letters long.
    private static final String[] ENTITIES = {
        "Account", "Alert", "Budget", "Channel", "Cluster", "Device", "Event", "Fleet", "Grant", "Invoice",
        "Job", "Lease", "Member", "Node", "Offer", "Order", "Plan", "Policy", "Quote", "Region",
        "Route", "Sensor", "Session", "Shipment", "Tenant", "Ticket", "Upload", "Vendor", "Window", "Zone",
    };

    private static final int DEP_WINDOW = 24;
    private static final int MAX_LOCAL_DEPS = 3;

    final ProjectSize size;
    final List<Module> modules = new ArrayList<>();
    final List<Pkg> packages = new ArrayList<>();

    private GoProjectPlan(ProjectSize size) {
        this.size = size;
    }

    static GoProjectPlan of(ProjectSize size) {
        GoProjectPlan plan = new GoProjectPlan(size);
        if (size != ProjectSize.TINY) {
            plan.build(spec(size), new Random(0x5EEDL * 31 + size.ordinal()));
        }
        return plan;
    }

    private static Spec spec(ProjectSize size) {
        switch (size) {
            case SMALL:
                return new Spec("example.com/workload/small", List.of(""), 19, 1, 1, 0.25, 0);
            case MEDIUM:
                return new Spec("example.com/workload/medium", List.of(""), 119, 1, 3, 0.3, 0);
            case LARGE:
                return new Spec("example.com/workload/large", List.of(""), 399, 1, 4, 0.33, 0);
            case MONOREPO:
                return new Spec("example.com/mono",
                        List.of("platform", "storage", "billing", "catalog", "shipping", "gateway"), 104, 1, 4, 0.4, 1);
            default:
                throw new IllegalArgumentException("no plan for " + size);
        }
    }

    private void build(Spec spec, Random rnd) {
        boolean workspace = spec.moduleNames().size() > 1;
        for (int m = 0; m < spec.moduleNames().size(); m++) {
            String name = spec.moduleNames().get(m);
            String path = workspace ? spec.modulePrefix() + "/" + name : spec.modulePrefix();
            // In a workspace the first two modules are libraries, the rest are services with a binary.
            boolean hasCommand = !workspace || m >= 2;
            Module module = new Module(name, path, hasCommand, new ArrayList<>());
            modules.add(module);
            for (int local = 0; local < spec.packagesPerModule(); local++) {
                Pkg pkg = newPackage(spec, rnd, module);
                pickDeps(spec, rnd, m, local, pkg);
                module.packages().add(pkg);
                packages.add(pkg);
            }
        }
    }

    private Pkg newPackage(Spec spec, Random rnd, Module module) {
        int index = packages.size();
        String name = NOUNS[rnd.nextInt(NOUNS.length)] + String.format(Locale.ROOT, "%03d", index);
        int entityCount = spec.minEntities() + rnd.nextInt(spec.maxEntities() - spec.minEntities() + 1);
        List<String> pool = new ArrayList<>(List.of(ENTITIES));
        Collections.shuffle(pool, rnd);
        List<String> entities = List.copyOf(pool.subList(0, entityCount));
        boolean store = rnd.nextDouble() < spec.featureChance();
        boolean generic = rnd.nextDouble() < spec.featureChance();
        boolean worker = rnd.nextDouble() < spec.featureChance();
        return new Pkg(index, module, name, entities, store, generic, worker);
    }

    /** Imports only point at lower-numbered packages, which keeps the graph acyclic. */
    private void pickDeps(Spec spec, Random rnd, int moduleIndex, int local, Pkg pkg) {
        List<Pkg> own = modules.get(moduleIndex).packages();
        TreeSet<Integer> chosen = new TreeSet<>();
        int wanted = Math.min(local, 1 + rnd.nextInt(MAX_LOCAL_DEPS));
        int window = Math.min(local, DEP_WINDOW);
        while (chosen.size() < wanted) {
            chosen.add(local - 1 - rnd.nextInt(window));
        }
        for (int i : chosen) {
            pkg.deps.add(own.get(i));
        }
        for (int c = 0; c < spec.crossModuleDeps() && moduleIndex > 0; c++) {
            List<Pkg> other = modules.get(rnd.nextInt(moduleIndex)).packages();
            Pkg dep = other.get(rnd.nextInt(other.size()));
            if (!pkg.deps.contains(dep)) {
                pkg.deps.add(dep);
            }
        }
        pkg.deps.sort(Comparator.comparing(Pkg::importPath));
        for (Pkg dep : pkg.deps) {
            dep.imported = true;
        }
    }

    /** Packages of a module that nothing imports; the module's binary imports them so it links the whole module. */
    List<Pkg> roots(Module module) {
        List<Pkg> roots = new ArrayList<>();
        for (Pkg pkg : module.packages()) {
            if (!pkg.imported) {
                roots.add(pkg);
            }
        }
        roots.sort(Comparator.comparing(Pkg::importPath));
        return roots;
    }

    /** The package whose compose.go the incremental-build probe edits: mid-graph, so it has importers and imports. */
    /**
     * The package whose literal the edits bump: a root package of the middle module with a command (the first such
     * module when the middle one is a library), so that main calls its Compose and the served answer shows every edit.
     */
    Pkg editTarget() {
        Module middle = modules.get(modules.size() / 2);
        Module served = middle.hasCommand() ? middle : modules.stream().filter(Module::hasCommand).findFirst().orElse(middle);
        List<Pkg> roots = roots(served);
        if (roots.isEmpty()) return served.packages().get(served.packages().size() / 2);
        return roots.get(roots.size() / 2);
    }
}
