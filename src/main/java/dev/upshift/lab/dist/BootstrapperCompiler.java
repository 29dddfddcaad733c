package dev.upshift.lab.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.upshift.lab.LabException;

/**
 * Compiles the lab's tiny enterprise entry point against one version's jars. Neo4j 3.x must never be on the panel's
 * own classpath, so the source ships as a resource and is compiled per distribution with the JDK's compiler.
 */
public final class BootstrapperCompiler {

    public static final String MAIN_CLASS = "dev.upshift.lab.boot.LabEnterpriseBootstrapper";
    private static final String SOURCE = "/lab/dist/LabEnterpriseBootstrapper.java.txt";

    private BootstrapperCompiler() {
    }

    /** Compiles the bootstrapper against {@code classpath} and writes it as a jar to {@code targetJar}. */
    public static void compileTo(List<Path> classpath, Path targetJar, Path workDir) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new LabException("The panel runs on a JRE without a Java compiler; the lab needs a full JDK");
        }
        Path src = workDir.resolve("src/dev/upshift/lab/boot/LabEnterpriseBootstrapper.java");
        Path classes = workDir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        try (InputStream in = BootstrapperCompiler.class.getResourceAsStream(SOURCE)) {
            Files.write(src, in.readAllBytes());
        }
        String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors,
                "-nowarn", "-proc:none", "-classpath", cp, "-d", classes.toString(), src.toString());
        if (status != 0) {
            throw new LabException("Compiling the lab's Neo4j entry point failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(targetJar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
    }
}
