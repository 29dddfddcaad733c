package dev.upshift.procedure.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff between two confs (longest common subsequence), for the UI to render like a unified diff.
 *
 * @param lines every line of both files, in order, each marked same, removed or added
 */
public record ConfDiff(List<DiffLine> lines) {

    public enum Op { SAME, REMOVED, ADDED }

    /**
     * @param oldLine 1-based line number in the old file, 0 for an added line
     * @param newLine 1-based line number in the new file, 0 for a removed line
     */
    public record DiffLine(Op op, int oldLine, int newLine, String text) {
        /** As in a unified diff: {@code " "}, {@code "-"} or {@code "+"} then the text. */
        public String unified() {
            return (op == Op.SAME ? " " : op == Op.REMOVED ? "-" : "+") + text;
        }
    }

    public ConfDiff {
        lines = List.copyOf(lines);
    }

    public static ConfDiff between(NeoConf before, NeoConf after) {
        return between(split(before.render()), split(after.render()));
    }

    static ConfDiff between(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new DiffLine(Op.SAME, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // removals before additions, as a unified diff shows them
                out.add(new DiffLine(Op.REMOVED, i + 1, 0, a.get(i)));
                i++;
            } else {
                out.add(new DiffLine(Op.ADDED, 0, j + 1, b.get(j)));
                j++;
            }
        }
        return new ConfDiff(out);
    }

    /** Only the removed and added lines. */
    public List<DiffLine> changes() {
        return lines.stream().filter(l -> l.op() != Op.SAME).toList();
    }

    public boolean isEmpty() {
        return changes().isEmpty();
    }

    private static List<String> split(String text) {
        if (text.isEmpty()) return List.of();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
