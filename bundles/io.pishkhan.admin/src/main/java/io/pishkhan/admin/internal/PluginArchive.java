package io.pishkhan.admin.internal;

import io.pishkhan.api.admin.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/** Checks of an uploaded plugin file before anything is installed: bundle headers, API import, signature. */
final class PluginArchive {
    static final String API_PACKAGE = "io.pishkhan.api";

    /** What the manifest says about an uploaded bundle. */
    record Headers(String symbolicName, String version, String name) {
    }

    private PluginArchive() {
    }

    /** An OSGi bundle that imports the Pishkhan API, else PluginException with the reason. */
    static Headers bundleHeaders(Path jar) throws PluginException {
        Manifest mf;
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            mf = jf.getManifest();
        } catch (IOException e) {
            throw refused("not a jar file: " + e.getMessage(), e);
        }
        Attributes main = mf == null ? null : mf.getMainAttributes();
        String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw refused("not an OSGi bundle: no Bundle-SymbolicName", null);
        }
        bsn = bsn.split(";", 2)[0].trim();
        if (!importsApi(main.getValue("Import-Package")) && !requiresApiBundle(main.getValue("Require-Bundle"))) {
            throw refused("not a Pishkhan plugin: " + bsn + " does not import " + API_PACKAGE
                    + " (a plugin implements a channel, routing, bot or analytics extension point of the API)", null);
        }
        String version = main.getValue("Bundle-Version");
        try {
            version = Version.parseVersion(version == null ? null : version.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw refused("not a valid OSGi bundle: Bundle-Version '" + version + "' is not a version", e);
        }
        return new Headers(bsn, version, main.getValue("Bundle-Name"));
    }

    static boolean importsApi(String importPackage) {
        for (String pkg : packages(importPackage)) {
            if (pkg.equals(API_PACKAGE) || pkg.startsWith(API_PACKAGE + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiresApiBundle(String requireBundle) {
        return packages(requireBundle).contains(API_PACKAGE);
    }

    /**
     * Names of an OSGi header's clauses ({@code a;b;version="[1,2)",c}): the parts before their first attribute or
     * directive; commas and semicolons inside quotes do not split.
     */
    static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        for (String clause : split(header, ',')) {
            for (String part : split(clause, ';')) {
                String p = part.trim();
                if (p.contains("=")) {
                    break;
                }
                if (!p.isEmpty()) {
                    names.add(p);
                }
            }
        }
        return names;
    }

    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** Certificates of a PKCS#12 trust store: trusted-certificate entries and the chains of key entries. */
    static List<X509Certificate> trusted(Path trustStore, char[] password) throws PluginException {
        if (!Files.isRegularFile(trustStore)) {
            throw refused("plugin signatures are required but the trust store " + trustStore + " does not exist:"
                    + " import the vendor's certificate into it (see the admin README) or set requireSignature=false",
                    null);
        }
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Set<X509Certificate> certs = new LinkedHashSet<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate cc : chain) {
                        if (cc instanceof X509Certificate x) {
                            certs.add(x);
                        }
                    }
                }
            }
            return List.copyOf(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw refused("cannot read the plugin trust store " + trustStore + ": " + e.getMessage()
                    + " (check trustStorePassword)", e);
        }
    }

    /**
     * Every entry (other than the signature files themselves) must be signed, the content must match its
     * signature, and at least one signer of each entry must chain to a trusted certificate.
     */
    static void verifySignature(Path jar, List<X509Certificate> trusted) throws PluginException {
        try (JarFile jf = new JarFile(jar.toFile(), true)) {
            byte[] buffer = new byte[8192];
            int signedEntries = 0;
            String untrustedSigner = null;
            for (JarEntry entry : Collections.list(jf.entries())) {
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end verifies the digest against the signature
                    }
                } catch (SecurityException e) {
                    throw refused("signature does not match the content of " + entry.getName()
                            + ": the file was changed after it was signed", e);
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw refused(signedEntries == 0 && untrustedSigner == null
                            ? "unsigned: the plugin is not signed (sign it with jarsigner, see the admin README)"
                            : "unsigned: entry " + entry.getName() + " is not signed (added after signing?)", null);
                }
                signedEntries++;
                boolean trustedSigner = false;
                for (CodeSigner signer : signers) {
                    List<? extends Certificate> path = signer.getSignerCertPath().getCertificates();
                    for (Certificate c : path) {
                        if (trusted.contains(c)) {
                            trustedSigner = true;
                        }
                    }
                    if (!trustedSigner && untrustedSigner == null && !path.isEmpty()
                            && path.get(0) instanceof X509Certificate x) {
                        untrustedSigner = x.getSubjectX500Principal().getName();
                    }
                }
                if (!trustedSigner) {
                    throw refused("signed by an untrusted certificate (" + untrustedSigner + "): import the vendor's"
                            + " certificate into the plugin trust store if you trust it", null);
                }
            }
            if (signedEntries == 0) {
                throw refused("unsigned: the plugin has no signed content", null);
            }
        } catch (IOException e) {
            throw refused("cannot read the plugin file: " + e.getMessage(), e);
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-");
    }

    static PluginException refused(String message, Throwable cause) {
        return new PluginException(message, cause);
    }
}
