package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The unpacked distribution under test: started and stopped with bin/pishkhan, driven over HTTP and JMX. */
final class Appliance {
    static final ObjectMapper JSON = new ObjectMapper();
    final Path home;
    /** One admin password per test JVM: the first start writes it into etc/users.properties of the shared dist. */
    static final String ADMIN_PASSWORD = "it-" + UUID.randomUUID();
    final String password = ADMIN_PASSWORD;
    final int httpPort = freePort();
    final int sshPort = freePort();
    final int rmiRegistryPort = freePort();
    final int rmiServerPort = freePort();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Appliance(Path home) {
        this.home = home;
        File[] bins = home.resolve("bin").toFile().listFiles();
        if (bins == null) {
            throw new IllegalStateException("no distribution at " + home);
        }
        for (File f : bins) {
            // maven-dependency-plugin's unpack loses the exec bit
            if (!f.setExecutable(true)) {
                throw new IllegalStateException("cannot make " + f + " executable");
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PISHKHAN_ADMIN_PASSWORD", password);
        env.put("PISHKHAN_HTTP_PORT", String.valueOf(httpPort));
        env.put("PISHKHAN_SSH_PORT", String.valueOf(sshPort));
        env.put("PISHKHAN_RMI_REGISTRY_PORT", String.valueOf(rmiRegistryPort));
        env.put("PISHKHAN_RMI_SERVER_PORT", String.valueOf(rmiServerPort));
        return env;
    }

    void run(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = home.resolve("bin/pishkhan").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).inheritIO();
        pb.environment().putAll(env());
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "bin/pishkhan " + String.join(" ", args) + " timed out");
        assertEquals(0, p.exitValue(), "bin/pishkhan " + String.join(" ", args) + " failed");
    }

    /** Starts and waits until the health endpoint reports the store UP and all four plugin kinds present. */
    void start() throws Exception {
        run("start");
        awaitJson("/api/v1/health", false, h -> h.path("status").asText().equals("UP")
                && h.path("extensions").path("selectedBot").isTextual()
                && h.path("extensions").path("selectedRoutingStrategy").isTextual()
                && h.path("extensions").path("channels").toString().contains("loopback")
                && h.path("extensions").path("analyticsProcessors").size() > 0, Duration.ofSeconds(120));
        // the console and the web chat register last; boot is over when they answer too
        for (String page : new String[] {"/console/", "/webchat/widget.js"}) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                try {
                    status = get(page, false).statusCode();
                } catch (IOException notYet) {
                    status = 0;
                }
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, page + " never answered 200");
        }
    }

    /**
     * Selects the chatbot engine (etc/io.pishkhan.core.cfg {@code bot.engine}, applied live) and waits until the core
     * uses it. The older test classes talk to the keyword FAQ bot; the shipped default is the assistant.
     */
    void useBot(String engineId) throws Exception {
        Path cfg = home.resolve("etc/io.pishkhan.core.cfg");
        String s = java.nio.file.Files.readString(cfg, java.nio.charset.StandardCharsets.UTF_8);
        // a file the console saved is in Karaf's typed format (strings quoted, L"2000"): an unquoted value there
        // would make Karaf read the whole file untyped, and the core would get "L\"2000\"" for a number
        boolean typed = java.util.regex.Pattern.compile("(?m)^[\\w.]+\\s*=\\s*[ILBDFSXC]?\"").matcher(s).find();
        String updated = s.replaceAll("(?m)^bot\\.engine\\s*=.*$", "bot.engine = " + (typed ? "\"" + engineId + "\""
                : engineId));
        if (!updated.equals(s)) {
            java.nio.file.Files.writeString(cfg, updated, java.nio.charset.StandardCharsets.UTF_8);
        }
        awaitJson("/api/v1/extensions", true, n -> n.path("selectedBot").asText().equals(engineId),
                Duration.ofSeconds(60));
    }

    void stop() throws Exception {
        run("stop");
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (auth) {
            b.header("Authorization", basic());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, byte[] body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth) {
            b.header("Authorization", basic());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) throws IOException {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IOException("not JSON (HTTP " + r.statusCode() + " " + r.uri() + "): " + r.body(), e);
        }
    }

    /** Polls a JSON GET until the predicate holds; fails with the last body seen. */
    JsonNode awaitJson(String path, boolean auth, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(path, auth);
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    JsonNode n = json(r);
                    if (done.test(n)) {
                        return n;
                    }
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting on " + path + "; last: " + last);
    }

    /** Invokes an operation of Karaf's bundle MBean (stop/start a bundle by symbolic name) over JMX. */
    void bundle(String operation, String symbolicName) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://localhost:" + rmiServerPort + "/jndi/rmi://localhost:"
                + rmiRegistryPort + "/karaf-root");
        try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", password}))) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            mbs.invoke(new ObjectName("org.apache.karaf:type=bundle,name=root"), operation,
                    new Object[] {symbolicName}, new String[] {String.class.getName()});
        }
    }

    /** Adds a console user (agent id = user name) to etc/users.properties unless present; Karaf reads it per login. */
    void addUser(String user, String password, String group) throws Exception {
        Path users = home.resolve("etc/users.properties");
        String content = Files.readString(users);
        if (content.lines().anyMatch(l -> l.startsWith(user + " ="))) {
            return;
        }
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                .digest(password.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(users, content + "\n" + user + " = {CRYPT}" + hash + "{CRYPT},_g_:" + group + "\n");
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
