package dev.upshift.run.web;

import java.util.List;

/** The acknowledgements a plan may require, in the manual's words, for the start form's checkboxes. */
public record AckText(String code, String title, String text) {

    static List<AckText> of(List<String> codes) {
        return codes.stream().map(AckText::of).toList();
    }

    static AckText of(String code) {
        return switch (code) {
            case "no-downgrade" -> new AckText(code, "No downgrade",
                    "Neo4j does not support downgrades. If this upgrade fails, going back means a full rollback,"
                            + " including restoring the pre-upgrade backup (Operations Manual 5.3.1).");
            case "write-load" -> new AckText(code, "Write load",
                    "Downgrades are not supported, so a failure means reverting: the safest way is to disable write"
                            + " load while the rolling upgrade runs (Operations Manual 5.3.2).");
            case "restore-backup" -> new AckText(code, "Restore the pre-upgrade backup",
                    "The rollback restores the database from the full backup taken before the upgrade: whatever was"
                            + " written after that backup is lost (Operations Manual 5.3.1, Limitations).");
            default -> new AckText(code, code, "The plan requires this acknowledgement.");
        };
    }
}
