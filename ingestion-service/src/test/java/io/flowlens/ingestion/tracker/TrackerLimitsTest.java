package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.common.contract.ItemEventContract;

/**
 * What every parser makes storable the same way: text without NUL or lone surrogates, instants
 * within the item event's range, and the item event's limits (an over-long title cut, anything
 * else over a limit refused naming the field).
 */
class TrackerLimitsTest {

    final GitHubParser github = new GitHubParser();

    ObjectNode opened() {
        return (ObjectNode) json("github/issues-opened.json");
    }

    ParsedDelivery issues(ObjectNode body) {
        return github.parse(delivery("X-GitHub-Event", "issues"), body);
    }

    @Test
    void textLosesOnlyWhatPostgresqlCannotStore() {
        assertEquals("ab", TrackerText.storable("a\u0000b"));
        assertEquals("a", TrackerText.storable("a\ud800"));
        assertEquals("xy", TrackerText.storable("x\udc00y"));
        String emoji = "ship it \ud83d\ude80";
        assertSame(emoji, TrackerText.storable(emoji));
        ObjectNode body = opened();
        ((ObjectNode) body.get("issue")).put("title", "Spelling\u0000 error");
        ((ArrayNode) ((ObjectNode) body.get("issue")).putArray("labels")).addObject().put("name", "bug\u0000");
        ItemChange c = only(issues(body));
        assertEquals("Spelling error", c.title());
        assertEquals("bug", c.labels().get(0));
    }

    @Test
    void anOverLongTitleIsCutAndMarked() {
        ObjectNode body = opened();
        ((ObjectNode) body.get("issue")).put("title", "x".repeat(ItemEventContract.MAX_TITLE + 5));
        String title = only(issues(body)).title();
        assertEquals(ItemEventContract.MAX_TITLE, title.length());
        assertTrue(title.endsWith("…"));
    }

    @Test
    void anOverLongLabelOrTooManyLabelsAreRefusedNamingTheField() {
        ObjectNode body = opened();
        ArrayNode labels = ((ObjectNode) body.get("issue")).putArray("labels");
        labels.addObject().put("name", "ok");
        labels.addObject().put("name", "l".repeat(ItemEventContract.MAX_TEXT + 1));
        assertEquals("/issue/labels/1", assertThrows(PayloadProblem.class, () -> issues(body)).pointer());
        ObjectNode many = opened();
        ArrayNode lots = ((ObjectNode) many.get("issue")).putArray("labels");
        for (int i = 0; i <= ItemEventContract.MAX_LABELS; i++) {
            lots.add("label-" + i);
        }
        assertEquals("/issue/labels", assertThrows(PayloadProblem.class, () -> issues(many)).pointer());
    }

    @Test
    void aStatusTravelsInTheItemEventSoAnOverLongOneIsRefusedNamingTheField() {
        GenericParser generic = new GenericParser();
        ObjectNode at = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("kind", "transition").put("item", "SHOP-1").put("at", "2024-01-03T10:00:00Z")
                .put("status", "s".repeat(ItemEventContract.MAX_STATUS));
        assertEquals(ItemEventContract.MAX_STATUS, generic.record(at).statuses().get(0).status().length());
        ObjectNode past = at.deepCopy().put("status", "s".repeat(ItemEventContract.MAX_STATUS + 1));
        assertEquals("/status", assertThrows(PayloadProblem.class, () -> generic.record(past)).pointer());
    }

    @Test
    void anOverLongProjectIsRefusedNamingTheField() {
        ObjectNode body = opened();
        ((ObjectNode) body.get("repository")).put("full_name", "r".repeat(ItemEventContract.MAX_TEXT + 1));
        assertEquals("/repository/full_name", assertThrows(PayloadProblem.class, () -> issues(body)).pointer());
    }

    @Test
    void anInstantOutsideTheYears1To9999IsRefusedNamingTheField() {
        ObjectNode body = opened();
        ((ObjectNode) body.get("issue")).put("created_at", "-290000-01-01T00:00:00Z");
        PayloadProblem p = assertThrows(PayloadProblem.class, () -> issues(body));
        assertEquals("/issue/created_at", p.pointer());
        ObjectNode far = opened();
        ((ObjectNode) far.get("issue")).put("updated_at", "+10000-01-01T00:00:00Z");
        assertEquals("/issue/updated_at", assertThrows(PayloadProblem.class, () -> issues(far)).pointer());
    }
}
