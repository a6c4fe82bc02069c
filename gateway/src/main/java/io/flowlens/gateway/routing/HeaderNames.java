package io.flowlens.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fixed set of header names, matched ignoring case without allocating: every forwarded call
 * checks each of its headers (both ways) against the hop-by-hop list, and lower-casing each name
 * to probe a hash set was a few per cent of the gateway's CPU per call.
 */
final class HeaderNames {

    /** Names by length: a header is compared only with the names as long as it. */
    private final String[][] byLength;

    HeaderNames(Set<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            lists.add(new ArrayList<>());
        }
        names.forEach(name -> lists.get(name.length()).add(name.toLowerCase(Locale.ROOT)));
        byLength = new String[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            byLength[i] = lists.get(i).toArray(String[]::new);
        }
    }

    boolean contains(String name) {
        int length = name.length();
        if (length >= byLength.length) {
            return false;
        }
        for (String candidate : byLength[length]) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
