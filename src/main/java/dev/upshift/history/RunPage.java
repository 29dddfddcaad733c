package dev.upshift.history;

import java.util.List;
import java.util.Map;

/**
 * One page of the filtered runs list.
 *
 * @param page           zero-based, clamped into the pages that exist
 * @param total          runs matching every filter
 * @param countsByStatus per status (every status, zeros included), over every filter but the status one: what
 *                       choosing each status would show
 */
public record RunPage(List<RunRow> items, int page, int size, long total, Map<String, Long> countsByStatus) {

    public long totalPages() {
        return total == 0 ? 1 : (total + size - 1) / size;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
