package dev.upshift.audit;

import java.util.List;

/**
 * One page of events, newest first.
 *
 * @param total        how many events match, exact unless {@code totalCapped}
 * @param totalCapped  true when more than {@code total} events match: counting a broad filter over millions of rows
 *                     would cost more than the page itself, so the count stops at {@link AuditSearch#COUNT_CAP}
 */
public record AuditPage(List<AuditEntry> events, int page, int size, long total, boolean totalCapped) {

    /** @return the number of pages, or the pages known so far plus one when the total is capped */
    public long totalPages() {
        long known = (total + size - 1) / size;
        return totalCapped ? known + 1 : Math.max(known, 1);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total || (totalCapped && events.size() == size);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
