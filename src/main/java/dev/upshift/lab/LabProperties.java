package dev.upshift.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rehearsal lab ({@code upshift.lab.*}).
 *
 * @param root               where distributions, hosts and keys live; {@code ${upshift.data-dir}/lab} when unset
 * @param addressBase        the first loopback address handed to a lab host; the next ones count up from it
 * @param addressCount       how many consecutive loopback addresses the lab may use in total
 * @param maxMembers         the most members (cores + read replicas) one lab cluster may have
 * @param sshPort            the port of every lab host's SSH server (each on its own address)
 * @param sshUser            the login name the lab hosts accept
 * @param heapSize           {@code dbms.memory.heap.max_size} of every member
 * @param heapInitialSize    {@code dbms.memory.heap.initial_size} (small: the default conf pre-touches the initial heap)
 * @param pageCacheSize      {@code dbms.memory.pagecache.size} of every member
 * @param formationTimeout   how long a new cluster may take to show every member and one leader (50-65 s on an idle
 *                           2-core machine, measured up to 141 s when the machine was shared by several builds)
 * @param stopGracePeriod    how long a member gets after SIGTERM before SIGKILL (a member waiting to join ignores SIGTERM)
 * @param mavenRepository    where Neo4j's jars come from
 * @param localRepository    the Maven local repository used as the jar cache; {@code ~/.m2/repository} when unset
 * @param versions           the versions offered on the lab page
 */
@ConfigurationProperties("upshift.lab")
public record LabProperties(
        Path root,
        @DefaultValue("127.0.0.11") String addressBase,
        @DefaultValue("40") int addressCount,
        @DefaultValue("7") int maxMembers,
        @DefaultValue("2222") int sshPort,
        @DefaultValue("upshift") String sshUser,
        @DefaultValue("512m") String heapSize,
        @DefaultValue("128m") String heapInitialSize,
        @DefaultValue("32m") String pageCacheSize,
        @DefaultValue("360s") Duration formationTimeout,
        @DefaultValue("20s") Duration stopGracePeriod,
        @DefaultValue("https://repo.maven.apache.org/maven2/") String mavenRepository,
        Path localRepository,
        @DefaultValue({"3.3.5", "3.4.5", "3.4.6"}) List<String> versions) {

    public LabProperties {
        localRepository = localRepository != null ? localRepository
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        root = root != null ? root : Path.of("data", "lab");
        versions = List.copyOf(versions);
    }

    /** The defaults, rooted somewhere else (tests, tools). */
    public static LabProperties defaults(Path root, String addressBase) {
        return new LabProperties(root, addressBase, 40, 7, 2222, "upshift", "512m", "128m", "32m", Duration.ofSeconds(360),
                Duration.ofSeconds(20), "https://repo.maven.apache.org/maven2/", null, List.of("3.3.5", "3.4.5", "3.4.6"));
    }
}
