package dev.upshift.lab.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two repairs Neo4j 3.3.x jars need to run on Java 17, applied to the lab's own copies (3.4.x needs neither):
 * <ul>
 *   <li>{@code neo4j-codegen}: JDK 8 javac constant-pool bug, see {@link ConstantPoolPatcher}.</li>
 *   <li>{@code neo4j-bolt}: {@code UTF8Encoder.fastestAvailableEncoder()} loads {@code SunMiscUTF8Encoder}, which
 *   reads {@code String}'s {@code char[]} and throws an {@code AssertionError} on Java 9+ (Strings hold a
 *   {@code byte[]}). The fallback only catches {@code Exception}, so every Bolt handshake fails ("Could not
 *   initialize class ...SunMiscUTF8Encoder") and drivers see the connection close. Leaving that one class out of
 *   the jar turns the lookup into a {@code ClassNotFoundException}, and Neo4j falls back to its plain JDK encoder.</li>
 * </ul>
 */
final class Neo4j33OnJava17 {

    private static final Logger log = LoggerFactory.getLogger(Neo4j33OnJava17.class);
    private static final String SUN_MISC_ENCODER = "org/neo4j/bolt/v1/packstream/utf8/SunMiscUTF8Encoder.class";

    private Neo4j33OnJava17() {
    }

    /** Copies {@code jar} to {@code target}, repaired if it is one of the affected 3.3.x jars; true if repaired. */
    static boolean copy(String version, Path jar, Path target) throws IOException {
        String name = jar.getFileName().toString();
        if (!version.startsWith("3.3.")) {
            return false;
        }
        if (name.startsWith("neo4j-codegen-")) {
            int flipped = ConstantPoolPatcher.patchJar(jar, target);
            log.info("Patched {} for Java 17: {} constant-pool entries flipped to InterfaceMethodref", name, flipped);
            return true;
        }
        if (name.startsWith("neo4j-bolt-")) {
            copyWithout(jar, target, Set.of(SUN_MISC_ENCODER));
            log.info("Patched {} for Java 17: left out {}", name, SUN_MISC_ENCODER);
            return true;
        }
        return false;
    }

    static void copyWithout(Path jar, Path target, Set<String> left) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
             OutputStream raw = Files.newOutputStream(target);
             JarOutputStream out = in.getManifest() != null ? new JarOutputStream(raw, in.getManifest()) : new JarOutputStream(raw)) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                if (left.contains(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }
}
