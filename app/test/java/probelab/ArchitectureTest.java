package probelab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import probelab.storage.db.Reads;
import probelab.storage.db.Sql;
import probelab.storage.db.Writes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the README's dependency paragraph true, read from the compiled classes (so a fully qualified name counts
 * as much as an import): packages form no cycle, and each layer uses only the layers below it.
 */
@AnalyzeClasses(packages = "probelab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule packages_form_no_cycle = slices().matching("probelab.(*)..").should().beFreeOfCycles();

    /** Sub-packages too, at any depth (web.overview and web.share, storage's concerns, ...): each package is a slice. */
    @ArchTest
    static final ArchRule no_two_packages_at_any_depth_form_a_cycle = slices().matching("probelab.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule storage_packages_form_no_cycle = slices().matching("probelab.storage.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule each_layer_uses_only_the_layers_below_it = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("root").definedBy("probelab")
            .layer("cli").definedBy("probelab.cli..")
            .layer("web").definedBy("probelab.web..")
            .layer("report").definedBy("probelab.report..")
            .layer("jobs").definedBy("probelab.jobs..")
            .layer("seed").definedBy("probelab.seed..")
            .layer("probe").definedBy("probelab.probe..")
            .layer("analysis").definedBy("probelab.analysis..")
            .layer("storage").definedBy("probelab.storage..")
            .layer("runtime").definedBy("probelab.runtime..")
            .layer("workload").definedBy("probelab.workload..")
            .layer("toolchain").definedBy("probelab.toolchain..")
            .layer("process").definedBy("probelab.process..")
            .layer("catalog").definedBy("probelab.catalog..")
            // the entry point (Main) hands over to the CLI, and the CLI asks the composition root (Probelab) for parts
            .whereLayer("root").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("root")
            .whereLayer("web").mayOnlyBeAccessedByLayers("root", "cli")
            // the report (filters, cells, caches, claims overlay) is computed below the pages and the CLI that show it
            .whereLayer("report").mayOnlyBeAccessedByLayers("root", "cli", "web")
            .whereLayer("jobs").mayOnlyBeAccessedByLayers("root", "cli", "web")
            .whereLayer("seed").mayOnlyBeAccessedByLayers("root", "cli")
            .whereLayer("probe").mayOnlyBeAccessedByLayers("root", "cli", "web", "jobs", "seed")
            // probe reads the stopping rule of adaptive sampling (PrecisionRule) from analysis
            .whereLayer("analysis").mayOnlyBeAccessedByLayers("root", "cli", "web", "report", "probe")
            .whereLayer("storage").mayOnlyBeAccessedByLayers("root", "cli", "web", "report", "jobs", "seed", "probe")
            .whereLayer("runtime").mayOnlyBeAccessedByLayers("root", "cli", "web", "report", "jobs", "seed", "probe")
            .whereLayer("workload").mayOnlyBeAccessedByLayers("root", "cli", "web", "report", "jobs", "seed", "probe", "runtime")
            .whereLayer("toolchain").mayOnlyBeAccessedByLayers("root", "cli", "web", "report", "jobs", "seed", "probe", "runtime", "workload");

    /** The composition root (Probelab, Config, OpenDatabase) is used by the CLI and uses nothing of it: Main lives in cli. */
    @ArchTest
    static final ArchRule the_composition_root_knows_nothing_of_the_cli = noClasses().that().resideInAPackage("probelab")
            .should().dependOnClassesThat().resideInAPackage("probelab.cli..");

    @ArchTest
    static final ArchRule storage_knows_nothing_above_it = noClasses().that().resideInAPackage("probelab.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("probelab.probe..", "probelab.analysis..", "probelab.jobs..",
                    "probelab.web..", "probelab.cli..", "probelab.seed..", "probelab.runtime..", "probelab.workload..",
                    "probelab.toolchain..");

    @ArchTest
    static final ArchRule analysis_is_pure_and_reads_no_database = noClasses().that().resideInAPackage("probelab.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("probelab.storage..", "probelab.probe..", "probelab.web..",
                    "probelab.runtime..", "java.sql..", "org.duckdb..");

    /** Reads, Writes and Sql are how storage talks to DuckDB; public for its sub-packages, not for the layers above. */
    @ArchTest
    static final ArchRule only_storage_uses_its_query_helpers = noClasses().that().resideOutsideOfPackages("probelab.storage..")
            .should().dependOnClassesThat().belongToAnyOf(Reads.class, Writes.class, Sql.class);

    @ArchTest
    static final ArchRule only_storage_touches_jdbc = noClasses().that().resideOutsideOfPackages("probelab.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.duckdb..");
}
