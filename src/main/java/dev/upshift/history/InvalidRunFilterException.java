package dev.upshift.history;

import java.util.List;

/** Filter values that cannot be used (unknown status, not a time, reversed range): a 400 with every reason. */
public class InvalidRunFilterException extends RuntimeException {

    /** One unusable value: the query parameter and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidRunFilterException(List<Problem> problems) {
        super(String.join(" ", problems.stream().map(Problem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
