package io.pishkhan.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny stand-in for the appliance's {@code /webchat/ws}, to test the load generator and measure its own cost:
 * hello -> welcome, message -> ack + a bot message, ping -> pong. Plain RFC 6455 over blocking sockets, one thread
 * per connection; no storage. {@code java -cp target/pishkhan-benchmarks.jar io.pishkhan.benchmarks.WebchatStub 18999}
 */
public final class WebchatStub {
    private static final AtomicLong IDS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18999;
        try (ServerSocket server = new ServerSocket(port, 1024)) {
            System.out.println("webchat stub on ws://localhost:" + port + "/webchat/ws");
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "stub-conn");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            String key = null;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) { // request headers
                if (c == '\n') {
                    String l = line.toString().trim();
                    line.setLength(0);
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.toLowerCase().startsWith("sec-websocket-key:")) {
                        key = l.substring(18).trim();
                    }
                } else {
                    line.append((char) c);
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream d = new DataInputStream(in);
            String token = null;
            long seq = 0;
            while (true) {
                int b0 = d.readUnsignedByte();
                int b1 = d.readUnsignedByte();
                int op = b0 & 0x0f;
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = d.readUnsignedShort();
                } else if (len == 127) {
                    len = d.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    d.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                d.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if (op == 8) {
                    frame(out, 8, payload);
                    return;
                }
                if (op == 9) {
                    frame(out, 10, payload);
                    continue;
                }
                if (op != 1) {
                    continue;
                }
                JsonNode f = Visitor.JSON.readTree(payload);
                ObjectNode r = Visitor.JSON.createObjectNode();
                switch (f.path("type").asText()) {
                    case "hello" -> {
                        token = f.path("token").asText();
                        r.put("type", "welcome").put("protocol", 1).put("sessionId", "s" + IDS.incrementAndGet())
                                .putNull("conversationId");
                        r.put("resumed", false);
                        text(out, r.toString());
                    }
                    case "message" -> {
                        String conv = "stub-" + token.substring(0, 10);
                        r.put("type", "ack").put("clientId", f.path("clientId").asText())
                                .put("clientSeq", f.path("clientSeq").asLong()).put("conversationId", conv)
                                .put("messageId", "m" + IDS.incrementAndGet()).put("duplicate", false);
                        text(out, r.toString());
                        ObjectNode m = Visitor.JSON.createObjectNode();
                        m.put("type", "message").put("id", "m" + IDS.incrementAndGet()).put("conversationId", conv)
                                .put("seq", seq += 2).put("from", "bot").putNull("senderName")
                                .put("text", "Our branches are open Saturday to Wednesday 7:30 to 13:30.");
                        m.putArray("quickReplies");
                        m.put("at", java.time.Instant.now().toString());
                        text(out, m.toString());
                    }
                    case "ping" -> {
                        r.put("type", "pong").set("t", f.path("t"));
                        text(out, r.toString());
                    }
                    default -> { }
                }
            }
        } catch (Exception e) {
            // connection ended
        }
    }

    private static void text(OutputStream out, String s) throws IOException {
        frame(out, 1, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void frame(OutputStream out, int op, byte[] p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(p.length + 10);
        b.write(0x80 | op);
        if (p.length < 126) {
            b.write(p.length);
        } else if (p.length < 65536) {
            b.write(126);
            b.write(p.length >> 8);
            b.write(p.length & 0xff);
        } else {
            b.write(127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) p.length >> (8 * i)) & 0xff);
            }
        }
        b.write(p);
        out.write(b.toByteArray());
        out.flush();
    }
}
