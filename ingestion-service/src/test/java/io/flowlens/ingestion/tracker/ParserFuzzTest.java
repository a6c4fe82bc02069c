package io.flowlens.ingestion.tracker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutated tracker payloads and exports against every parser and export reader: each either
 * gives a result or a {@link PayloadProblem} (a 400 naming the field), never another exception
 * (a 500, or a failed import job). Seeded and bounded, so it runs in seconds and repeats; a
 * failure names the seed of its try, which replays it exactly (call the try with that seed from
 * a regular test to keep the finding).
 */
class ParserFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int TRIES = 300;

    /** One try of a fuzz test, everything it draws coming from {@code seed}. */
    @FunctionalInterface
    interface SeededTry {
        void run(long seed) throws Exception;
    }

    /** Runs {@link #TRIES} tries, their seeds drawn from {@code baseSeed}; a failure names the seed it came from. */
    static void forEachSeed(long baseSeed, SeededTry oneTry) throws Exception {
        SplittableRandom seeds = new SplittableRandom(baseSeed);
        for (int i = 0; i < TRIES; i++) {
            long seed = seeds.nextLong();
            try {
                oneTry.run(seed);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("try " + i + " failed, seed " + seed + "L: " + e.getMessage(), e);
            }
        }
    }

    /** A parser, the headers its deliveries carry, and the fixtures mutated for it. */
    private record Case(TrackerParser parser, String[] headers, List<String> fixtures) {
    }

    private static final List<Case> CASES = List.of(
            new Case(new JiraParser(), new String[0], List.of("jira/issue-created.json",
                    "jira/issue-updated-done.json", "jira/issue-updated-wont-do.json",
                    "jira/issue-updated-no-status.json", "jira/issue-created-subtask.json")),
            new Case(new GitHubParser(), new String[] {"X-GitHub-Event", "issues"}, List.of(
                    "github/issues-opened.json", "github/issues-closed.json", "github/issues-reopened.json",
                    "github/issues-transferred.json", "github/issues-opened-typed.json")),
            new Case(new GitHubParser(), new String[] {"X-GitHub-Event", "projects_v2_item"},
                    List.of("github/projects-v2-item-status.json")),
            new Case(new GitLabParser(), new String[0], List.of("gitlab/issue-open.json", "gitlab/issue-close.json",
                    "gitlab/issue-reopen.json", "gitlab/issue-update-workflow-label.json",
                    "gitlab/work-item-task-status.json")),
            new Case(new AzureDevOpsParser(), new String[0], List.of("azure-devops/workitem-created.json",
                    "azure-devops/workitem-updated-approved.json", "azure-devops/workitem-deleted.json",
                    "azure-devops/workitem-restored.json")),
            new Case(new LinearParser(), new String[0], List.of("linear/issue-create.json",
                    "linear/issue-update-started.json", "linear/issue-update-already-started.json",
                    "linear/issue-remove.json", "linear/issue-create-sub-issue.json")));

    @Test
    void everyParserGivesAResultOrAPayloadProblem() throws Exception {
        forEachSeed(13, ParserFuzzTest::parseMutatedDelivery);
    }

    static void parseMutatedDelivery(long seed) {
        Random random = new Random(seed);
        Case c = CASES.get(random.nextInt(CASES.size()));
        JsonNode body = mutate(Fixtures.json(c.fixtures().get(random.nextInt(c.fixtures().size()))), random);
        Delivery delivery = Fixtures.delivery(c.headers());
        try {
            c.parser().requireFresh(delivery, body, java.time.Instant.now());
        } catch (PayloadProblem expected) {
            // stale or missing timestamps are a problem, not a failure
        } catch (RuntimeException e) {
            fail(c.parser().kind() + " freshness threw " + e + " for " + body, e);
        }
        try {
            c.parser().parse(delivery, body);
        } catch (PayloadProblem expected) {
            // a 400 naming the field
        } catch (RuntimeException e) {
            fail(c.parser().kind() + " threw " + e + " for " + body, e);
        }
    }

    private record Export(TrackerParser parser, String format, String fixture) {
    }

    private static final List<Export> EXPORTS = List.of(
            new Export(new JiraParser(), JiraParser.SEARCH_EXPORT, "jira/search-page.json"),
            new Export(new JiraParser(), JiraParser.SEARCH_EXPORT, "jira/search-equal-instants.json"),
            new Export(new JiraParser(), JiraParser.SEARCH_EXPORT, "jira/search-resolution-subtask-localized.json"),
            new Export(new GitHubParser(), GitHubParser.ISSUES_EXPORT, "github/issues-with-events.json"),
            new Export(new GitLabParser(), GitLabParser.ISSUES_EXPORT, "gitlab/export-issues-reopened.json"),
            new Export(new GitLabParser(), GitLabParser.ISSUES_EXPORT, "gitlab/export-issues-workflow-label.json"),
            new Export(new GitLabParser(), GitLabParser.PROJECT_EXPORT, "gitlab/project-export-issues.ndjson"),
            new Export(new AzureDevOpsParser(), AzureDevOpsParser.REVISIONS_EXPORT, "azure-devops/revisions.json"),
            new Export(new AzureDevOpsParser(), AzureDevOpsParser.REVISIONS_EXPORT,
                    "azure-devops/reporting-revisions.json"),
            new Export(new LinearParser(), LinearParser.ISSUES_EXPORT, "linear/issues-with-history.json"),
            new Export(new GenericParser(), GenericParser.NDJSON_EXPORT, "generic/history.ndjson"));

    @Test
    void everyExportReaderReportsEachRecordOrItsProblem() throws Exception {
        forEachSeed(14, ParserFuzzTest::readMutatedExport);
    }

    static void readMutatedExport(long seed) throws IOException {
        Random random = new Random(seed);
        Export e = EXPORTS.get(random.nextInt(EXPORTS.size()));
        String text;
        byte[] randomBytes = null;
        if (random.nextInt(10) == 0) {
            randomBytes = new byte[random.nextInt(301)]; // not an export at all
            random.nextBytes(randomBytes);
            text = "random bytes " + java.util.HexFormat.of().formatHex(randomBytes);
        } else if (e.fixture().endsWith(".ndjson")) {
            StringBuilder lines = new StringBuilder();
            for (String line : new String(Fixtures.bytes(e.fixture()), StandardCharsets.UTF_8).split("\n")) {
                lines.append(random.nextInt(3) == 0 ? mutateLine(line, random) : line).append('\n');
            }
            text = lines.toString();
        } else if (random.nextBoolean()) {
            text = mutate(Fixtures.json(e.fixture()), random).toString();
        } else {
            text = mutateText(new String(Fixtures.bytes(e.fixture()), StandardCharsets.UTF_8), random);
        }
        Path file = Files.createTempFile("fuzz-", ".json");
        try {
            byte[] bytes = randomBytes != null ? randomBytes : text.getBytes(StandardCharsets.UTF_8);
            if (randomBytes == null && random.nextInt(5) == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // not UTF-8 any more
            }
            Files.write(file, bytes);
            e.parser().readExport(e.format(), file, new ExportVisitor() {
                @Override
                public void record(String location, String lineOrIndex, ItemChange change) {
                }

                @Override
                public void invalid(String pointer, String detail) {
                }
            });
        } catch (RuntimeException ex) {
            fail(e.format() + " threw " + ex + " for " + text, ex);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String mutateLine(String line, Random random) {
        try {
            return mutate(Fixtures.JSON.readTree(line), random).toString();
        } catch (IOException e) {
            return mutateText(line, random);
        }
    }

    /** A copy of {@code node} with one to five of its values replaced, removed or wrapped. */
    static JsonNode mutate(JsonNode original, Random random) {
        JsonNode root = original.deepCopy();
        if (random.nextInt(20) == 0) {
            return anyValue(random, 0);
        }
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode parent = containers.get(random.nextInt(containers.size()));
            if (parent instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(4) == 0) {
                    o.remove(name);
                } else {
                    o.set(name, anyValue(random, 0));
                }
            } else if (parent instanceof ArrayNode a && a.size() > 0) {
                a.set(random.nextInt(a.size()), anyValue(random, 0));
            } else if (parent instanceof ArrayNode a) {
                a.add(anyValue(random, 0));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static final String[] TEXTS = {"", " ", "\u0000", "a\u0000b", "\ud800", "\udc00x", "null", "0", "-1",
        "-290000-01-01T00:00:00Z", "+292278994-08-17T07:12:55Z", "2024-13-45T99:99:99Z", "2019-04-06 21:20:45 UTC",
        "2018-09-04T10:45:24.000-0500", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "closed", "reopen",
        "started", "workflow::in progress", "Done", "issues", "jira:issue_updated", "workitem.restored", "Issue",
        "update", "remove", "status", "resolution", "99999999999999999999", "{}", "[]"};

    private static JsonNode anyValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(TEXTS[random.nextInt(TEXTS.length)]);
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -random.nextDouble() * 1e20);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.textNode("t".repeat(random.nextInt(3) == 0 ? 10_001 : 201));
            case 6 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(anyValue(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(new String[] {"id", "name", "created", "items", "field", "toString", "type", "state",
                        "startedAt", "hierarchyLevel"}[random.nextInt(10)], anyValue(random, depth + 1));
                }
                yield o;
            }
        };
    }

    private static final String SYNTAX = "{}[],:\"\\\u0000x1-";

    /** The text with a few characters inserted, deleted or replaced (often breaking its syntax). */
    private static String mutateText(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        for (int i = 1 + random.nextInt(4); i > 0 && s.length() > 0; i--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, SYNTAX.charAt(random.nextInt(SYNTAX.length())));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }
}
