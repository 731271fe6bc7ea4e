package probelab.toolchain;

import probelab.catalog.GoVersion;

import org.junit.jupiter.api.Test;
import probelab.TestEnv;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolchainsTest {
    @Test
    void every_installed_toolchain_is_found_and_identified_by_its_exact_version() {
        List<Toolchain> all = TestEnv.toolchains(2);
        for (Toolchain t : all) {
            assertTrue(t.version().matches("\\d+\\.\\d+(\\.\\d+)?"), t.version());
            assertTrue(t.versionString().contains("go" + t.version()), t.versionString());
        }
        assertEquals(all.stream().map(Toolchain::goroot).distinct().count(), all.size(), "no toolchain listed twice");
    }

    @Test
    void a_minor_version_picks_the_newest_patch_and_unknown_versions_list_the_valid_ones() {
        var tcs = new Toolchains(List.of(
                new Toolchain("1.22.1", "go version go1.22.1", java.nio.file.Path.of("/a/go"), java.nio.file.Path.of("/a")),
                new Toolchain("1.22.12", "go version go1.22.12", java.nio.file.Path.of("/b/go"), java.nio.file.Path.of("/b")),
                new Toolchain("1.23.5", "go version go1.23.5", java.nio.file.Path.of("/c/go"), java.nio.file.Path.of("/c"))));
        assertEquals("1.22.12", tcs.resolve("1.22").version());
        assertEquals("1.22.1", tcs.resolve("1.22.1").version());
        var e = assertThrows(UnknownToolchainException.class, () -> tcs.resolve("1.9"));
        assertTrue(e.getMessage().contains("1.22, 1.23"), e.getMessage());
    }

    @Test
    void versions_compare_numerically_not_as_text() {
        assertTrue(GoVersion.compare("1.9.1", "1.19.8") < 0);
        assertTrue(GoVersion.compare("1.22.12", "1.22.2") > 0);
    }
}
