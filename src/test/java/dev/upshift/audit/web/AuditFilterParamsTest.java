package dev.upshift.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.upshift.audit.AuditFilter;

class AuditFilterParamsTest {

    private static AuditFilterParams times(String from, String to) {
        return new AuditFilterParams(null, null, null, null, from, to, null);
    }

    @Test
    void readsTimesAsUtcInEachAcceptedForm() {
        AuditFilter f = times("2026-11-01T10:30", "2026-11-02T08:00:00Z").toFilter();
        assertThat(f.from()).isEqualTo(Instant.parse("2026-11-01T10:30:00Z"));
        assertThat(f.to()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
        AuditFilter day = times("2026-11-01", "2026-11-01").toFilter();
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z")); // a bare "to" day is included
    }

    @Test
    void refusesReversedRangesBadTimesAndOverlongValues() {
        assertThatThrownBy(() -> times("2026-11-02", "2026-11-01T12:00").toFilter())
                .isInstanceOf(InvalidAuditFilterException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> times("2026-13-40", null).toFilter())
                .isInstanceOf(InvalidAuditFilterException.class).hasMessageContaining("not a UTC time");
        assertThatThrownBy(() -> new AuditFilterParams("a".repeat(201), null, null, null, null, null, null).toFilter())
                .isInstanceOf(InvalidAuditFilterException.class).hasMessageContaining("200");
    }

    @Test
    void blankValuesMatchEverythingAndLinksCarryOnlyWhatWasGiven() {
        AuditFilterParams params = new AuditFilterParams(" dba ", "", null, "7", null, null, "a&b=c");
        assertThat(params.toFilter()).isEqualTo(new AuditFilter("dba", null, null, "7", null, null, "a&b=c"));
        assertThat(params.link("/audit", 2)).isEqualTo("/audit?actor=dba&targetId=7&text=a%26b%3Dc&page=2");
        assertThat(AuditFilterParams.NONE.link("/audit", 0)).isEqualTo("/audit");
    }

    @Test
    void csvQuotesOnlyWhatNeedsQuotingAndDoublesQuotes() {
        assertThat(AuditCsv.field("plain")).isEqualTo("plain");
        assertThat(AuditCsv.field(null)).isEmpty();
        assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }
}
