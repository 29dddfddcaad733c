package dev.upshift.security;

/** The three kinds of user. See {@link Roles} for the expressions other packages put on their methods. */
public enum Role {

    /** Manages users, clusters and settings. */
    ADMIN,
    /** The DBA: plans and executes upgrade runs. */
    OPERATOR,
    /** The team lead: reads everything, approves plans, exports; changes nothing else. */
    AUDITOR;

    /** @return the Spring Security authority, e.g. {@code ROLE_ADMIN} */
    public String authority() {
        return "ROLE_" + name();
    }
}
