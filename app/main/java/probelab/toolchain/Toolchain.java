package probelab.toolchain;

import probelab.catalog.GoVersion;

import java.nio.file.Path;

/** One Go toolchain found on this machine, identified by {@code go env GOVERSION}. */
public record Toolchain(String version, String versionString, Path goBinary, Path goroot) {
    /** "1.22.12" -> "1.22": the name users select a toolchain by. */
    public String minor() {
        return GoVersion.minor(version);
    }

    /** Whether {@code wanted} ("1.22" or "1.22.12") names this toolchain. */
    public boolean matches(String wanted) {
        return GoVersion.matches(version, wanted);
    }
}
