package dev.upshift.procedure;

/** Who carries a step out by default (in manual mode the operator runs the panel's commands instead). */
public enum Actor {
    /** The panel, over SSH on the server (commands, file transfer). */
    PANEL_SSH,
    /** The panel, over Bolt (cluster overview, versions). */
    PANEL_BOLT,
    /** A person: a decision or an acknowledgement the panel cannot make. */
    OPERATOR
}
