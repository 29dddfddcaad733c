package dev.upshift.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of an {@link AuditFilter}: every value is a bind parameter (never spliced into the SQL), and
 * each condition matches an index of {@code V20__audit_indexes.sql} except the details text, which is a scan.
 */
record AuditSql(String where, List<Object> args) {

    static final String COLUMNS = "id, occurred_at, actor, action, target_type, target_id, details, prev_hash, hash";

    static AuditSql of(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.actor() != null) {
            conditions.add("actor = ?");
            args.add(filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("action like ? escape '\\'");
            args.add(escapeLike(filter.action()) + "%");
        }
        if (filter.targetType() != null) {
            conditions.add("target_type = ?");
            args.add(filter.targetType());
        }
        if (filter.targetId() != null) {
            conditions.add("target_id = ?");
            args.add(filter.targetId());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        if (filter.text() != null) {
            conditions.add("details ilike ? escape '\\'");
            args.add("%" + escapeLike(filter.text()) + "%");
        }
        return new AuditSql(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), args);
    }

    /** {@code %} and {@code _} typed by a user are literal characters, not wildcards. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("details"), rs.getString("prev_hash").trim(), rs.getString("hash").trim());
    }

    Object[] argsWith(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
