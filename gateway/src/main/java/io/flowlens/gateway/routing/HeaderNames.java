package io.flowlens.gateway.routing;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A fixed set of header names, matched ignoring case without allocating: every forwarded call
 * checks each of its headers (both ways) against the hop-by-hop list, and lower-casing each name
 * to probe a hash set was a few per cent of the gateway's CPU per call. The JDK's
 * case-insensitive ordering compares in place.
 */
final class HeaderNames {

    private final SortedSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    HeaderNames(Set<String> names) {
        this.names.addAll(names);
    }

    boolean contains(String name) {
        return names.contains(name);
    }
}
