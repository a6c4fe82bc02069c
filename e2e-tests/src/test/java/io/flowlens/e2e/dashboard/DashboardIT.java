package io.flowlens.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import io.flowlens.e2e.Gateway;
import io.flowlens.e2e.Suite;

/**
 * The dashboard in a real browser, against the four packaged services and a tenant whose figures
 * are known (KnownData): each page loads, its charts hold the known number of points, a refused
 * key shows the key form with the reason, a tenant without data is told how to get some, and
 * axe-core finds no serious or critical accessibility violation. Every page is photographed at a
 * laptop's and a phone's width (target/dashboard-screenshots).
 */
class DashboardIT {

    static final String GATEWAY = Suite.Service.GATEWAY.url();
    static final Path SCREENSHOTS = Path.of(System.getProperty("flowlens.e2e.screenshots", "target/dashboard-screenshots"));

    static Chromium chromium;
    static KnownData data;

    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void start() {
        Suite.ensureStarted();
        data = KnownData.load();
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
        page = context.newPage();
        // A policy violation (an inline script or style the gateway's CSP forbids) or a script error shows here.
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
        page.onResponse(r -> {
            if (r.status() >= 400) {
                consoleErrors.add(r.status() + " " + r.url());
            }
        });
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    /** Opens a page and enters the key in the form, as a user does. */
    void signIn(String url, String key) {
        page.navigate(url);
        page.locator("#api-key").fill(key);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use this key")).click();
    }

    void awaitCharts(String... ids) {
        for (String id : ids) {
            page.waitForSelector("[data-chart='" + id + "'][data-rendered]");
        }
    }

    /** The number of data points of each series of a chart, read from its ECharts instance. */
    @SuppressWarnings("unchecked")
    List<Integer> points(String chart) {
        return (List<Integer>) page.evaluate("id => echarts.getInstanceByDom(document.querySelector(`[data-chart='${id}']`))"
                + ".getOption().series.map(s => (s.data || []).length)", chart);
    }

    /** The number of lines a chart marks (percentiles), over all its series. */
    int markLines(String chart) {
        return ((Number) page.evaluate("id => echarts.getInstanceByDom(document.querySelector(`[data-chart='${id}']`))"
                + ".getOption().series.reduce((n, s) => n + ((s.markLine && s.markLine.data) || []).length, 0)", chart))
                .intValue();
    }

    int tableRows(String table) {
        return page.locator("[data-table='" + table + "'] tbody tr").count();
    }

    static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void theFlowSummaryDrawsTheKnownItems() {
        signIn(data.page(GATEWAY, "flow"), data.tenant.key("reader"));
        awaitCharts("velocity", "flow-time", "efficiency", "load", "distribution");
        List<Integer> velocity = points("velocity");
        assertAll(
                // One bar per day of the window for each of the four flow types.
                () -> assertEquals(List.of(KnownData.WINDOW_DAYS, KnownData.WINDOW_DAYS, KnownData.WINDOW_DAYS,
                        KnownData.WINDOW_DAYS), velocity),
                () -> assertEquals(KnownData.WINDOW_DAYS, tableRows("velocity")),
                // Six completed items: six dots, and the 50th, 85th and 95th percentile lines.
                () -> assertEquals(KnownData.COMPLETED, sum(points("flow-time"))),
                () -> assertEquals(3, markLines("flow-time")),
                () -> assertEquals(KnownData.COMPLETED, tableRows("flow-time")),
                () -> assertEquals(List.of(KnownData.WINDOW_DAYS), points("efficiency")),
                () -> assertEquals(List.of(KnownData.WINDOW_DAYS, KnownData.WINDOW_DAYS), points("load")),
                () -> assertTrue(page.locator(".tile").first().textContent().contains(String.valueOf(KnownData.COMPLETED))));
        // The velocity table's totals add up to the six completions.
        int total = 0;
        for (String cell : page.locator("[data-table='velocity'] tbody tr td:last-child").allTextContents()) {
            total += Integer.parseInt(cell.trim());
        }
        assertEquals(KnownData.COMPLETED, total);
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void everyChartHasATableViewReachedByKeyboard() {
        signIn(data.page(GATEWAY, "flow"), data.tenant.key("reader"));
        awaitCharts("flow-time");
        var toggle = page.locator("section.panel:has([data-chart='flow-time']) header button");
        toggle.focus();
        page.keyboard().press("Enter");
        assertTrue(page.locator("[data-table='flow-time']").isVisible());
        assertFalse(page.locator("[data-chart='flow-time']").isVisible());
        assertEquals("true", toggle.getAttribute("aria-pressed"));
        assertEquals(page.locator("[data-chart]").count(), page.locator("[data-table]").count()
                - page.locator(".table-wrap:not([id])").count());
    }

    @Test
    void cumulativeFlowHasEveryDayOfTheWindowInEveryState() {
        signIn(data.page(GATEWAY, "cfd"), data.tenant.key("reader"));
        awaitCharts("cfd");
        // Five bands (done, canceled, active, waiting, new), a point a day each.
        assertEquals(List.of(29, 29, 29, 29, 29), points("cfd"));
        assertEquals(KnownData.WINDOW_DAYS, tableRows("cfd"));
        // The last day: all six done, two active, one waiting, one new.
        List<String> lastDay = page.locator("[data-table='cfd'] tbody tr").last().locator("td").allTextContents();
        assertEquals(List.of("6", "0", "2", "1", "1"), lastDay.subList(1, 6));
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void workItemAgeListsTheItemsInProgressOldestFirstEachLinkedToItsTimeline() {
        signIn(data.page(GATEWAY, "aging"), data.tenant.key("reader"));
        awaitCharts("aging");
        assertEquals(KnownData.IN_PROGRESS_OLDEST_FIRST.size(), sum(points("aging")));
        // p50, p85 and p95 of the recently completed items.
        assertEquals(3, markLines("aging"));
        List<String> keys = page.locator("[data-table='aging-items'] tbody tr td:first-child").allTextContents();
        assertEquals(KnownData.IN_PROGRESS_OLDEST_FIRST, keys);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SHOP-9")).click();
        page.waitForSelector("[data-table='timeline']");
        assertTrue(page.locator("main h1").textContent().contains("SHOP-9"));
        // To Do, In Progress, Blocked.
        assertEquals(3, tableRows("timeline"));
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void forecastsShowEachConfidenceLevelAndTheThroughputTheyCameFrom() {
        signIn(data.page(GATEWAY, "forecasts"), data.tenant.key("reader"));
        awaitCharts("how-many", "when", "throughput");
        assertEquals(List.of(3), points("how-many"));
        assertEquals(List.of(3), points("when"));
        assertEquals(List.of("50 %", "85 %", "95 %"),
                page.locator("[data-table='how-many'] tbody tr td:first-child").allTextContents());
        // The default history: the 90 days before today, one bar a day, six completions among them.
        assertEquals(List.of(90), points("throughput"));
        int completions = 0;
        for (String cell : page.locator("[data-table='throughput'] tbody tr td:last-child").allTextContents()) {
            completions += Integer.parseInt(cell.trim());
        }
        assertEquals(KnownData.COMPLETED, completions);
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void customerCentricityShowsTheRadarTheHistoryTheRecommendationsAndWhyThereIsNoBenchmark() {
        signIn(GATEWAY + "/dashboard/#/customer", data.tenant.key("reader"));
        awaitCharts("radar", "history");
        @SuppressWarnings("unchecked")
        List<Integer> radar = (List<Integer>) page.evaluate("echarts.getInstanceByDom(document.querySelector(\"[data-chart='radar']\"))"
                + ".getOption().series[0].data.map(d => d.value.length)");
        assertEquals(List.of(KnownData.DIMENSIONS), radar);
        // The index and each dimension, at both assessments.
        List<Integer> history = points("history");
        assertEquals(1 + KnownData.DIMENSIONS, history.size());
        assertTrue(history.stream().allMatch(n -> n == KnownData.ASSESSMENTS), history::toString);
        // Alone in its cohort: no figures, and the reason.
        assertNull(page.querySelector("[data-chart='benchmark']"));
        assertTrue(page.locator("[data-state='notice']").textContent().contains("could reveal another organisation"));
        assertTrue(page.locator("[data-list='recommendations'] > li").count() > 0);
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void whereTheTimeGoesRanksTheQueuesOfTheCompletedItemsAndOfTheLoad() {
        signIn(data.page(GATEWAY, "time"), data.tenant.key("reader"));
        awaitCharts("waiting-completed", "statuses-completed", "by-type-completed", "waiting-load", "statuses-load",
                "by-type-load");
        assertAll(
                // Completed: two waiting statuses, Blocked (3 days) before In Review (2 days).
                () -> assertEquals(List.of(KnownData.COMPLETED_WAITING_RANKED.size()), points("waiting-completed")),
                () -> assertEquals(KnownData.COMPLETED_WAITING_RANKED,
                        page.locator("[data-table='waiting-completed'] tbody tr td:nth-child(2)").allTextContents()),
                () -> assertEquals(KnownData.COMPLETED_WAITING_DAYS,
                        page.locator("[data-table='waiting-completed'] tbody tr td:nth-child(3)").allTextContents()),
                () -> assertEquals(KnownData.COMPLETED_STATUSES, sum(points("statuses-completed"))),
                () -> assertEquals(KnownData.COMPLETED_STATUSES, tableRows("statuses-completed")),
                // One series per status, a bar per flow type present.
                () -> assertEquals(java.util.Collections.nCopies(KnownData.COMPLETED_STATUSES, KnownData.COMPLETED_TYPES),
                        points("by-type-completed")),
                () -> assertEquals(KnownData.COMPLETED_TYPES, tableRows("by-type-completed")),
                // The load at the end: SHOP-9 blocked.
                () -> assertEquals(KnownData.LOAD_WAITING_RANKED,
                        page.locator("[data-table='waiting-load'] tbody tr td:nth-child(2)").allTextContents()),
                () -> assertEquals(KnownData.LOAD_STATUSES, sum(points("statuses-load"))),
                () -> assertEquals(java.util.Collections.nCopies(KnownData.LOAD_STATUSES, KnownData.LOAD_TYPES),
                        points("by-type-load")));
        // The shares of every status of a set add up to 100 %.
        double shares = 0;
        for (String cell : page.locator("[data-table='statuses-completed'] tbody tr td:last-child").allTextContents()) {
            shares += Double.parseDouble(cell.trim());
        }
        assertEquals(100, shares, 0.05);
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void thePortfolioShowsItsTimeInStatusAndSendsForResultsToAValueStream() {
        String portfolio = GATEWAY + "/dashboard/#/%s?subject=portfolio&from=" + data.from + "&to=" + data.to + "&zone=UTC";
        signIn(portfolio.formatted("time"), data.tenant.key("reader"));
        awaitCharts("waiting-completed", "statuses-load");
        // The ops items went straight from In Progress to Done: the queues are the shop's.
        assertEquals(KnownData.COMPLETED_WAITING_RANKED,
                page.locator("[data-table='waiting-completed'] tbody tr td:nth-child(2)").allTextContents());
        assertEquals(KnownData.LOAD_WAITING_RANKED,
                page.locator("[data-table='waiting-load'] tbody tr td:nth-child(2)").allTextContents());
        page.navigate(portfolio.formatted("outcomes"));
        page.waitForSelector("[data-state='empty']");
        assertTrue(page.locator("[data-state='empty']").textContent().contains("choose a value stream"));
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void flowAgainstOutcomesDrawsThePairsTheCoefficientTheCaveatAndTheRanking() {
        var answer = data.tenant.as("reader").queryParam("category", "happiness").queryParam("flow", "velocity")
                .get("/api/v1/value-streams/" + data.opsStream + "/correlation").then().statusCode(200).extract().jsonPath();
        int n = answer.getInt("n");
        // Eleven weeks of completions and twelve weekly points: 11 pairs, or 12 when the first week's start
        // (before any completion) falls in the twelfth week, as it does on some weekdays.
        assertTrue(n == KnownData.OPS_WEEKS || n == KnownData.OPS_WEEKS + 1, "n = " + n);
        assertNotNull(answer.get("spearman"));

        signIn(data.page(GATEWAY, "outcomes", data.opsStream), data.tenant.key("reader"));
        awaitCharts("pairs", "scatter");
        assertAll(
                // The flow and the result on one time axis, a point per pair each.
                () -> assertEquals(List.of(n, n), points("pairs")),
                () -> assertEquals(n, tableRows("pairs")),
                () -> assertEquals(List.of(n), points("scatter")),
                () -> assertEquals(KnownData.RANKED_CORRELATIONS, tableRows("ranking")),
                () -> assertTrue(page.locator("[data-caveat]").textContent().contains("Correlation, not cause")),
                () -> assertTrue(page.locator(".tile").first().textContent().contains("95 % interval"),
                        page.locator(".tile").first().textContent()));
        // A ranked row leads to its own correlation: its flow series and lag move into the form.
        var row = page.locator("[data-table='ranking'] tbody tr:has(td:nth-child(3):text-is('3'))").first();
        String name = java.net.URLDecoder.decode(row.locator("a").getAttribute("href").replaceAll(".*[?&]flow=([^&]*).*", "$1"),
                        java.nio.charset.StandardCharsets.UTF_8);
        row.locator("a").click();
        page.waitForFunction("name => document.querySelector(\"select[name='lag']\")?.value === '3'"
                + " && document.querySelector(\"select[name='flow']\")?.value === name"
                + " && document.querySelector(\"[data-chart='pairs'][data-rendered]\")", name);
        String[] flow = name.split("\\.");
        var request = data.tenant.as("reader").queryParam("category", "happiness").queryParam("flow", flow[0])
                .queryParam("lag", 3);
        if (flow.length > 1) {
            request = request.queryParam("flowType", flow[1]);
        }
        int lagged = request.get("/api/v1/value-streams/" + data.opsStream + "/correlation").then().statusCode(200)
                .extract().jsonPath().getInt("n");
        assertEquals(List.of(lagged, lagged), points("pairs"));
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void aStreamWithoutResultsIsToldHowToAddThem() {
        signIn(data.page(GATEWAY, "outcomes"), data.tenant.key("reader"));
        page.waitForSelector("[data-state='empty']");
        String text = page.locator("[data-state='empty']").textContent();
        assertTrue(text.contains("/results/imports"), text);
        assertTrue(text.contains("/customer-centricity-link"), text);
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void aRefusedKeyShowsTheKeyFormWithTheReasonAndNeverTheKeyInTheUrl() {
        signIn(data.page(GATEWAY, "flow"), "flk_not_a_key_of_anyone_0123456789abcdef");
        page.waitForSelector("#key-reason:has-text('401')");
        assertTrue(page.locator("#api-key").isVisible());
        assertFalse(page.url().contains("flk_"));
        // The refused key is forgotten; a good one is kept for this tab only.
        assertNull(page.evaluate("sessionStorage.getItem('flowlens.apiKey')"));
        page.locator("#api-key").fill(data.tenant.key("reader"));
        page.locator("#api-key").press("Enter");
        awaitCharts("velocity");
        assertEquals(data.tenant.key("reader"), page.evaluate("sessionStorage.getItem('flowlens.apiKey')"));
        assertEquals(0, ((Number) page.evaluate("localStorage.length")).intValue());
        assertFalse(page.url().contains("flk_"));
    }

    @Test
    void aTenantWithoutDataIsToldHowToConnectATracker() {
        Gateway.Tenant empty = Gateway.newTenant("reader");
        signIn(GATEWAY + "/dashboard/#/flow", empty.key("reader"));
        page.waitForSelector("[data-state='empty']");
        assertTrue(page.locator("[data-state='empty']").textContent().contains("POST /api/v1/connections"));
        // The key is kept for the tab: another page needs no second sign-in.
        page.navigate(GATEWAY + "/dashboard/#/customer");
        page.reload();
        page.waitForSelector("[data-state='empty']:has-text('No organisation assessed yet')");
    }

    @Test
    void theGatewayServesTheDashboardUnderAStrictPolicy() {
        Response response = page.navigate(GATEWAY + "/dashboard");
        assertEquals(GATEWAY + "/dashboard/", page.url());
        String policy = response.headers().get("content-security-policy");
        assertNotNull(policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("DENY", response.headers().get("x-frame-options"));
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolationAndIsPhotographedAtBothWidths() {
        Map<String, String[]> pages = new java.util.LinkedHashMap<>();
        pages.put("flow", new String[] {"velocity", "flow-time", "efficiency", "load", "distribution"});
        pages.put("cfd", new String[] {"cfd"});
        pages.put("aging", new String[] {"aging"});
        pages.put("forecasts", new String[] {"how-many", "when", "throughput"});
        pages.put("time", new String[] {"waiting-completed", "statuses-completed", "by-type-completed", "waiting-load"});
        pages.put("customer", new String[] {"radar", "history"});
        pages.put("outcomes", new String[] {"pairs", "scatter"});
        signIn(data.page(GATEWAY, "flow"), data.tenant.key("reader"));
        awaitCharts(pages.get("flow"));
        List<String> violations = new ArrayList<>();
        for (var entry : pages.entrySet()) {
            for (int[] size : new int[][] {{1366, 900}, {390, 844}}) {
                page.setViewportSize(size[0], size[1]);
                page.navigate("outcomes".equals(entry.getKey()) ? data.page(GATEWAY, "outcomes", data.opsStream)
                        : data.page(GATEWAY, entry.getKey()));
                page.reload();
                awaitCharts(entry.getValue());
                AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                        .analyze();
                for (Rule rule : results.getViolations()) {
                    if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                        violations.add(entry.getKey() + " at " + size[0] + " px: " + rule.getId() + " ("
                                + rule.getImpact() + ") " + rule.getHelp() + " " + rule.getNodes().stream()
                                        .map(n -> String.valueOf(n.getTarget())).toList());
                    }
                }
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(SCREENSHOTS.resolve(entry.getKey() + "-" + (size[0] > 800 ? "laptop" : "phone") + ".png")));
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(List.of(), consoleErrors);
    }
}
