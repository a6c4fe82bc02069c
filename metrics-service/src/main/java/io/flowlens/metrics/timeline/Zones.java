package io.flowlens.metrics.timeline;

import java.time.ZoneId;
import java.util.Set;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

/** IANA time-zone names as callers send them; fixed offsets such as "+02:00" are refused. */
public final class Zones {

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private Zones() {
    }

    public static boolean isKnown(String name) {
        return name != null && KNOWN.contains(name);
    }

    /** The zone for an IANA name; a 400 naming {@code parameter} otherwise. */
    public static ZoneId parameter(String parameter, String name) {
        if (!isKnown(name)) {
            throw ApiException.badParameter(parameter, "'" + name + "' is not an IANA time zone (e.g. Europe/Berlin)");
        }
        return ZoneId.of(name);
    }

    /** The zone for an IANA name in a body; a 400 with a JSON Pointer otherwise. */
    public static ZoneId field(String pointer, String name) {
        if (!isKnown(name)) {
            throw ApiException.validation(java.util.List.of(new Problem.FieldError(pointer,
                    "'" + name + "' is not an IANA time zone (e.g. Europe/Berlin)")));
        }
        return ZoneId.of(name);
    }
}
