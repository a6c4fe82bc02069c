package io.flowlens.common.contract;

/**
 * The assessment-service → metrics-service feed of scored assessments (docs/contracts.md,
 * "Scored assessments"), its limits defined once: the producer stays within them and the consumer
 * checks the same constants on arrival. Texts and instants follow {@link ItemEventContract}'s rules
 * ({@link ItemEventContract#textViolation}, {@link ItemEventContract#instantViolation}).
 */
public final class AssessmentEventContract {

    /** Where metrics-service receives the feed (role {@code service}). */
    public static final String PATH = "/internal/v1/assessment-events";
    /** The contract's version, sent by the relay; a consumer answers per event in every version. */
    public static final String VERSION_HEADER = "X-Flowlens-Assessment-Events-Version";
    public static final String VERSION = "1";

    /** An assessment's current score (a first scoring or a correction: the higher revision wins). */
    public static final String SCORED = "assessment.scored";
    /** An assessment withdrawn: its scores leave every series. */
    public static final String DELETED = "assessment.deleted";

    /** Events in one POST. */
    public static final int MAX_BATCH = 500;
    /** Dimensions of one assessment. */
    public static final int MAX_DIMENSIONS = 50;
    /** {@code tenantId}. */
    public static final int MAX_TENANT_ID = 64;
    /** {@code organisationName}, {@code questionnaireVersion}, a dimension's {@code label}. */
    public static final int MAX_TEXT = 200;
    /** A dimension's {@code key}. */
    public static final int MAX_KEY = 64;
    /** Scores (the index and every dimension) lie in [0, 100]. */
    public static final double MIN_SCORE = 0;
    public static final double MAX_SCORE = 100;

    private AssessmentEventContract() {
    }

    /** Why {@code score} cannot be a reported score, or null when it can. */
    public static String scoreViolation(double score) {
        if (!Double.isFinite(score) || score < MIN_SCORE || score > MAX_SCORE) {
            return "must be a number from 0 to 100";
        }
        return null;
    }
}
