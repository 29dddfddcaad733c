package dev.upshift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects benchmark figures and prints them as a table; also writes {@code target/bench/bench.md} and
 * {@code bench.json}. Every figure carries the machine's core count and the commit, as measured, never asserted.
 */
final class BenchReport {

    record Figure(String id, String name, String value, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();

    void add(String id, String name, String value, String note) {
        figures.add(new Figure(id, name, value, note == null ? "" : note));
        System.out.printf(Locale.ROOT, "[bench] %-3s %-48s %16s  %s%n", id, name, value, note == null ? "" : note);
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }

    static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    void write(String title) throws IOException {
        Map<String, String> machine = machine();
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| id | figure | value | note |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.id()).append(" | ").append(f.name()).append(" | ").append(f.value()).append(" | ")
                    .append(f.note()).append(" |\n");
        }
        StringBuilder json = new StringBuilder("{\n  \"title\": \"" + title + "\",\n");
        machine.forEach((k, v) -> json.append("  \"").append(k).append("\": \"").append(v).append("\",\n"));
        json.append("  \"figures\": [\n");
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            json.append("    {\"id\": \"").append(f.id()).append("\", \"name\": \"").append(esc(f.name()))
                    .append("\", \"value\": \"").append(esc(f.value())).append("\", \"note\": \"").append(esc(f.note()))
                    .append("\"}").append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Path dir = Path.of("target/bench");
        Files.createDirectories(dir);
        String stem = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Files.writeString(dir.resolve(stem + ".md"), md);
        Files.writeString(dir.resolve(stem + ".json"), json);
        System.out.println(md);
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("commit", commit());
        m.put("java", System.getProperty("java.version"));
        m.put("measured", Instant.now().toString());
        m.put("load average (1/5/15 min, when written)", loadAverage());
        return m;
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
