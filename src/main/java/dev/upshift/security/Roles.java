package dev.upshift.security;

/**
 * Role names and ready-made {@code @PreAuthorize} expressions, e.g.
 * {@code @PreAuthorize(Roles.ADMIN_OR_OPERATOR)} on a service method that starts a run. Roles do not inherit from
 * each other: an ADMIN is not implicitly an OPERATOR.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String AUDITOR = "AUDITOR";

    /** Users, clusters, settings. */
    public static final String IS_ADMIN = "hasRole('ADMIN')";
    /** Planning and executing runs. */
    public static final String IS_OPERATOR = "hasRole('OPERATOR')";
    /** Approving plans, exporting. */
    public static final String IS_AUDITOR = "hasRole('AUDITOR')";
    /** Changes that both admins and operators may make. */
    public static final String ADMIN_OR_OPERATOR = "hasAnyRole('ADMIN','OPERATOR')";
    /** Approving a plan: the team lead or an admin (never the plan's creator, which the service checks). */
    public static final String ADMIN_OR_AUDITOR = "hasAnyRole('ADMIN','AUDITOR')";
    /** Reading: any signed-in user with a role. */
    public static final String ANY_ROLE = "hasAnyRole('ADMIN','OPERATOR','AUDITOR')";

    private Roles() {
    }
}
