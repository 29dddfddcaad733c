package dev.upshift.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.upshift.history.RunReview.Backup;
import dev.upshift.run.RunView.StepView;
import dev.upshift.run.StepStatus;

/**
 * The backups a run took, read from its backup steps' notes, where the engine records the {@code sha256sum} lines
 * it verified ("SHA-256: &lt;hash&gt;  &lt;file&gt;; …"). A backup step that succeeded without such a line (e.g. done
 * by hand in manual mode) is listed with no checksum.
 */
final class Backups {

    static final Set<String> STEPS = Set.of("PRE_BACKUP_CONF", "PRE_BACKUP_DBMS", "POST_FULL_BACKUP");
    private static final Pattern SHA = Pattern.compile("([0-9a-f]{64})\\s+\\*?([^;\\n]+)");

    private Backups() {
    }

    static List<Backup> of(List<StepView> steps) {
        List<Backup> backups = new ArrayList<>();
        for (StepView s : steps) {
            if (!STEPS.contains(s.key()) || s.status() != StepStatus.SUCCEEDED) continue;
            int before = backups.size();
            Matcher m = SHA.matcher(s.notes() == null ? "" : s.notes());
            while (m.find()) {
                backups.add(new Backup(s.key(), s.server(), m.group(2).strip(), m.group(1), s.endedAt()));
            }
            if (backups.size() == before) backups.add(new Backup(s.key(), s.server(), null, null, s.endedAt()));
        }
        return backups;
    }
}
