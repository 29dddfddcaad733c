package dev.upshift.lab.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces the JDK 8 javac bug of neo4j-codegen-3.3.x (a Methodref to an interface's method) in a class compiled
 * here, shows that Java 17 rejects it, and that the patcher repairs it.
 */
class ConstantPoolPatcherTest {

    @TempDir
    Path dir;

    @Test
    void flipsMethodrefsToInterfaceMethodsBackToInterfaceMethodrefs() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("p"));
        Files.writeString(src.resolve("p/Shape.java"), "package p; public interface Shape { static int sides() { return 4; } }");
        Files.writeString(src.resolve("p/User.java"), "package p; public class User { public static int call() { return Shape.sides(); } }");
        Path classes = dir.resolve("classes");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("p/Shape.java").toString(), src.resolve("p/User.java").toString())).isZero();
        byte[] shape = Files.readAllBytes(classes.resolve("p/Shape.class"));
        byte[] user = Files.readAllBytes(classes.resolve("p/User.class"));

        // what the buggy javac wrote: the interface method referenced as a plain Methodref
        assertThat(ConstantPoolPatcher.retag(user, Set.of("p/Shape"), 11, 10)).isEqualTo(1);
        assertThatThrownBy(() -> call(shape, user)).hasRootCauseInstanceOf(IncompatibleClassChangeError.class);

        assertThat(ConstantPoolPatcher.patchClass(user, Set.of("p/Shape"))).isEqualTo(1);
        assertThat(call(shape, user)).isEqualTo(4);
        assertThat(ConstantPoolPatcher.patchClass(user, Set.of("p/Shape"))).as("nothing left to flip").isZero();
    }

    private static Object call(byte[] shape, byte[] user) throws Exception {
        ClassLoader loader = new ClassLoader(null) {
            private final Map<String, byte[]> classes = Map.of("p.Shape", shape, "p.User", user);

            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        return loader.loadClass("p.User").getMethod("call").invoke(null);
    }
}
