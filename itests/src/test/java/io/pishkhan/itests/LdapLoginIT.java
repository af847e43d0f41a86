package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Directory login against a real LDAP server (UnboundID's in-memory directory server, speaking LDAP on a loopback
 * port): the admin enables {@code io.pishkhan.security.ldap} by dropping its configuration into etc/ (what the
 * console's form does too), and without a restart a directory user logs in to the REST API with his directory
 * password and the roles his groups map to; a wrong password and an unknown user are refused; the local admin keeps
 * working.
 */
class LdapLoginIT extends ApplianceTestBase {
    static final String BASE = "dc=pishkhan,dc=test";
    static InMemoryDirectoryServer directory;

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.shutDown(true);
        }
    }

    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        directory = new InMemoryDirectoryServer(cfg);
        directory.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: pishkhan");
        directory.add("dn: ou=people," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
        person("leila", "Leila-Directory-1");
        person("omid", "Omid-Directory-1");
        group("pishkhan-admins", "leila");
        group("pishkhan-supervisors", "omid");
        group("canteen", "omid");
        directory.startListening();
    }

    static void person(String uid, String password) throws Exception {
        directory.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                "sn: " + uid, "userPassword: " + password);
    }

    static void group(String cn, String member) throws Exception {
        directory.add("dn: cn=" + cn + ",ou=groups," + BASE, "objectClass: top", "objectClass: groupOfNames",
                "cn: " + cn, "member: uid=" + member + ",ou=people," + BASE);
    }

    static int status(String path, String user, String password) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).build();
        return app.http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void directoryUsersLogInWithTheRolesTheirGroupsMapTo() throws Exception {
        startDirectory();
        app.addUser("it-local-sup", "Local-Sup-1", "supervisorgroup"); // etc/users.properties, hashed
        java.nio.file.Path cfg = app.home.resolve("etc/io.pishkhan.security.ldap.cfg");
        try {
            check(cfg);
        } finally {
            Files.deleteIfExists(cfg); // the other ITs share this distribution: Karaf's own realm comes back
        }
    }

    void check(java.nio.file.Path cfg) throws Exception {
        String before = app.log();
        Files.writeString(cfg, String.join("\n",
                "enabled = true",
                "connection.url = ldap://127.0.0.1:" + directory.getListenPort(),
                "user.base.dn = ou=people," + BASE,
                "user.filter = (uid=%u)",
                "role.base.dn = ou=groups," + BASE,
                "role.filter = (member=%fqdn)",
                "role.name.attribute = cn",
                "role.mapping = pishkhan-admins=admin;pishkhan-supervisors=supervisor",
                ""), StandardCharsets.UTF_8);
        // no login is tried before the realm is there (failed logins count towards the lockout)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!app.log().substring(before.length()).contains("directory (LDAP) login enabled")) {
            assertTrue(System.nanoTime() < deadline, "the LDAP realm was not enabled: see data/log/karaf.log");
            Thread.sleep(250);
        }

        assertEquals(200, status("/api/v1/admin/backups", "leila", "Leila-Directory-1"), "a directory admin");
        assertEquals(200, status("/api/v1/analytics/wallboard", "omid", "Omid-Directory-1"),
                "a directory supervisor reads analytics");
        assertEquals(403, status("/api/v1/admin/backups", "omid", "Omid-Directory-1"),
                "but is no admin (group canteen maps to nothing that grants it)");
        assertEquals(401, status("/api/v1/admin/backups", "leila", "wrong-password"));
        assertEquals(401, status("/api/v1/admin/backups", "nobody", "Leila-Directory-1"));
        assertEquals(200, status("/api/v1/admin/backups", "admin", app.password), "the local admin still logs in");
        assertEquals(200, status("/api/v1/analytics/wallboard", "it-local-sup", "Local-Sup-1"),
                "a users.properties user (hashed password) still logs in through Karaf's module");
    }
}
