package dev.upshift.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.procedure.Method;
import dev.upshift.run.RunMode;
import dev.upshift.run.RunStatus;
import dev.upshift.security.Roles;

/**
 * Reads the run history with plain SQL (as the audit search does): one query for the per-status counts (which also
 * gives the total), one for the page, one for the page's step progress. Values are always bound; only fixed column
 * names from {@link RunSort} are written into the SQL.
 */
@Component
public class RunSearch {

    private static final String COLUMNS = "id, cluster_id, cluster_name, status, method, mode, source_version, "
            + "target_version, created_by, created_at, coalesce(started_by, created_by) as operator, started_at, ended_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    RunSearch(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** @param page zero-based; past the last page answers the last page (clamped, never an error) */
    @PreAuthorize(Roles.ANY_ROLE)
    public RunPage page(RunFilter filter, int page, int size) {
        return readOnly.execute(s -> {
            Map<String, Long> counts = counts(filter.withoutStatus());
            long total = filter.status() == null ? counts.values().stream().mapToLong(Long::longValue).sum()
                    : counts.get(filter.status().name());
            int clamped = (int) Math.max(0, Math.min(Math.max(page, 0), (total - 1) / size));
            Where where = Where.of(filter);
            String dir = filter.ascending() ? " asc" : " desc";
            List<Object> args = new ArrayList<>(where.args());
            args.add((long) clamped * size);
            args.add(size);
            List<RunRow> rows = jdbc.query("select " + COLUMNS + " from upgrade_run" + where.sql() + " order by "
                            + filter.sort().column() + dir + " nulls last, id" + dir + " offset ? rows fetch next ? rows only",
                    (rs, n) -> row(rs), args.toArray());
            return new RunPage(withProgress(rows), clamped, size, total, counts);
        });
    }

    /** Every cluster that has runs, by id, with the name its latest run knew it by (runs outlive registrations). */
    @PreAuthorize(Roles.ANY_ROLE)
    public Map<Long, String> clusters() {
        Map<Long, String> clusters = new LinkedHashMap<>();
        // each cluster's latest run found once, by grouping the cluster index; a correlated "id = (select max(id) ...)"
        // per run read every run of the cluster again for every run (seconds at 10,000 runs)
        jdbc.query("select r.cluster_id, r.cluster_name from upgrade_run r join (select cluster_id, max(id) as latest "
                + "from upgrade_run group by cluster_id) l on r.id = l.latest order by r.cluster_name, r.cluster_id",
                rs -> { clusters.put(rs.getLong(1), rs.getString(2)); });
        return clusters;
    }

    private Map<String, Long> counts(RunFilter filter) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RunStatus status : RunStatus.values()) counts.put(status.name(), 0L);
        Where where = Where.of(filter);
        jdbc.query("select status, count(*) from upgrade_run" + where.sql() + " group by status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); }, where.args().toArray());
        return Collections.unmodifiableMap(counts);
    }

    private List<RunRow> withProgress(List<RunRow> rows) {
        if (rows.isEmpty()) return rows;
        Map<Long, int[]> progress = new HashMap<>();
        String ids = String.join(",", Collections.nCopies(rows.size(), "?"));
        jdbc.query("select run_id, count(*), sum(case when status in ('SUCCEEDED', 'SKIPPED') then 1 else 0 end) "
                        + "from run_step where run_id in (" + ids + ") group by run_id",
                rs -> { progress.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)}); },
                rows.stream().map(RunRow::id).toArray());
        return rows.stream().map(r -> {
            int[] p = progress.getOrDefault(r.id(), new int[2]);
            return new RunRow(r.id(), r.clusterId(), r.clusterName(), r.status(), r.method(), r.mode(),
                    r.sourceVersion(), r.targetVersion(), r.createdBy(), r.createdAt(), r.operator(), r.startedAt(),
                    r.endedAt(), p[0], p[1]);
        }).toList();
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getLong("id"), rs.getLong("cluster_id"), rs.getString("cluster_name"),
                RunStatus.valueOf(rs.getString("status")), Method.valueOf(rs.getString("method")).apiName(),
                RunMode.valueOf(rs.getString("mode")).apiName(), rs.getString("source_version"), rs.getString("target_version"),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("operator"),
                instant(rs, "started_at"), instant(rs, "ended_at"), 0, 0);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** The where clause of a filter, with its bound values in order. */
    private record Where(String sql, List<Object> args) {

        static Where of(RunFilter f) {
            List<String> terms = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (f.clusterId() != null) { terms.add("cluster_id = ?"); args.add(f.clusterId()); }
            if (f.status() != null) { terms.add("status = ?"); args.add(f.status().name()); }
            if (f.operator() != null) { terms.add("coalesce(started_by, created_by) = ?"); args.add(f.operator()); }
            if (f.from() != null) { terms.add("coalesce(started_at, created_at) >= ?"); args.add(utc(f.from())); }
            if (f.to() != null) { terms.add("coalesce(started_at, created_at) < ?"); args.add(utc(f.to())); }
            return new Where(terms.isEmpty() ? "" : " where " + String.join(" and ", terms), args);
        }

        private static OffsetDateTime utc(Instant time) {
            return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
        }
    }
}
