package dev.upshift.audit;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the audit log for people and exports, with plain SQL so that every query is one index lookup: newest first
 * is {@code order by id desc} (ids follow the chain), unfiltered pages seek by id, and counts are cheap or capped.
 */
@Component
public class AuditSearch {

    /**
     * A filtered count stops here: beyond it, "more than 1,000" is all a reader needs, and counting further would
     * cost more than the page (a broad filter over a million events touches hundreds of thousands of rows).
     */
    public static final int COUNT_CAP = 1_000;
    /** Rows fetched from the database at a time while exporting. */
    static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public AuditSearch(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** @param page zero-based; past the last page answers the last page (clamped, never an error) */
    public AuditPage page(AuditFilter filter, int page, int size) {
        return filter.isEmpty() ? unfilteredPage(page, size) : filteredPage(filter, page, size);
    }

    /**
     * Ids are gapless (the writer assigns head + 1), so without a filter the count is the head's last id and page n
     * starts at id {@code last - n * size}: a seek on the primary key however deep the page.
     */
    private AuditPage unfilteredPage(int page, int size) {
        long total = jdbc.queryForObject("select last_id from audit_head where id = 1", Long.class);
        int clamped = clamp(page, total, size);
        long newest = total - (long) clamped * size;
        List<AuditEntry> rows = jdbc.query("select " + AuditSql.COLUMNS
                        + " from audit_event where id <= ? order by id desc fetch first ? rows only",
                (rs, n) -> AuditSql.entry(rs), newest, size);
        return new AuditPage(rows, clamped, size, total, false);
    }

    private AuditPage filteredPage(AuditFilter filter, int page, int size) {
        AuditSql sql = AuditSql.of(filter);
        long counted = jdbc.queryForObject("select count(*) from (select 1" + sql.from() + sql.where()
                + " fetch first " + (COUNT_CAP + 1) + " rows only)", Long.class, sql.args().toArray());
        boolean capped = counted > COUNT_CAP;
        long total = capped ? COUNT_CAP : counted;
        int clamped = capped ? Math.max(page, 0) : clamp(page, total, size);
        List<AuditEntry> rows = jdbc.query("select " + AuditSql.COLUMNS + sql.from() + sql.where() + sql.orderBy()
                        + " offset ? rows fetch next ? rows only",
                (rs, n) -> AuditSql.entry(rs), sql.argsWith((long) clamped * size, size));
        if (capped && rows.isEmpty() && clamped > 0) {
            return filteredPage(filter, (int) ((total - 1) / size), size); // past the end of a broad filter
        }
        return new AuditPage(rows, clamped, size, total, capped);
    }

    /** @return the page of the unfiltered log (newest first, {@code size} a page) that shows event {@code id} */
    public int unfilteredPageOf(long id, int size) {
        long total = jdbc.queryForObject("select last_id from audit_head where id = 1", Long.class);
        return clamp((int) Math.max((total - id) / size, 0), total, size);
    }

    /**
     * Streams every matching event, newest first, to {@code sink} inside one read-only transaction (a consistent
     * snapshot), {@value #EXPORT_FETCH_SIZE} rows at a time: memory stays constant however many rows match.
     *
     * @return how many events were streamed
     */
    public long stream(AuditFilter filter, Consumer<AuditEntry> sink) {
        AuditSql sql = AuditSql.of(filter);
        long[] count = {0};
        readOnly.executeWithoutResult(status -> jdbc.query(con -> {
            var statement = con.prepareStatement("select " + AuditSql.COLUMNS + sql.from() + sql.where()
                    + sql.orderBy());
            statement.setFetchSize(EXPORT_FETCH_SIZE);
            for (int i = 0; i < sql.args().size(); i++) {
                statement.setObject(i + 1, sql.args().get(i));
            }
            return statement;
        }, rs -> {
            sink.accept(AuditSql.entry(rs));
            count[0]++;
        }));
        return count[0];
    }

    private static int clamp(int page, long total, int size) {
        long last = Math.max((total - 1) / size, 0);
        return (int) Math.min(Math.max(page, 0), last);
    }
}
