package probelab.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Reads process memory from Linux's /proc: the source every runtime can fall back to. */
public final class ProcFs {
    private ProcFs() {
    }

    /** VmRSS of a process in bytes, or empty when it is gone. */
    public static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A process found by name, with its RSS. */
    public record Proc(long pid, String name, long rssBytes) {
    }

    /** Every live process whose name (comm) is in {@code names}, e.g. dockerd, containerd-shim, conmon. */
    public static List<Proc> byName(Set<String> names) {
        List<Proc> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                String comm;
                try {
                    comm = Files.readString(p.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // exited while we looked
                }
                if (!names.contains(comm)) continue;
                long pid = Long.parseLong(p.getFileName().toString());
                rssBytes(pid).ifPresent(rss -> out.add(new Proc(pid, comm, rss)));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Sums the RSS of the named processes into an {@link Runtime.Overhead} with the list stored. */
    public static Runtime.Overhead overheadOf(Set<String> names) {
        List<Proc> procs = byName(names);
        long sum = procs.stream().mapToLong(Proc::rssBytes).sum();
        StringBuilder list = new StringBuilder();
        for (Proc p : procs) {
            if (list.length() > 0) list.append("; ");
            list.append(p.name()).append('[').append(p.pid()).append("]=").append(p.rssBytes());
        }
        return new Runtime.Overhead(sum, list.toString());
    }
}
