package io.pishkhan.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Plugin jars built on the fly in target/, signed with the JDK's keytool and jarsigner. */
final class TestJars {
    static final String STOREPASS = "secret123";
    static final String TRUSTPASS = "changeit";
    final Path dir;
    final Path vendorKeys;
    final Path rogueKeys;
    final Path trustStore;

    /** Creates a trusted vendor key, an untrusted one, and a trust store holding only the vendor's certificate. */
    TestJars(Path dir) throws Exception {
        this(dir, true);
    }

    /** Without keys: for unsigned jars only. */
    TestJars(Path dir, boolean keys) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        vendorKeys = dir.resolve("vendor.p12");
        rogueKeys = dir.resolve("rogue.p12");
        trustStore = dir.resolve("pishkhan-plugins.p12");
        if (!keys) {
            return;
        }
        for (Path p : List.of(vendorKeys, rogueKeys, trustStore, dir.resolve("vendor.cer"))) {
            Files.deleteIfExists(p);
        }
        keytool("-genkeypair", "-alias", "vendor", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=Acme Plugins, O=Acme, C=IR", "-storetype", "PKCS12", "-keystore", vendorKeys.toString(),
                "-storepass", STOREPASS, "-keypass", STOREPASS);
        keytool("-genkeypair", "-alias", "rogue", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=Rogue Plugins, O=Nobody, C=IR", "-storetype", "PKCS12",
                "-keystore", rogueKeys.toString(), "-storepass", STOREPASS, "-keypass", STOREPASS);
        keytool("-exportcert", "-alias", "vendor", "-keystore", vendorKeys.toString(), "-storepass", STOREPASS,
                "-file", dir.resolve("vendor.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "acme", "-file", dir.resolve("vendor.cer").toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", TRUSTPASS);
    }

    /** A jar with the given main manifest headers (none: no manifest) and classes copied from the class path. */
    Path jar(String name, Map<String, String> headers, Class<?>... classes) throws IOException {
        Path jar = dir.resolve(name);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = headers.isEmpty() ? new JarOutputStream(out) : new JarOutputStream(out, mf)) {
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                jos.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jos);
                }
                jos.closeEntry();
            }
            jos.putNextEntry(new JarEntry("readme.txt"));
            jos.write("a test plugin".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }

    /** Bundle headers of a test plugin; {@code imports} is the Import-Package header. */
    static Map<String, String> bundle(String bsn, String version, String imports, Class<?> activator) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-ManifestVersion", "2");
        h.put("Bundle-SymbolicName", bsn);
        h.put("Bundle-Version", version);
        h.put("Bundle-Name", "Test plugin " + bsn);
        h.put("Bundle-Vendor", "Acme");
        if (imports != null) {
            h.put("Import-Package", imports);
        }
        if (activator != null) {
            h.put("Bundle-Activator", activator.getName());
        }
        return h;
    }

    Path signed(Path jar, boolean trusted) throws Exception {
        Path out = jar.resolveSibling(jar.getFileName().toString().replace(".jar", trusted ? "-signed.jar"
                : "-rogue.jar"));
        Files.deleteIfExists(out);
        run(tool("jarsigner"), "-keystore", (trusted ? vendorKeys : rogueKeys).toString(), "-storetype", "PKCS12",
                "-storepass", STOREPASS, "-signedjar", out.toString(), jar.toString(), trusted ? "vendor" : "rogue");
        return out;
    }

    /** A copy of a signed jar with one more (unsigned) entry appended. */
    Path withExtraEntry(Path signedJar) throws IOException {
        Path out = signedJar.resolveSibling(signedJar.getFileName().toString().replace(".jar", "-tampered.jar"));
        try (JarFile in = new JarFile(signedJar.toFile(), false);
                JarOutputStream jos = new JarOutputStream(Files.newOutputStream(out))) {
            for (JarEntry e : Collections.list(in.entries())) {
                jos.putNextEntry(new JarEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(jos);
                }
                jos.closeEntry();
            }
            jos.putNextEntry(new JarEntry("evil.txt"));
            jos.write("added later".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return out;
    }

    private static void keytool(String... args) throws Exception {
        run(tool("keytool"), args);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
        }
    }
}
