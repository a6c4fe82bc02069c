package io.flowlens.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ProblemCapTest {

    private static List<Problem.FieldError> errors(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Problem.FieldError("/answers/q" + i, "unknown statement")).toList();
    }

    @Test
    void aLongErrorListKeepsItsFirstHundredAndSaysHowManyThereWere() {
        ApiException e = ApiException.validation(errors(60_000));
        Problem problem = new Problem("t", "T", 400, e.getMessage(), "/x", e.errors());
        assertEquals(Problem.MAX_ERRORS, problem.errors().size());
        assertEquals(60_000, problem.errorsTotal());
        assertEquals("/answers/q0", problem.errors().get(0).pointer());
        assertEquals("60000 fields are not valid", problem.detail());
    }

    @Test
    void aShortListIsWholeAndHasNoTotal() {
        Problem problem = new Problem("t", "T", 400, "d", "/x", errors(Problem.MAX_ERRORS));
        assertEquals(Problem.MAX_ERRORS, problem.errors().size());
        assertNull(problem.errorsTotal());
    }
}
