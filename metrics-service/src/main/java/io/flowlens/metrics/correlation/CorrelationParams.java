package io.flowlens.metrics.correlation;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.outcome.Correlation;
import io.flowlens.metrics.outcome.FlowMetric;
import io.flowlens.metrics.outcome.FlowSeriesSet;

/** Reads the correlation parameters; faults are 400s naming the parameter. */
final class CorrelationParams {

    private CorrelationParams() {
    }

    /** Week (default) or month: a correlation over days would pair mostly carried-forward results. */
    static Bucket bucket(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            return Bucket.WEEK;
        }
        return switch (bucket) {
            case "week" -> Bucket.WEEK;
            case "month" -> Bucket.MONTH;
            default -> throw ApiException.badParameter("bucket", "'" + shown(bucket) + "' is not one of week, month");
        };
    }

    static int lag(String lag) {
        Integer n = WindowParams.integer("lag", lag);
        if (n == null) {
            return 0;
        }
        if (n < 0 || n > Correlation.MAX_LAG) {
            throw ApiException.badParameter("lag", "must be between 0 and " + Correlation.MAX_LAG + " buckets");
        }
        return n;
    }

    static FlowSeriesSet.Key flow(String flow, String flowType) {
        if (flow == null || flow.isBlank()) {
            throw ApiException.badParameter("flow", "is required: one of " + FlowMetric.wireNames());
        }
        FlowMetric metric = FlowMetric.fromWire(flow);
        if (metric == null) {
            throw ApiException.badParameter("flow", "'" + shown(flow) + "' is not one of " + FlowMetric.wireNames());
        }
        boolean typed = flowType != null && !flowType.isBlank();
        if (metric != FlowMetric.DISTRIBUTION) {
            if (typed) {
                throw ApiException.badParameter("flowType", "applies only to flow=distribution (the share of a type)");
            }
            return new FlowSeriesSet.Key(metric, null);
        }
        if (!typed) {
            throw ApiException.badParameter("flowType", "is required with flow=distribution: feature, defect, risk "
                    + "or debt");
        }
        FlowType type = FlowType.fromWire(flowType);
        if (type == null) {
            throw ApiException.badParameter("flowType", "'" + shown(flowType) + "' is not one of feature, defect, "
                    + "risk, debt");
        }
        return new FlowSeriesSet.Key(metric, type);
    }

    static String shown(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
