package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.upshift.history.InvalidRunFilterException.Problem;
import dev.upshift.history.web.RunFilterParams;
import dev.upshift.run.RunStatus;

class RunFilterParamsTest {

    static RunFilterParams params(String cluster, String status, String operator, String from, String to, String sort,
                                  String dir) {
        return new RunFilterParams(cluster, status, operator, from, to, sort, dir);
    }

    @Test
    void noValuesMeanNoRestrictionNewestFirst() {
        assertThat(RunFilterParams.NONE.toFilter()).isEqualTo(RunFilter.NONE);
        assertThat(params(" ", "", null, "", " ", "", "").toFilter()).isEqualTo(RunFilter.NONE);
    }

    @Test
    void readsEveryValue() {
        RunFilter f = params(" 7 ", "succeeded", " dba ", "2026-11-01", "2026-11-02T10:30", "ENDED", "asc").toFilter();

        assertThat(f.clusterId()).isEqualTo(7L);
        assertThat(f.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.operator()).isEqualTo("dba");
        assertThat(f.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(f.to()).isEqualTo(Instant.parse("2026-11-02T10:30:00Z"));
        assertThat(f.sort()).isEqualTo(RunSort.ENDED);
        assertThat(f.ascending()).isTrue();
    }

    @Test
    void aBareDateAsTheEndMeansTheEndOfThatDay() {
        assertThat(params(null, null, null, null, "2026-11-02", null, null).toFilter().to())
                .isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @Test
    void namesEveryUnusableValueByItsParameter() {
        InvalidRunFilterException e = catchThrowableOfType(InvalidRunFilterException.class,
                () -> params("seven", "DONE'; drop table upgrade_run; --", "x".repeat(101), "yesterday",
                        "2026-13-01", "fastest", "up").toFilter());

        assertThat(e.problems()).extracting(Problem::field)
                .containsExactly("clusterId", "status", "operator", "from", "to", "sort", "dir");
        assertThat(e.problems().get(1).message()).startsWith("Unknown status 'DONE'; drop table upgrade_run; --'")
                .contains("PLANNED, RUNNING, PAUSED, SUCCEEDED, FAILED, ABORTED, INTERRUPTED");
        assertThat(e.problems().get(3).message()).contains("\"from\" is not a UTC time");
        assertThat(e.problems().get(5).message()).contains("created, started, ended, cluster, status");
    }

    @Test
    void refusesAReversedOrEmptyRange() {
        InvalidRunFilterException e = catchThrowableOfType(InvalidRunFilterException.class,
                () -> params(null, null, null, "2026-11-05", "2026-11-01", null, null).toFilter());

        assertThat(e.problems()).containsExactly(new Problem("to", "The date range is empty: \"from\" must be before \"to\"."));
    }

    @Test
    void linksKeepTheFiltersAndSortingTogglesTheDirection() {
        RunFilterParams p = params("7", "FAILED", "a b", null, null, null, null);

        assertThat(p.link("/runs", 2)).isEqualTo("/runs?clusterId=7&status=FAILED&operator=a%20b&page=2");
        assertThat(p.sortedBy("created").link("/runs", null)).endsWith("&sort=created&dir=asc");
        assertThat(p.sortedBy("created").sortedBy("created").link("/runs", null)).endsWith("&sort=created");
        assertThat(p.sortedBy("cluster").link("/runs", null)).endsWith("&sort=cluster");
        assertThat(p.withStatus("SUCCEEDED").status()).isEqualTo("SUCCEEDED");
    }
}
