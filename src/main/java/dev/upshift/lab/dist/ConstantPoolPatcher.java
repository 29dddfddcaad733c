package dev.upshift.lab.dist;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Repairs {@code neo4j-codegen-3.3.x.jar} for Java 17.
 *
 * <p>Why: the 3.3.x jars were compiled by a JDK 8 javac with a bug that writes {@code CONSTANT_Methodref} (tag 10)
 * for methods whose owner is an interface (seen in three classes, e.g. {@code org/neo4j/codegen/ByteCodeVisitor},
 * through method handles of lambdas). Java 8 tolerated that; Java 9+ verifies it, so a 3.3 member on Java 17 prints
 * "Database is now ready" and then dies in the compiled Cypher runtime with {@code IncompatibleClassChangeError:
 * Inconsistent constant pool data ... should be CONSTANT_InterfaceMethodRef}. The two entry kinds have the same
 * layout (class index, name-and-type index), so flipping the tag to {@code CONSTANT_InterfaceMethodref} (11) for
 * exactly the refs whose owner is an interface declared in the same jar is a byte-for-byte repair. Only the lab's
 * own copy is patched; the Maven cache keeps the original. 3.4.x jars do not have the bug.
 */
public final class ConstantPoolPatcher {

    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int ACC_INTERFACE = 0x0200;

    private ConstantPoolPatcher() {
    }

    /** Writes a patched copy of {@code jar} to {@code target}; returns how many constant-pool entries were flipped. */
    public static int patchJar(Path jar, Path target) throws IOException {
        Set<String> interfaces = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        ClassInfo info = parse(in.readAllBytes());
                        if ((info.accessFlags & ACC_INTERFACE) != 0) {
                            interfaces.add(info.thisClass);
                        }
                    }
                }
            }
        }
        int flipped = 0;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
             OutputStream raw = Files.newOutputStream(target);
             JarOutputStream out = in.getManifest() != null ? new JarOutputStream(raw, in.getManifest()) : new JarOutputStream(raw)) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    flipped += patchClass(bytes, interfaces);
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return flipped;
    }

    /** Flips, in place, every Methodref whose owner is one of {@code interfaces}; returns how many. */
    static int patchClass(byte[] bytes, Set<String> interfaces) throws IOException {
        return retag(bytes, interfaces, METHODREF, INTERFACE_METHODREF);
    }

    /** Changes the tag of method refs tagged {@code from} whose owner is in {@code owners}; returns how many. */
    static int retag(byte[] bytes, Set<String> owners, int from, int to) throws IOException {
        ClassInfo info = parse(bytes);
        int changed = 0;
        for (int offset : info.methodrefOffsets.values()) {
            String owner = info.utf8.get(info.classNameIndex.get(u2(bytes, offset + 1)));
            if ((bytes[offset] & 0xFF) == from && owners.contains(owner)) {
                bytes[offset] = (byte) to;
                changed++;
            }
        }
        return changed;
    }

    private static final class ClassInfo {
        final Map<Integer, String> utf8 = new HashMap<>();
        final Map<Integer, Integer> classNameIndex = new HashMap<>();
        final Map<Integer, Integer> methodrefOffsets = new HashMap<>();
        int accessFlags;
        String thisClass;
    }

    private static ClassInfo parse(byte[] b) throws IOException {
        if (u2(b, 0) != 0xCAFE || u2(b, 2) != 0xBABE) {
            throw new IOException("not a class file");
        }
        ClassInfo info = new ClassInfo();
        int count = u2(b, 8);
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1 -> {
                    int len = u2(b, p + 1);
                    info.utf8.put(i, new DataInputStream(new ByteArrayInputStream(b, p + 1, len + 2)).readUTF());
                    p += 3 + len;
                }
                case 7 -> {
                    info.classNameIndex.put(i, u2(b, p + 1));
                    p += 3;
                }
                case 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                case 3, 4, 9, 12, 17, 18 -> p += 5;
                case METHODREF, INTERFACE_METHODREF -> {
                    info.methodrefOffsets.put(i, p);
                    p += 5;
                }
                case 5, 6 -> {
                    p += 9;
                    i++; // longs and doubles take two constant-pool slots
                }
                default -> throw new IOException("unknown constant-pool tag " + tag + " at entry " + i);
            }
        }
        info.accessFlags = u2(b, p);
        info.thisClass = info.utf8.get(info.classNameIndex.get(u2(b, p + 2)));
        return info;
    }

    private static int u2(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
