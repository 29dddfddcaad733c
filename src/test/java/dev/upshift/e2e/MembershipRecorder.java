package dev.upshift.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;

/**
 * Records, in the page itself, every state the live membership table goes through (a MutationObserver), and marks
 * the page so a reload would show: what a DBA sees without touching anything.
 */
final class MembershipRecorder {

    private static final String WATCH = """
            () => {
              window.__loadedOnce = true;
              window.__membership = [];
              const record = () => document.querySelectorAll('#live-membership #membership-table tbody tr').forEach(tr =>
                window.__membership.push({id: tr.id, role: tr.dataset.role || '', text: tr.textContent}));
              record();
              new MutationObserver(record).observe(document.querySelector('#live-membership'), {childList: true, subtree: true});
            }""";

    private final Page page;

    private MembershipRecorder(Page page) {
        this.page = page;
    }

    static MembershipRecorder start(Page page) {
        page.evaluate(WATCH);
        return new MembershipRecorder(page);
    }

    boolean pageNeverReloaded() {
        return Boolean.TRUE.equals(page.evaluate("() => window.__loadedOnce === true"));
    }

    /** The member's row was seen MISSING at some point, and present with {@code version} after that. */
    boolean sawLeaveThenReturnOn(String address, String version) {
        String rowId = "member-" + address.replace('.', '-');
        boolean left = false;
        for (Map<String, Object> state : states()) {
            if (!rowId.equals(state.get("id"))) continue;
            if ("MISSING".equals(state.get("role"))) left = true;
            else if (left && String.valueOf(state.get("text")).contains(version)) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> states() {
        return new ArrayList<>((List<Map<String, Object>>) page.evaluate("() => window.__membership"));
    }
}
