package io.flowlens.assessment.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which callback addresses are public, which are refused and why, and what an operator's allow-list lets through. */
class CallbackPolicyTest {

    private static InetAddress literal(String address) throws Exception {
        return InetAddress.getByName(address); // literals only: no lookup
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "169.254.169.254, link-local (cloud metadata)", "169.254.1.1, link-local", "fe80::1, link-local",
            "fc00::1, private (unique local)", "fd00:ec2::254, private (unique local)",
            "0.0.0.0, unspecified", "::, unspecified", "0.1.2.3, unspecified",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "100.64.0.1, shared (carrier-grade NAT)", "192.0.0.8, reserved (protocol assignments)",
            "192.0.2.1, documentation", "198.51.100.7, documentation", "203.0.113.9, documentation",
            "2001:db8::1, documentation", "198.18.0.1, benchmarking", "240.0.0.1, reserved", "255.255.255.255, reserved",
            "::ffff:10.0.0.1, private", "64:ff9b::a00:1, private (through NAT64)", "2002:a00:1::1, private (through 6to4)",
            "2001:0:4136:e378::1, reserved (Teredo tunnel)", "::10.0.0.1, reserved (IPv4-compatible)"})
    void nonPublicAddressesAreNamedByKind(String address, String kind) throws Exception {
        assertEquals(kind, CallbackPolicy.nonPublic(literal(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::808:808"})
    void publicAddressesPass(String address) throws Exception {
        assertNull(CallbackPolicy.nonPublic(literal(address)));
    }

    @Test
    void theUrlMustBeHttpsWithAHostAndNoCredentials() {
        CallbackPolicy strict = new CallbackPolicy(List.of(), true);
        assertEquals("must be an https URL",
                assertThrows(CallbackPolicy.Refused.class, () -> strict.parse("http://partner.example.com/x")).getMessage());
        assertThrows(CallbackPolicy.Refused.class, () -> strict.parse("ftp://partner.example.com/x"));
        assertThrows(CallbackPolicy.Refused.class, () -> strict.parse("https:///x"));
        assertThrows(CallbackPolicy.Refused.class, () -> strict.parse("not a url"));
        assertTrue(assertThrows(CallbackPolicy.Refused.class, () -> strict.parse("https://user:pw@partner.example.com/x"))
                .getMessage().contains("credentials"));
        assertDoesNotThrow(() -> strict.parse("https://partner.example.com/x?y=1"));
        assertDoesNotThrow(() -> new CallbackPolicy(List.of(), false).parse("http://partner.example.com/x"));
    }

    @Test
    void literalHostsAreRefusedWhateverTheirSpelling() {
        CallbackPolicy strict = new CallbackPolicy(List.of(), false);
        for (String url : List.of("http://127.0.0.1/x", "http://[::1]/x", "http://[::ffff:127.0.0.1]/x",
                "http://169.254.169.254/latest/meta-data", "http://0.0.0.0:8080/", "http://10.0.0.7/", "http://[fe80::1]/")) {
            String reason = assertThrows(CallbackPolicy.Refused.class, () -> strict.target(url), url).getMessage();
            assertTrue(reason.endsWith("callbacks must reach a public address"), reason);
        }
    }

    @Test
    void anOperatorsAllowListLetsNamedHostsAndRangesThrough() throws Exception {
        CallbackPolicy dev = new CallbackPolicy(List.of("127.0.0.1", "10.20.0.0/16", "[::1]", "Hooks.Internal"), false);
        assertDoesNotThrow(() -> dev.check("127.0.0.1", literal("127.0.0.1")));
        assertDoesNotThrow(() -> dev.check("::1", literal("::1")));
        assertDoesNotThrow(() -> dev.check("x", literal("10.20.3.4")));
        assertDoesNotThrow(() -> dev.check("hooks.internal", literal("10.99.0.1")));
        assertThrows(CallbackPolicy.Refused.class, () -> dev.check("x", literal("10.21.0.1")));
        assertThrows(CallbackPolicy.Refused.class, () -> dev.check("x", literal("127.0.0.2")));
        assertThrows(IllegalArgumentException.class, () -> new CallbackPolicy(List.of("10.0.0.0/40"), false));
    }
}
