package probelab.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the Go source files of a {@link GoProjectPlan} from {@link GoTemplate}s; every value comes from the
 * plan, so output is stable. This class decides which templates and parts go where; the Go itself lives in the
 * templates.
 */
final class GoSources {

    /**
     * Marker the incremental-build edit looks for; the literal before it is what changes. The compose and tiny
     * main templates spell it out, so the edit files stay plain Go.
     */
    static final String EDIT_MARKER = "// probelab:edit";

    /** The go directive of every go.mod and go.work: the oldest toolchain the probes build with. */
    private static final String GO_VERSION = "1.19";

    private GoSources() {
    }

    /**
     * Relative path (forward slashes) to content, in write order.
     *
     * @param modules the third-party modules the project requires ({@link ThirdPartyImports}), null for none
     */
    static Map<String, String> render(GoProjectPlan plan, GoModules modules) {
        Map<String, String> files = new LinkedHashMap<>();
        if (plan.size == ProjectSize.TINY) {
            files.put("go.mod", goMod("example.com/workload/tiny"));
            files.put("main.go", GoTemplate.TINY_MAIN.fill());
            files.put("main_test.go", GoTemplate.TINY_TEST.fill());
            return files;
        }
        if (plan.modules.size() > 1) {
            StringBuilder uses = new StringBuilder();
            for (GoProjectPlan.Module module : plan.modules) {
                uses.append("\t./").append(module.dir()).append('\n');
            }
            files.put("go.work", GoTemplate.GO_WORK.fill(Map.of("GoVersion", GO_VERSION, "Uses", uses.toString())));
        }
        boolean gin = modules != null && ThirdPartyImports.usesGin(plan.size);
        for (GoProjectPlan.Module module : plan.modules) {
            String prefix = module.dir().isEmpty() ? "" : module.dir() + "/";
            // every module of a workspace requires the same closure: its go.sum then holds every hash a build checks
            files.put(prefix + "go.mod", goMod(module.path()) + (modules == null ? "" : modules.requireBlocks()));
            if (modules != null) files.put(prefix + "go.sum", modules.goSum());
            for (GoProjectPlan.Pkg pkg : module.packages()) {
                renderPackage(pkg, files, modules != null, gin);
            }
            if (module.hasCommand()) {
                String cmdDir = prefix + "cmd/" + module.commandName() + "/";
                files.put(cmdDir + "main.go", mainFile(plan.roots(module)));
                files.put(cmdDir + "main_test.go", GoTemplate.MAIN_TEST.fill());
                if (modules != null) {
                    files.put(cmdDir + "server.go", serverFile(module, gin));
                    files.put(cmdDir + "server_test.go", GoTemplate.SERVER_TEST.fill());
                }
            }
        }
        return files;
    }

    private static String goMod(String modulePath) {
        return GoTemplate.GO_MOD.fill(Map.of("Module", modulePath, "GoVersion", GO_VERSION));
    }

    private static void renderPackage(GoProjectPlan.Pkg pkg, Map<String, String> files, boolean chi, boolean gin) {
        String dir = pkg.dir() + "/";
        Map<String, String> named = Map.of("Pkg", pkg.name);
        files.put(dir + "record.go",
                GoTemplate.RECORD.fill(Map.of("Pkg", pkg.name, "Noun", pkg.name.replaceAll("[0-9]+$", ""))));
        for (int e = 0; e < pkg.entities.size(); e++) {
            String type = pkg.entities.get(e);
            files.put(dir + type.toLowerCase(Locale.ROOT) + ".go", entity(pkg, e, type));
        }
        if (pkg.store) {
            files.put(dir + "store.go", GoTemplate.STORE.fill(named));
        }
        if (pkg.generic) {
            files.put(dir + "generic.go", GoTemplate.GENERIC.fill(named));
        }
        if (pkg.worker) {
            files.put(dir + "worker.go", GoTemplate.WORKER.fill(named));
        }
        // the handlers: a store's records over chi, a worker pool's scores over gin (validated bodies)
        if (chi && pkg.store) {
            files.put(dir + "http.go", GoTemplate.HTTP_CHI.fill(named));
        }
        if (gin && pkg.worker) {
            files.put(dir + "gin.go", GoTemplate.HTTP_GIN.fill(named));
        }
        files.put(dir + "compose.go", compose(pkg));
        files.put(dir + pkg.name + "_test.go", test(pkg));
    }

    private static String entity(GoProjectPlan.Pkg pkg, int e, String type) {
        int salt = pkg.index * 7 + e * 13;
        String recv = type.substring(0, 1).toLowerCase(Locale.ROOT);
        GoTemplate[] bodies = {GoTemplate.SCORE_TAGS, GoTemplate.SCORE_HASH, GoTemplate.SCORE_SWITCH};
        String score = bodies[salt % bodies.length].fill(Map.of("Recv", recv, "Salt", Integer.toString(2 + salt % 11)));
        return GoTemplate.ENTITY.fill(Map.of(
                "Pkg", pkg.name,
                "Type", type,
                "Recv", recv,
                "Key", type.toLowerCase(Locale.ROOT),
                "Factor", Integer.toString(3 + salt % 17),
                "Offset", Integer.toString(1 + salt % 29),
                "Limit", Integer.toString(1_000_000 + salt),
                "Score", score));
    }

