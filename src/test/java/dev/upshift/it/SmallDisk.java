package dev.upshift.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real full disk for one directory of a lab host: a tmpfs of a few kilobytes mounted over it, so whatever writes
 * there gets "No space left on device" from the kernel. Needs root (the test machines run as root); unmounting
 * gives the directory back as it was, with nothing of what was written on the small disk.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** @param size a tmpfs size, e.g. {@code 32k} */
    public static SmallDisk over(Path dir, String size) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString()));
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            run(List.of("umount", dir.toString()));
        } catch (IllegalStateException busy) {
            run(List.of("umount", "-l", dir.toString()));   // still open by a process the fault left behind
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out
                        + " (a disk-full fault needs root to mount a tmpfs)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
