package io.flowlens.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.problem.ProblemSchema;

/** The operation ids a service's contract check accepts: a known verb, chosen by hand, not the path. */
class OperationIdRulesTest {

    static Map<String, Object> document(String path, String id) {
        Map<String, Object> op = Map.of("operationId", id, "description", "Reads it. Role: reader.",
                "x-flowlens-roles", List.of("reader"));
        return Map.of("paths", Map.of(path, Map.of("get", op)), "components", Map.of("schemas",
                Map.of(ProblemSchema.NAME, ProblemSchema.problem(), ProblemSchema.FIELD_ERROR_NAME,
                        ProblemSchema.fieldError())));
    }

    @Test
    void anIdThatIsTheMethodAndPathRunTogetherIsRefusedThoughItStartsWithAKnownVerb() {
        List<String> findings = ContractCheck.findings(document("/api/v1/portfolio/correlation", "getPortfolioCorrelation"));
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).contains("getPortfolioCorrelation is only the method and path"), findings.get(0));
    }

    @Test
    void aHandChosenIdForTheSamePathIsAccepted() {
        assertEquals(List.of(), ContractCheck.findings(document("/api/v1/portfolio/correlation", "getPortfolioFlowCorrelation")));
    }

    @Test
    void rankLinkAndUnlinkAreVerbsOfTheConvention() {
        assertEquals(List.of(), ContractCheck.findings(document("/api/v1/portfolio/correlation-ranking", "rankPortfolioCorrelations")));
        assertEquals(List.of(), ContractCheck.findings(document("/api/v1/portfolio/customer-centricity-link",
                "linkPortfolioCustomerCentricity")));
        assertEquals(List.of(), ContractCheck.findings(document("/api/v1/portfolio/customer-centricity-link",
                "unlinkPortfolioCustomerCentricity")));
    }

    @Test
    void anIdWithoutAKnownVerbIsRefused() {
        List<String> findings = ContractCheck.findings(document("/api/v1/portfolio/flow", "portfolioFlow"));
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).contains("not a hand-chosen verbNoun"), findings.get(0));
    }
}
