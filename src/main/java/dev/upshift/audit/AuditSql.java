package dev.upshift.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of an {@link AuditFilter}: every value is a bind parameter (never spliced into the SQL).
 *
 * <p>Newest first must never mean "find every match, then sort": a broad filter matches hundreds of thousands of
 * rows. So the query walks one index in an order that equals newest first and stops after a page: the target index
 * when a target is named, else the time index when a time bound is given, else the actor index, else the primary key
 * (action prefix and details text are checked along the way). The ORDER BY names that index's columns (equal to id
 * order while the leading columns are fixed by the filter) and {@code USE INDEX} pins it, so the database neither
 * guesses another plan nor sorts. Cost is then proportional to how far it walks to fill a page, not to the matches.
 */
record AuditSql(String from, String where, String orderBy, List<Object> args) {

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
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        if (filter.targetType() != null && filter.targetId() != null) {
            return new AuditSql(" from audit_event use index (ix_audit_event_target_id)", where,
                    " order by target_type desc, target_id desc, id desc", args);
        }
        if (filter.from() != null || filter.to() != null) {
            // time order; equals id order as long as the clock never went backwards between two appends
            return new AuditSql(" from audit_event use index (ix_audit_event_occurred_at)", where,
                    " order by occurred_at desc, id desc", args);
        }
        if (filter.actor() != null) {
            return new AuditSql(" from audit_event use index (ix_audit_event_actor_id)", where,
                    " order by actor desc, id desc", args);
        }
        return new AuditSql(" from audit_event use index ()", where, " order by id desc", args); // the primary key
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
