package dev.upshift.procedure;

import java.util.List;

/**
 * Whether one method may take a cluster from one version to another: the wizard greys out the refused ones and
 * shows their reason and route.
 *
 * @param code       null when allowed
 * @param reason     why not, in the manual's words; null when allowed
 * @param route      what to do instead; null when allowed or when there is no route
 * @param advisories things the operator should know even though the method is allowed
 */
public record Eligibility(Method method, boolean allowed, RefusalCode code, String reason, String route,
                          List<String> advisories) {

    public Eligibility {
        advisories = List.copyOf(advisories);
    }

    static Eligibility allowed(Method method, List<String> advisories) {
        return new Eligibility(method, true, null, null, null, advisories);
    }

    static Eligibility refused(Method method, RefusalCode code, String reason, String route) {
        return new Eligibility(method, false, code, reason, route, List.of());
    }
}
