package io.flowlens.assessment.submission;

/**
 * Request examples of the assessment operations. The submission's example answers every statement
 * of the seeded questionnaire (ccm-2026.1, 35 statements) from 1 to 5, so a client can send it as it
 * is (with its own organisation id); SubmissionExampleTest posts it. A correction's example sends
 * the same answers.
 */
final class Examples {

    static final String ANSWERS = """
            {"research.blend": 4, "research.continuous": 3, "research.role": 5, "research.worth": 4,
            "research.opinion": 2, "strategy.problems": 3, "strategy.evidence": 4, "strategy.delegation": 3,
            "strategy.servant": 2, "strategy.measures": 4, "product.strategic": 5, "product.backlog": 4,
            "product.prototype": 3, "product.balance": 3, "product.output": 2, "communication.upward": 4,
            "communication.strategy": 3, "communication.crossteam": 2, "communication.vision": 4,
            "communication.onboarding": 3, "teams.crossfunctional": 5, "teams.frontline": 4,
            "teams.silos": 2, "teams.learning": 3, "teams.autonomy": 4, "service.journey": 4,
            "service.consistency": 3, "service.stakeholders": 3, "service.role": 4, "service.internal": 2,
            "enablement.repository": 3, "enablement.patterns": 4, "enablement.loop": 3,
            "enablement.governance": 2, "enablement.automation": 4}""";

    static final String SUBMIT = """
            {"organisationId": "0f8fad5b-d9cb-469f-a165-70867728950e", "questionnaireVersion": "ccm-2026.1",
             "answers": {"research.blend": 4, "research.continuous": 3, "research.role": 5, "research.worth": 4,
             "research.opinion": 2, "strategy.problems": 3, "strategy.evidence": 4, "strategy.delegation": 3,
             "strategy.servant": 2, "strategy.measures": 4, "product.strategic": 5, "product.backlog": 4,
             "product.prototype": 3, "product.balance": 3, "product.output": 2, "communication.upward": 4,
             "communication.strategy": 3, "communication.crossteam": 2, "communication.vision": 4,
             "communication.onboarding": 3, "teams.crossfunctional": 5, "teams.frontline": 4,
             "teams.silos": 2, "teams.learning": 3, "teams.autonomy": 4, "service.journey": 4,
             "service.consistency": 3, "service.stakeholders": 3, "service.role": 4, "service.internal": 2,
             "enablement.repository": 3, "enablement.patterns": 4, "enablement.loop": 3,
             "enablement.governance": 2, "enablement.automation": 4}}""";

    /** A correction: every statement of the assessment's version again, as a submission answers them. */
    static final String CORRECT = "{\"answers\": " + ANSWERS + "}";

    private Examples() {
    }
}
