package dev.upshift.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "What each role may call" table of {@code docs/security.md}, parsed: one {@link Endpoint} per backticked
 * {@code METHOD /path} item, with what each caller may expect. The markdown is the source of truth; this only reads it.
 */
record AccessTable(List<Endpoint> endpoints) {

    enum Caller { ANONYMOUS, AUDITOR, OPERATOR, ADMIN }

    enum Expect {
        ALLOWED, LOGIN, UNAUTHORIZED, FORBIDDEN;

        static Expect of(String cell, boolean api) {
            return switch (cell.strip()) {
                case "yes" -> ALLOWED;
                case "403" -> FORBIDDEN;
                case "401" -> UNAUTHORIZED;
                case "login" -> LOGIN;
                case "login / 401" -> api ? UNAUTHORIZED : LOGIN;
                default -> throw new IllegalArgumentException("Unknown cell in docs/security.md: \"" + cell + "\"");
            };
        }
    }

    record Endpoint(String method, String path, Map<Caller, Expect> expected) {
        boolean api() {
            return path.startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String SECTION = "## What each role may call";
    private static final Pattern ITEM = Pattern.compile("`(?:(GET|POST|PUT|DELETE|PATCH) )?(/[^`]*)`");

    static AccessTable read(Path markdown) throws IOException {
        String text = Files.readString(markdown);
        int start = text.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(markdown + " has no section \"" + SECTION + "\"");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String line : text.substring(start).lines().skip(1).toList()) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue; // prose, the header row, the separator row
            }
            String[] cells = line.split("\\|");
            if (cells.length != 6) {
                throw new IllegalStateException("A row of the table needs 5 cells: " + line);
            }
            String method = null;
            for (String group : cells[1].split(";")) {
                Matcher item = ITEM.matcher(group);
                while (item.find()) {
                    method = item.group(1) != null ? item.group(1) : method;
                    if (method == null) {
                        throw new IllegalStateException("No method for " + item.group(2) + " in: " + line);
                    }
                    boolean api = item.group(2).startsWith("/api/");
                    endpoints.add(new Endpoint(method, item.group(2), Map.of(
                            Caller.ANONYMOUS, Expect.of(cells[2], api), Caller.AUDITOR, Expect.of(cells[3], api),
                            Caller.OPERATOR, Expect.of(cells[4], api), Caller.ADMIN, Expect.of(cells[5], api))));
                }
                method = null; // a new group names its method again
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("No endpoints found under \"" + SECTION + "\" in " + markdown);
        }
        return new AccessTable(List.copyOf(endpoints));
    }
}
