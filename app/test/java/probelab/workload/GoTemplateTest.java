package probelab.workload;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.process.Exec;
import probelab.toolchain.Toolchain;

@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.NATIVE_GO)
class GoTemplateTest {

    private static final long GO_TIMEOUT_MILLIS = 10 * 60 * 1000;

    @Test
    void generated_projects_pass_gofmt_and_go_vet(@TempDir Path temp) {
        // The small project must use every optional template, or gofmt and vet would never see some of them.
        GoProjectPlan small = GoProjectPlan.of(ProjectSize.SMALL);
        assertTrue(small.packages.stream().anyMatch(p -> p.store), "small has a store package");
        assertTrue(small.packages.stream().anyMatch(p -> p.generic && p.imported), "small imports a generic package");
        assertTrue(small.packages.stream().anyMatch(p -> p.worker), "small has a worker package");

        List<Toolchain> toolchains = TestEnv.toolchains(1);
        Toolchain go = toolchains.get(toolchains.size() - 1);
        ModuleProxyTest.requireInstalled(ThirdPartyImports.of(ProjectSize.MEDIUM));
        WorkloadGenerator generator = new WorkloadGenerator(temp.resolve("workloads"), ModuleProxyTest.sharedProxy());
        // medium has the gin handlers, which small lacks: gofmt only, since vetting it compiles gin's whole closure
        for (ProjectSize size : List.of(ProjectSize.TINY, ProjectSize.SMALL, ProjectSize.MEDIUM)) {
            Workload w = generator.ensure(size);
            Map<String, String> env = Map.of(
                    "GOTOOLCHAIN", "local",
                    "GOPROXY", w.usesModules() ? "file://" + w.goProxy() : "off",
                    "GOSUMDB", "off",
                    "GOCACHE", TestEnv.sharedGoCache().toString(),
                    "GOPATH", temp.resolve("gopath").toString(),
                    // A developer's GOFLAGS (say -mod=vendor) or a go.work above the temp dir must not change the verdict;
                    // -modcacherw lets @TempDir delete the module cache under GOPATH.
                    "GOFLAGS", "-modcacherw",
                    "GOWORK", "off");
            Exec.Result fmt = Exec.run(List.of(go.goBinary().resolveSibling("gofmt").toString(), "-l", "."),
                    w.dir(), env, GO_TIMEOUT_MILLIS);
            assertTrue(fmt.ok(), () -> size + ": gofmt failed: " + fmt.stderr());
            assertEquals("", fmt.stdout(), size + ": gofmt " + go.version() + " would reformat these files");
            if (size == ProjectSize.MEDIUM) continue;
            Exec.Result vet = Exec.run(List.of(go.goBinary().toString(), "vet", "./..."), w.dir(), env,
                    GO_TIMEOUT_MILLIS);
            assertTrue(vet.ok(), () -> size + ": go vet " + go.version() + " failed:\n" + vet.stdout() + vet.stderr());
        }
    }

    @Test
    void placeholders_are_replaced_everywhere_they_occur() {
        assertEquals("package ledger001 // ledger001\n",
                GoTemplate.fill("t", "package {{.Pkg}} // {{.Pkg}}\n", Map.of("Pkg", "ledger001")));
    }

    @Test
    void values_are_inserted_as_they_are_and_not_scanned_again() {
        assertEquals("a {{.Inner}} b", GoTemplate.fill("t", "a {{.Outer}} b", Map.of("Outer", "{{.Inner}}")));
    }

    @Test
    void a_placeholder_without_a_value_fails_and_names_the_line() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GoTemplate.fill("t", "package main\n\nvar x = {{.Missing}}\n", Map.of()));
        assertEquals("t:3: no value for {{.Missing}}", e.getMessage());
    }

    @Test
    void a_value_without_a_placeholder_fails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GoTemplate.fill("t", "{{.Pkg}}", Map.of("Pkg", "p", "Typo", "x")));
        assertEquals("t: values given for placeholders it does not hold: [Typo]", e.getMessage());
    }

    @Test
    void a_malformed_placeholder_fails_instead_of_passing_through_to_the_go_source() {
        for (String bad : List.of("{{pkg}}", "{{.pkg}}", "{{ .Pkg }}", "{{.Pkg", "[]T{{1}}")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GoTemplate.fill("t", bad, Map.of("Pkg", "p")), bad);
            assertTrue(e.getMessage().startsWith("t:1: malformed placeholder"), e.getMessage());
        }
    }

    @Test
    void every_template_is_on_the_classpath() {
        // Loading the enum reads every resource, and one missing fails the load.
        assertDoesNotThrow(GoTemplate::values);
    }

    @Test
    void a_template_without_placeholders_refuses_values() {
        assertThrows(IllegalStateException.class, () -> GoTemplate.MAIN_TEST.fill(Map.of("Pkg", "p")));
    }

    @Test
    void the_tiny_edit_file_carries_the_edit_marker() {
        assertTrue(GoTemplate.TINY_MAIN.fill().contains("revision := 0 " + GoSources.EDIT_MARKER));
    }
}
