package dev.upshift.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.upshift.lab.dist.DistributionBuilder;

/**
 * Puts the tarball of every offered version newer than a practice cluster's into each of its hosts' home, beside the
 * installation: where an administrator stages the new version before an upgrade, and where the upgrade wizard looks
 * by default ({@code <parent of NEO4J_HOME>/neo4j-enterprise-<v>-unix.tar.gz}). So a rehearsal needs no manual copy,
 * and the run engine still only finds files on its servers, as in production. Hard links into the lab's
 * distribution cache: a staged tarball costs no disk. A version that cannot be built is reported, not fatal.
 */
final class UpgradeTargets {

    private static final Logger log = LoggerFactory.getLogger(UpgradeTargets.class);

    private UpgradeTargets() {
    }

    static void stage(LabCluster cluster, List<String> offered, DistributionBuilder distributions, Consumer<String> progress) {
        for (String version : offered) {
            if (compare(version, cluster.version()) <= 0) {
                continue;
            }
            try {
                progress.accept("Staging Neo4j " + version + " on every host, spares included (an upgrade target for rehearsals)");
                Path tarball = distributions.tarball(version, progress);
                for (LabMember member : cluster.hosts()) {
                    Path staged = member.home().resolve(tarball.getFileName());
                    Files.deleteIfExists(staged);
                    try {
                        Files.createLink(staged, tarball);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(tarball, staged); // another file system: a copy is what an administrator would make
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not stage Neo4j {} on lab cluster {}: {}", version, cluster.id(), e.getMessage());
                progress.accept("Neo4j " + version + " could not be staged (" + e.getMessage() + "); upload it before upgrading to it");
            }
        }
    }

    /** Numeric comparison of dotted versions (3.4.10 is after 3.4.6). */
    static int compare(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(UpgradeTargets::number).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(UpgradeTargets::number).toArray();
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part.replaceAll("\\D.*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
