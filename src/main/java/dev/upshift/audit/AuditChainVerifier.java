package dev.upshift.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the audit chain in id order, a page at a time (constant memory however long the chain), and answers
 * whether it is intact or which event is the first that does not verify. Events appended while it runs are not
 * checked: it verifies the chain up to the head it saw when it started.
 */
@Component
public class AuditChainVerifier {

    private static final int PAGE_SIZE = 1000;
    private static final String PAGE_QUERY = """
            select id, occurred_at, actor, action, target_type, target_id, details, prev_hash, hash
            from audit_event where id > ? and id <= ? order by id fetch first %d rows only""".formatted(PAGE_SIZE);

    private final JdbcTemplate jdbc;

    public AuditChainVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ChainVerification verify() {
        Map<String, Object> head = jdbc.queryForMap("select last_id, last_hash from audit_head where id = 1");
        long headId = ((Number) head.get("last_id")).longValue();
        String headHash = ((String) head.get("last_hash")).trim();

        long expectedId = 1;
        String prevHash = AuditHashing.GENESIS;
        long checked = 0;
        while (expectedId <= headId) {
            List<Row> page = jdbc.query(PAGE_QUERY, (rs, n) -> new Row(rs.getLong("id"),
                    rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"), rs.getString("action"),
                    rs.getString("target_type"), rs.getString("target_id"), rs.getString("details"),
                    rs.getString("prev_hash"), rs.getString("hash")), expectedId - 1, headId);
            if (page.isEmpty()) {
                break;
            }
            for (Row row : page) {
                String problem = check(row, expectedId, prevHash);
                if (problem != null) {
                    return ChainVerification.broken(checked, row.id(), problem);
                }
                prevHash = row.hash().trim();
                expectedId++;
                checked++;
            }
        }
        if (checked < headId) {
            return ChainVerification.broken(checked, checked + 1, "Events " + (checked + 1) + " to " + headId
                    + " are missing: the chain head records event " + headId + " as the newest");
        }
        if (headId > 0 && !headHash.equals(prevHash)) {
            return ChainVerification.broken(checked - 1, headId,
                    "The chain head's hash does not match event " + headId);
        }
        return ChainVerification.intact(checked);
    }

    private static String check(Row row, long expectedId, String prevHash) {
        if (row.id() != expectedId) {
            return row.id() - 1 == expectedId
                    ? "Event " + expectedId + " before it is missing (deleted)"
                    : "Events " + expectedId + " to " + (row.id() - 1) + " before it are missing (deleted)";
        }
        if (row.prevHash() == null || !row.prevHash().trim().equals(prevHash)) {
            return "Its prev_hash does not match the hash of the event before it";
        }
        if (row.occurredAt() == null) {
            return "It has no time";
        }
        String recomputed = AuditHashing.hash(prevHash, row.id(), row.occurredAt().toInstant(), row.actor(),
                row.action(), row.targetType(), row.targetId(), row.details());
        if (row.hash() == null || !recomputed.equals(row.hash().trim())) {
            return "Its contents do not match its hash: the row was altered after it was written";
        }
        return null;
    }

    private record Row(long id, OffsetDateTime occurredAt, String actor, String action, String targetType,
                       String targetId, String details, String prevHash, String hash) {
    }
}
