package dev.upshift.lab.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.upshift.lab.LabException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Builds {@code neo4j-enterprise-<version>-unix.tar.gz} laid out like the real tarball ({@code bin/neo4j},
 * {@code bin/neo4j-admin}, {@code conf/neo4j.conf}, {@code lib/}, {@code data/}, {@code logs/}, {@code run/},
 * {@code certificates/}, {@code plugins/}, {@code import/}) from the jars on Maven Central. A tarball once built is
 * kept in the distribution directory and reused.
 */
public class DistributionBuilder {

    private static final Logger log = LoggerFactory.getLogger(DistributionBuilder.class);
    private static final Pattern VERSION = Pattern.compile("3\\.\\d+\\.\\d+");

    private final Path distDir;
    private final Neo4jArtifactResolver resolver;
    private final Duration shutdownTimeout;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public DistributionBuilder(Path distDir, Neo4jArtifactResolver resolver, Duration shutdownTimeout) {
        this.distDir = distDir;
        this.resolver = resolver;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Only Neo4j 3.x: 4.0 and later are not published as Enterprise jars and speak another Bolt/cluster protocol. */
    public static void requireSupportedVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new LabException("Neo4j version must look like 3.4.5 (the lab runs Neo4j 3.x Enterprise), not \""
                    + version + "\"");
        }
    }

    public static String topDirectory(String version) {
        return "neo4j-enterprise-" + version;
    }

    public Path tarballPath(String version) {
        return distDir.resolve(topDirectory(version) + "-unix.tar.gz");
    }

    /** The tarball for {@code version}, built on first use. */
    public Path tarball(String version, Consumer<String> progress) {
        requireSupportedVersion(version);
        synchronized (locks.computeIfAbsent(version, v -> new Object())) {
            Path tarball = tarballPath(version);
            if (Files.isRegularFile(tarball)) {
                progress.accept("Using the cached " + tarball.getFileName());
                return tarball;
            }
            progress.accept("Resolving Neo4j Enterprise " + version + " jars from Maven Central");
            List<Path> jars = resolver.resolve(version);
            progress.accept("Building " + tarball.getFileName() + " (" + jars.size() + " jars)");
            Path work = distDir.resolve("build-" + version + "-" + System.nanoTime());
            try {
                Path home = layOut(version, jars, work);
                Path partial = distDir.resolve(tarball.getFileName() + ".part");
                run(List.of("tar", "-I", "gzip -1", "-cf", partial.toString(), "-C", work.toString(), home.getFileName().toString()));
                Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                log.info("Built {}", tarball);
                return tarball;
            } catch (IOException e) {
                throw new LabException("Building the Neo4j " + version + " distribution failed: " + e.getMessage(), e);
            } finally {
                FileSystemUtils.deleteRecursively(work.toFile());
            }
        }
    }

    private Path layOut(String version, List<Path> jars, Path work) throws IOException {
        Path home = work.resolve(topDirectory(version));
        for (String dir : List.of("bin", "conf", "lib", "data", "logs", "run", "certificates", "plugins", "import")) {
            Files.createDirectories(home.resolve(dir));
        }
        Path lib = home.resolve("lib");
        for (Path jar : jars) {
            Path target = lib.resolve(jar.getFileName());
            if (!Neo4j33OnJava17.copy(version, jar, target)) {
                Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        BootstrapperCompiler.compileTo(jars, lib.resolve("upshift-lab-bootstrapper-" + version + ".jar"), work.resolve("bootstrapper"));
        Map<String, String> values = Map.of(
                "@VERSION@", version,
                "@MAIN_CLASS@", BootstrapperCompiler.MAIN_CLASS,
                "@SHUTDOWN_TIMEOUT@", Long.toString(shutdownTimeout.toSeconds()));
        writeTemplate("neo4j.sh", home.resolve("bin/neo4j"), values, true);
        writeTemplate("neo4j-admin.sh", home.resolve("bin/neo4j-admin"), values, true);
        writeTemplate("neo4j.conf", home.resolve("conf/neo4j.conf"), values, false);
        return home;
    }

    private static void writeTemplate(String resource, Path target, Map<String, String> values, boolean executable) throws IOException {
        String text;
        try (InputStream in = DistributionBuilder.class.getResourceAsStream("/lab/dist/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        Files.writeString(target, text);
        if (executable) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