    private static String compose(GoProjectPlan.Pkg pkg) {
        StringBuilder samples = new StringBuilder();
        for (int e = 0; e < pkg.entities.size(); e++) {
            String type = pkg.entities.get(e);
            samples.append(GoTemplate.COMPOSE_SAMPLE.fill(Map.of(
                    "Type", type,
                    "Seed", e == 0 ? "seed" : "seed+" + e,
                    "Key", type.toLowerCase(Locale.ROOT),
                    "Pkg", pkg.name)));
        }
        StringBuilder deps = new StringBuilder();
        for (int d = 0; d < pkg.deps.size(); d++) {
            GoProjectPlan.Pkg dep = pkg.deps.get(d);
            deps.append(GoTemplate.COMPOSE_DEP.fill(Map.of(
                    "Dep", dep.name, "Offset", Integer.toString(d + 1), "Modulus", Integer.toString(97 + d))));
            if (dep.generic) {
                deps.append(GoTemplate.COMPOSE_DEP_GENERIC.fill(Map.of("Dep", dep.name, "Factor", Integer.toString(d + 2))));
            }
        }
        List<String> importPaths = pkg.deps.stream().map(GoProjectPlan.Pkg::importPath).toList();
        return GoTemplate.COMPOSE.fill(Map.of(
                "Pkg", pkg.name,
                // Project imports form their own group after the standard library, as Go style has it.
                "Imports", importPaths.isEmpty() ? "" : "\n" + importLines(importPaths),
                "Samples", samples.toString(),
                "Factor", Integer.toString(31 + pkg.index % 17),
                "Deps", deps.toString()));
    }

    private static String test(GoProjectPlan.Pkg pkg) {
        StringBuilder out = new StringBuilder(GoTemplate.PKG_TEST.fill(Map.of(
                "Pkg", pkg.name,
                "ExtraImports", pkg.worker ? importLines(List.of("context")) : "",
                "Type", pkg.entities.get(0))));
        // Each optional test follows the previous function after one blank line.
        if (pkg.store) {
            out.append('\n').append(GoTemplate.TEST_STORE.fill());
        }
        if (pkg.generic) {
            out.append('\n').append(GoTemplate.TEST_GENERIC.fill());
        }
        if (pkg.worker) {
            out.append('\n').append(GoTemplate.TEST_WORKER.fill());
        }
        return out.toString();
    }

    private static String mainFile(List<GoProjectPlan.Pkg> roots) {
        StringBuilder composers = new StringBuilder();
        for (GoProjectPlan.Pkg pkg : roots) {
            composers.append(GoTemplate.MAIN_COMPOSER.fill(Map.of("Pkg", pkg.name)));
        }
        return GoTemplate.MAIN.fill(Map.of(
                "Imports", importLines(roots.stream().map(GoProjectPlan.Pkg::importPath).toList()),
                "Composers", composers.toString()));
    }

    /** The command's router: chi with each store package mounted under its name, and gin's engine under /gin. */
    private static String serverFile(GoProjectPlan.Module module, boolean gin) {
        List<String> local = new java.util.ArrayList<>();
        StringBuilder mounts = new StringBuilder();
        StringBuilder registers = new StringBuilder();
        for (GoProjectPlan.Pkg pkg : module.packages()) {
            boolean mounted = pkg.store;
            boolean registered = gin && pkg.worker;
            if (mounted) mounts.append(GoTemplate.SERVER_MOUNT.fill(Map.of("Pkg", pkg.name)));
            if (registered) registers.append(GoTemplate.SERVER_GIN_REGISTER.fill(Map.of("Pkg", pkg.name)));
            if (mounted || registered) local.add(pkg.importPath());
        }
        if (gin) mounts.append(GoTemplate.SERVER_GIN.fill(Map.of("Registers", registers.toString())));
        List<String> thirdParty = new java.util.ArrayList<>(List.of(ThirdPartyImports.CHI, ThirdPartyImports.CHI_MIDDLEWARE));
        if (gin) thirdParty.add(ThirdPartyImports.GIN);
        thirdParty.sort(ModuleZip::compareBytes);
        local.sort(ModuleZip::compareBytes);
        return GoTemplate.SERVER.fill(Map.of(
                "ThirdParty", importLines(thirdParty),
                "Local", local.isEmpty() ? "" : "\n" + importLines(local),
                "Mounts", mounts.toString()));
    }

    /** Lines of a parenthesised import block; import paths never need escaping in a Go string. */
    private static String importLines(List<String> paths) {
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            out.append("\t\"").append(path).append("\"\n");
        }
        return out.toString();
    }
}
