package dev.upshift.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops the lab's Neo4j JVMs by the marker every one of them carries on its command line
 * ({@code -Dupshift.lab=<labId> -Dupshift.lab.root=<lab root>}). Reads {@code /proc} directly: the lab is Linux-only,
 * and a zombie (exited, never reaped once its starting shell is gone) must count as stopped.
 */
public final class LabProcesses {

    private static final Logger log = LoggerFactory.getLogger(LabProcesses.class);

    private LabProcesses() {
    }

    public static String labMarker(String labId) {
        return "-Dupshift.lab=" + labId;
    }

    public static String rootMarker(Path root) {
        return "-Dupshift.lab.root=" + root.toAbsolutePath().normalize();
    }

    /** Live processes of any lab under {@code root}. */
    public static List<Long> underRoot(Path root) {
        String marker = rootMarker(root);
        return find(args -> args.contains(marker));
    }

    /** Live processes of one lab cluster under {@code root}. */
    public static List<Long> ofLab(Path root, String labId) {
        String rootMarker = rootMarker(root);
        String labMarker = labMarker(labId);
        return find(args -> args.contains(rootMarker) && args.contains(labMarker));
    }

    private static List<Long> find(Predicate<List<String>> matches) {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (pid != ProcessHandle.current().pid() && isAlive(pid) && matches.test(arguments(pid))) {
                        pids.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list /proc: {}", e.getMessage());
        }
        return pids;
    }

    private static List<String> arguments(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Alive and not a zombie. */
    public static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Resident memory in MB from {@code /proc/<pid>/status} (VmRSS), or -1. */
    public static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /**
     * SIGTERM, then SIGKILL for whatever is still alive after {@code grace}: a member still waiting to join ignores
     * SIGTERM until its join timeout. Returns when every process is gone (or after the SIGKILL wait).
     */
    public static void terminate(List<Long> pids, Duration grace) {
        if (pids.isEmpty()) {
            return;
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        if (!awaitGone(pids, grace)) {
            List<Long> stubborn = pids.stream().filter(LabProcesses::isAlive).toList();
            log.warn("Lab processes {} ignored SIGTERM for {} s; sending SIGKILL", stubborn, grace.toSeconds());
            stubborn.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (!awaitGone(stubborn, Duration.ofSeconds(10))) {
                log.error("Lab processes {} survived SIGKILL", stubborn.stream().filter(LabProcesses::isAlive).toList());
            }
        }
    }

    private static boolean awaitGone(List<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pids.stream().anyMatch(LabProcesses::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
