package dev.upshift.procedure;

/** Machine codes for why a method, a path or a plan is refused. The API puts them in its problem details. */
public enum RefusalCode {
    UNKNOWN_VERSION,
    DOWNGRADE,
    SAME_VERSION,
    NO_CAUSAL_CLUSTERING,
    UNSUPPORTED_PATH,
    ROLLING_NOT_PATCH_RELEASE,
    ROLLING_STORE_FORMAT_CHANGE,
    ROLLING_BELOW_MINIMUM,
    REPLACEMENTS_MISSING,
    REPLACEMENTS_MISMATCH,
    INVALID_TOPOLOGY,
    INVALID_SEED
}
