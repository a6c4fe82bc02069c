package io.flowlens.assessment.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a partner callback may go: an absolute http(s) URL (https unless the operator relaxed it)
 * whose host is, and resolves only to, public unicast addresses. Loopback, private, link-local
 * (cloud metadata included), unspecified, multicast, shared, documentation and reserved ranges
 * are refused, so a partner cannot make this service call into its own network (SSRF). An operator
 * can allow-list host names, addresses or CIDR ranges for local development.
 *
 * <p>Checked at registration and again at each delivery, after resolution; the delivery then
 * connects to the address that was checked (see {@link WebhookDispatcher}).
 */
public final class CallbackPolicy {

    /** A URL or address this policy refuses, with the reason in the caller's words. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Where to connect: the host as the URL names it (for Host and TLS) and the checked address. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    private final Set<String> allowedNames = new HashSet<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final boolean requireHttps;

    public CallbackPolicy(List<String> allowedHosts, boolean requireHttps) {
        this.requireHttps = requireHttps;
        for (String entry : allowedHosts) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Cidr range = Cidr.parse(e);
            if (range != null) {
                allowedRanges.add(range);
            } else {
                allowedNames.add(stripBrackets(e));
            }
        }
    }

    /** The URL's shape: absolute, http(s) (https when required), a host, no credentials. No DNS. */
    public URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
            throw new Refused("must be an absolute http or https URL");
        }
        if (requireHttps && !"https".equals(scheme)) {
            throw new Refused("must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials; deliveries are authenticated by their signature");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and checks every address it has: one refused address refuses the
     * URL, so a name cannot hide an internal address behind a public one.
     *
     * @throws UnknownHostException when the name does not resolve (now)
     */
    public Target target(String url) throws Refused, UnknownHostException {
        URI uri = parse(url);
        String host = stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            check(host, address);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : (https ? 443 : 80);
        return new Target(uri, host, port, https, addresses[0]);
    }

    /** Refuses an address that is not public unicast, unless the host or the address is allow-listed. */
    public void check(String host, InetAddress address) throws Refused {
        if (allowedNames.contains(host) || allowedNames.contains(address.getHostAddress())
                || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return;
        }
        String kind = nonPublic(address);
        if (kind != null) {
            String shown = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
            throw new Refused(shown + " is a " + kind + " address; callbacks must reach a public address");
        }
    }

    /** What kind of non-public address this is, or null for a public unicast address. */
    public static String nonPublic(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return a.getHostAddress().equals("169.254.169.254") ? "link-local (cloud metadata)" : "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return nonPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            if (allZero(b, 0, 12)) {
                // ::a.b.c.d (IPv4-compatible) and ::/128, ::1 handled above
                return "reserved (IPv4-compatible)";
            }
            if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) {
                // NAT64 64:ff9b::/96 reaches the embedded IPv4 address
                String embedded = nonPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
                return embedded == null ? null : embedded + " (through NAT64)";
            }
            if (startsWith(b, 0x20, 0x02)) {
                // 6to4 2002::/16 carries an IPv4 address in bytes 2..5
                String embedded = nonPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
                return embedded == null ? null : embedded + " (through 6to4)";
            }
            if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {
                return "reserved (Teredo tunnel)";
            }
            if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8)) {
                return "documentation";
            }
            if (startsWith(b, 0x01, 0x00) && allZero(b, 2, 8)) {
                return "reserved (discard)";
            }
        }
        return null;
    }

    private static String nonPublicV4(byte[] b) {
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        int o3 = b[2] & 0xff;
        if (o1 == 0) {
            return "unspecified";
        }
        if (o1 == 127) {
            return "loopback";
        }
        if (o1 == 10 || o1 == 172 && (o2 & 0xf0) == 16 || o1 == 192 && o2 == 168) {
            return "private";
        }
        if (o1 == 169 && o2 == 254) {
            return "link-local";
        }
        if (o1 == 100 && (o2 & 0xc0) == 64) {
            return "shared (carrier-grade NAT)";
        }
        if (o1 == 192 && o2 == 0 && o3 == 0) {
            return "reserved (protocol assignments)";
        }
        if (o1 == 192 && o2 == 0 && o3 == 2 || o1 == 198 && o2 == 51 && o3 == 100 || o1 == 203 && o2 == 0 && o3 == 113) {
            return "documentation";
        }
        if (o1 == 198 && (o2 & 0xfe) == 18) {
            return "benchmarking";
        }
        if (o1 >= 224 && o1 < 240) {
            return "multicast";
        }
        if (o1 >= 240) {
            return "reserved";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An address range: an address literal, or address/prefix. */
    record Cidr(byte[] network, int prefix) {

        /** The range an allow-list entry names, or null when the entry is a host name. */
        static Cidr parse(String entry) {
            String[] parts = entry.split("/", 2);
            String literal = stripBrackets(parts[0]);
            if (!looksLikeAddress(literal)) {
                return null;
            }
            try {
                byte[] network = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range in " + entry);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address or CIDR range: " + entry, e);
            }
        }

        private static boolean looksLikeAddress(String s) {
            return s.contains(":") || s.matches("[0-9.]+");
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
