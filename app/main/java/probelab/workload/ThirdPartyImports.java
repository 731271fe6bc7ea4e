package probelab.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The third-party packages a generated project of each size imports, and the Debian package that installs each
 * (named when one is missing; {@code ./probelab setup} installs them all).
 *
 * <p>{@code tiny} stays on the standard library: it is what the default job builds, and it must stay fast. From
 * {@code small} on, the command serves its packages' handlers through chi, a router of the standard library's shape
 * with one small module. From {@code medium} on, it also mounts a gin engine: gin pulls in the closure a typical Go
 * web service has (validator, go-toml, ugorji's codec, protobuf, yaml, golang.org/x/net, sys, text, crypto: about 16
 * modules, some large), which is what a cold build of a real service downloads and compiles.
 */
final class ThirdPartyImports {
    static final String CHI = "github.com/go-chi/chi/v5";
    static final String CHI_MIDDLEWARE = "github.com/go-chi/chi/v5/middleware";
    static final String GIN = "github.com/gin-gonic/gin";

    private static final String CHI_PACKAGE = "golang-github-go-chi-chi-dev";
    private static final String GIN_PACKAGE = "golang-github-gin-gonic-gin-dev";

    private ThirdPartyImports() {
    }

    /** Import path to Debian package; empty for a project on the standard library alone. */
    static Map<String, String> of(ProjectSize size) {
        Map<String, String> imports = new LinkedHashMap<>();
        if (size == ProjectSize.TINY) return imports;
        imports.put(CHI, CHI_PACKAGE);
        imports.put(CHI_MIDDLEWARE, CHI_PACKAGE);
        if (size != ProjectSize.SMALL) imports.put(GIN, GIN_PACKAGE);
        return imports;
    }

    static boolean usesGin(ProjectSize size) {
        return of(size).containsKey(GIN);
    }
}
