package io.pishkhan.routing.policy.internal;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literals and CIDR blocks, IPv4 and IPv6, parsed without ever asking DNS. */
final class IpAddress {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** An address (or a block's network) as an unsigned number, with its width (32 or 128 bits). */
    record Value(BigInteger bits, int width) {
        Value masked(int prefix) {
            if (prefix >= width) {
                return this;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE));
            return new Value(bits.and(mask), width);
        }

        String text() {
            byte[] raw = bits.toByteArray();
            byte[] bytes = new byte[width / 8];
            int n = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A CIDR block; a single address has the full prefix. */
    record Block(Value network, int prefix) {
    }

    private IpAddress() {
    }

    /**
     * An IP literal ({@code 10.1.2.3}, {@code 2001:db8::1}, {@code [::1]}, {@code fe80::1%eth0}); IPv4-mapped IPv6
     * addresses count as IPv4. Null when it is not one.
     */
    static Value parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Digits.toLatin(raw).strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        var m = V4.matcher(s);
        if (m.matches()) {
            long v = 0;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                if (octet > 255) {
                    return null;
                }
                v = v << 8 | octet;
            }
            return new Value(BigInteger.valueOf(v), 32);
        }
        // only an IPv6 literal reaches InetAddress (it contains ':' and only hex digits, ':' and '.'), so no lookup
        if (s.indexOf(':') < 0 || !V6_CHARS.matcher(s).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return new Value(new BigInteger(1, a.getAddress()), a instanceof Inet4Address ? 32 : 128);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A block {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address.
     *
     * @throws IllegalArgumentException naming what is wrong (bad address, prefix out of range, host bits set)
     */
    static Block parseBlock(String raw) {
        String s = Digits.toLatin(raw).strip();
        int slash = s.indexOf('/');
        Value address = parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)");
        }
        if (slash < 0) {
            return new Block(address, address.width());
        }
        String p = s.substring(slash + 1).strip();
        int prefix;
        try {
            prefix = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > address.width()) {
            throw new IllegalArgumentException("prefix must be 0-" + address.width());
        }
        if (prefix == 0) {
            throw new IllegalArgumentException("/0 matches every address");
        }
        Value network = address.masked(prefix);
        if (!network.equals(address)) {
            throw new IllegalArgumentException("host bits are set; did you mean " + network.text() + "/" + prefix + "?");
        }
        return new Block(network, prefix);
    }
}
