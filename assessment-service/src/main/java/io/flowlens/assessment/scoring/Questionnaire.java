package io.flowlens.assessment.scoring;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published questionnaire version as the scoring rules see it: dimensions in their
 * questionnaire order (which breaks leverage ties), statements, weights and level thresholds.
 */
public record Questionnaire(String version, String title, int scaleMin, int scaleMax, List<Dimension> dimensions,
        List<Level> levels) {

    /** The dimension that goes first in recommendations while it is below {@link #PRIORITY_THRESHOLD}. */
    public static final String PRIORITY_DIMENSION = "communication";
    /** Below this (unrounded) score the priority dimension holds the others back. */
    public static final BigDecimal PRIORITY_THRESHOLD = BigDecimal.valueOf(50);

    public Questionnaire {
        dimensions = List.copyOf(dimensions);
        levels = levels.stream().sorted((a, b) -> a.from().compareTo(b.from())).toList();
    }

    public record Dimension(String id, String name, BigDecimal weight, List<Statement> statements) {
        public Dimension {
            statements = List.copyOf(statements);
        }
    }

    /** A statement; a reverse one is worded so that agreeing means less customer-centric. */
    public record Statement(String id, String text, boolean reverse, String nextStep) {
    }

    /** A maturity level reached from {@code from} (inclusive) up to the next level's {@code from}. */
    public record Level(int level, String name, BigDecimal from) {
    }

    /** Every statement by id, in questionnaire order. */
    public Map<String, Statement> statementsById() {
        Map<String, Statement> byId = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            for (Statement s : d.statements()) {
                byId.put(s.id(), s);
            }
        }
        return byId;
    }

    public Optional<Dimension> dimension(String id) {
        return dimensions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The level an index as reported (already rounded) falls in. */
    public Level levelOf(BigDecimal reportedIndex) {
        Level reached = levels.get(0);
        for (Level level : levels) {
            if (reportedIndex.compareTo(level.from()) >= 0) {
                reached = level;
            }
        }
        return reached;
    }
}
