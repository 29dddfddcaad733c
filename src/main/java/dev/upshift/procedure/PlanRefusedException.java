package dev.upshift.procedure;

/**
 * A plan that Upshift will not make. Carries a machine {@link #code()}, the reason in the manual's words and,
 * where one exists, the supported route.
 */
public class PlanRefusedException extends RuntimeException {

    private final RefusalCode code;
    private final String reason;
    private final String route;

    public PlanRefusedException(RefusalCode code, String reason, String route) {
        super(route == null ? reason : reason + " " + route);
        this.code = code;
        this.reason = reason;
        this.route = route;
    }

    static PlanRefusedException of(Eligibility refused) {
        return new PlanRefusedException(refused.code(), refused.reason(), refused.route());
    }

    public RefusalCode code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** What to do instead, or null when there is no route (e.g. the cluster already runs the target). */
    public String route() {
        return route;
    }
}
