package io.flowlens.metrics.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.paging.Cursor;
import io.flowlens.metrics.paging.Page;

/** Result categories: the built-ins, read-only, and each tenant's own. */
@ApplicationScoped
public class CategoryService {

    @Inject
    ResultStore store;

    /** Built-ins and the tenant's categories together, by name, cursor-paginated. */
    public Page<CategoryView> list(String tenantId, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        String afterName = after == null ? "" : after.id();
        List<CategoryView> merged = new ArrayList<>(Stream.concat(
                ResultCategory.BUILT_IN.stream().filter(c -> c.name().compareTo(afterName) > 0).map(CategoryView::of),
                store.categories(tenantId, afterName, size + 1).stream().map(ResultStore.StoredCategory::view))
                .sorted(Comparator.comparing(CategoryView::name)).toList());
        String next = null;
        if (merged.size() > size) {
            merged = merged.subList(0, size);
            next = new Cursor(Instant.EPOCH, merged.get(size - 1).name()).encode();
        }
        return new Page<>(List.copyOf(merged), next);
    }

    public CategoryView get(String tenantId, String name) {
        ResultCategory builtIn = ResultCategory.builtIn(name);
        if (builtIn != null) {
            return CategoryView.of(builtIn);
        }
        ResultStore.StoredCategory stored = store.category(tenantId, name);
        if (stored == null) {
            throw notFound(name);
        }
        return stored.view();
    }

    @Transactional
    public CategoryView create(String tenantId, CategoryRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String nameFault = CategoryRules.nameFault(request.name());
        if (nameFault != null) {
            errors.add(new Problem.FieldError("/name", nameFault));
        }
        described(request.label(), request.unit(), request.higherIsBetter(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (ResultCategory.builtIn(request.name()) != null) {
            throw ApiException.conflict("'" + request.name() + "' is a built-in category; every tenant has it already");
        }
        if (ResultCategory.reserved(request.name())) {
            throw ApiException.unprocessable("'" + request.name() + "' is reserved for the customer-centricity series "
                    + "fed from assessments", List.of(new Problem.FieldError("/name",
                            "names starting with customer-centricity are reserved")));
        }
        ResultCategory category = new ResultCategory(request.name(), request.label().strip(), unit(request.unit()),
                request.higherIsBetter(), false, true);
        Instant at = ResultStore.now();
        if (!store.insertCategory(tenantId, category, at)) {
            throw ApiException.conflict("the tenant has a category '" + request.name() + "' already");
        }
        return new ResultStore.StoredCategory(category, at, at).view();
    }

    @Transactional
    public CategoryView replace(String tenantId, String name, CategoryChange change) {
        refuseBuiltIn(name, "changed");
        List<Problem.FieldError> errors = new ArrayList<>();
        described(change.label(), change.unit(), change.higherIsBetter(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        ResultCategory category = new ResultCategory(name, change.label().strip(), unit(change.unit()),
                change.higherIsBetter(), false, true);
        if (!store.updateCategory(tenantId, category, ResultStore.now())) {
            throw notFound(name);
        }
        return store.category(tenantId, name).view();
    }

    /**
     * Deletes a tenant category. While points use it that is a 409 saying how many, unless
     * {@code confirm}: then its points go too, in every value stream of the tenant.
     */
    @Transactional
    public void delete(String tenantId, String name, boolean confirm) {
        refuseBuiltIn(name, "deleted");
        if (!store.deleteCategory(tenantId, name)) {
            throw notFound(name);
        }
        long[] used = store.pointsIn(tenantId, name);
        if (used[0] > 0 && !confirm) {
            // Thrown inside the transaction: the category's delete above is rolled back with it.
            throw ApiException.conflict("category '" + name + "' has " + used[0] + " point(s) in " + used[1]
                    + " value stream(s); delete with ?confirm=true to delete them with it");
        }
        if (used[0] > 0) {
            store.deletePointsIn(tenantId, name);
        }
    }

    private static void refuseBuiltIn(String name, String what) {
        if (ResultCategory.builtIn(name) != null) {
            throw ApiException.conflict("'" + name + "' is a built-in category and cannot be " + what);
        }
    }

    private static void described(String label, String unit, Boolean higherIsBetter, List<Problem.FieldError> errors) {
        for (CategoryRules.Fault f : CategoryRules.describedFaults(label, unit, higherIsBetter)) {
            errors.add(new Problem.FieldError("/" + f.field(), f.detail()));
        }
    }

    private static String unit(String unit) {
        return unit == null ? null : unit.strip();
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("result category", "'" + PointRules.shown(name) + "'");
    }
}
