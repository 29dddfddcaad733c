package dev.upshift.procedure.conf;

/**
 * Something the derivation changed or wants the operator to look at.
 *
 * @param key     the setting concerned
 * @param message what happened and why
 */
public record ConfFlag(Kind kind, String key, String message) {

    public enum Kind {
        /** Renamed to the target's name, value kept. */
        RENAMED,
        /** Kept, but deprecated in the target: change it after the upgrade, not during. */
        DEPRECATED,
        /** Unknown to the target: commented out. */
        REMOVED,
        /** dbms.mode set for the role (or SINGLE for the offline seed's upgrade start). */
        MODE,
        /** dbms.allow_upgrade set (seed upgrade) or removed (everywhere else). */
        ALLOW_UPGRADE,
        /** A host changed to this server's address. */
        ADDRESS
    }
}
