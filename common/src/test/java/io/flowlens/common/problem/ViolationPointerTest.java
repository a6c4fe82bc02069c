package io.flowlens.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class ViolationPointerTest {

    record Scope(@NotBlank String project, List<@NotBlank String> labels) {
    }

    record Stream(@NotBlank String name, @Size(max = 2) List<@Valid Scope> scopes) {
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    /** Stands for a resource: a JSON body and a query parameter, validated as RESTEasy does. */
    static class Resource {
        public void create(@Valid Stream body) {
        }

        public void list(@Size(max = 3) String cursor) {
        }
    }

    @Test
    void aBodysNestedFieldsListIndicesAndListElementsBecomeJsonPointers() throws Exception {
        Stream stream = new Stream("", List.of(new Scope("shop", List.of("ok")), new Scope(" ", List.of("a", ""))));
        assertEquals(Set.of("/name", "/scopes/1/project", "/scopes/1/labels/1"),
                pointers(Resource.class.getMethod("create", Stream.class), stream));
    }

    @Test
    void aQueryParameterIsNamedAsItIs() throws Exception {
        assertEquals(Set.of("cursor"), pointers(Resource.class.getMethod("list", String.class), "abcdef"));
    }

    private Set<String> pointers(java.lang.reflect.Method method, Object argument) {
        Set<String> pointers = new TreeSet<>();
        for (ConstraintViolation<Resource> violation : validator.forExecutables()
                .validateParameters(new Resource(), method, new Object[] {argument})) {
            pointers.add(ProblemMappers.violationPointer(violation));
        }
        return pointers;
    }
}
