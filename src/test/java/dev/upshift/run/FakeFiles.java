package dev.upshift.run;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.upshift.remote.ExecResult;
import dev.upshift.remote.OutputLine;

/**
 * The files of {@link FakeCluster}'s hosts, as far as the panel's checks look at them: uploaded files and their plain
 * {@code cp}, homes unpacked by {@code tar -C} (only those answer {@code bin/neo4j version}), and {@code sha256sum}
 * with the real hash of a known file (an unknown one hashes to a fixed value, so a copy of it still matches); every
 * directory {@code du} is asked about holds 2 MB.
 */
final class FakeFiles {

    private static final Pattern VERSION = Pattern.compile("neo4j-enterprise-(\\d+\\.\\d+\\.\\d+)");

    private final Map<String, byte[]> files;                        // "host:path" -> content
    private final List<String> unpacked = new CopyOnWriteArrayList<>(); // "host:home"

    FakeFiles(Map<String, byte[]> files) {
        this.files = files;
    }

    void reset() {
        unpacked.clear();
    }

    boolean handles(String command) {
        String c = command.replace("'", "");
        return c.startsWith("sha256sum ") || (c.startsWith("cp ") && c.split(" ").length == 3)
                || (c.startsWith("tar -xzf ") && c.contains(" -C ")) || c.endsWith("/bin/neo4j version") || c.startsWith("du -sk --time ");
    }

    ExecResult exec(String host, String command, Consumer<OutputLine> out) {
        String c = command.replace("'", "");
        if (c.startsWith("sha256sum ")) {
            for (String file : c.substring("sha256sum ".length()).split(" ")) {
                byte[] known = files.get(host + ":" + file);
                out.accept(line(OutputLine.Stream.STDOUT, (known == null ? "a".repeat(64) : sha256(known)) + "  " + file));
            }
        } else if (c.startsWith("cp ")) {
            String[] cp = c.split(" ");
            if (files.containsKey(host + ":" + cp[1])) files.put(host + ":" + cp[2], files.get(host + ":" + cp[1]));
        } else if (c.startsWith("du -sk --time ")) {
            String path = c.substring("du -sk --time ".length());
            out.accept(line(OutputLine.Stream.STDOUT, "2048\t2026-01-01 00:00\t" + path));
        } else if (c.startsWith("tar -xzf ")) {
            unpacked.add(host + ":" + c.split(" -C ")[1].split(" ")[0]);
        } else {
            String home = c.substring(0, c.length() - "/bin/neo4j version".length());
            Matcher v = VERSION.matcher(home);
            if (!unpacked.contains(host + ":" + home) || !v.find()) {
                out.accept(line(OutputLine.Stream.STDERR, "sh: 1: " + home + "/bin/neo4j: not found"));
                return result(command, 127);
            }
            out.accept(line(OutputLine.Stream.STDOUT, "neo4j " + v.group(1)));
        }
        return result(command, 0);
    }

    private static ExecResult result(String command, int exit) {
        return new ExecResult(command, exit, false, List.of(), Duration.ofMillis(1));
    }

    private static OutputLine line(OutputLine.Stream stream, String text) {
        return new OutputLine(Instant.now(), stream, text);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
