package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.List;

import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * What one tracker event or backfill record says about one item, in the tracker's words.
 * A null attribute means "this event does not say" and leaves the stored value alone.
 *
 * @param externalId the tracker's stable id of the item (GitHub node id, Jira issue id, ...)
 * @param observedAt the payload instant the attributes were true at (latest wins)
 * @param presence what the event states about the item being deleted or restored, with the
 *        instant it states it at (the newest statement decides); null for an ordinary event,
 *        which leaves presence alone
 * @param parentExternalId the tracker's id of the parent item (Jira sub-task's parent, Linear
 *        {@code parentId}, ...), null when the event does not say
 * @param hierarchy where the item's type sits: {@code subtask}, {@code standard} or {@code epic};
 *        null when the event does not say
 */
public record ItemChange(String externalId, String key, String project, String title, String trackerType,
        List<String> labels, Instant createdAt, Instant observedAt, List<StatusChange> statuses, Presence presence,
        String parentExternalId, String hierarchy) {

    public ItemChange {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** As the canonical constructor; {@code deleted} true is a deletion at {@code observedAt}, false states nothing. */
    public ItemChange(String externalId, String key, String project, String title, String trackerType,
            List<String> labels, Instant createdAt, Instant observedAt, List<StatusChange> statuses, boolean deleted,
            String parentExternalId, String hierarchy) {
        this(externalId, key, project, title, trackerType, labels, createdAt, observedAt, statuses,
                deleted ? Presence.deletion(observedAt) : null, parentExternalId, hierarchy);
    }

    public ItemChange(String externalId, String key, String project, String title, String trackerType,
            List<String> labels, Instant createdAt, Instant observedAt, List<StatusChange> statuses, boolean deleted) {
        this(externalId, key, project, title, trackerType, labels, createdAt, observedAt, statuses, deleted, null,
                null);
    }

    /** Whether this event states that the item is deleted. */
    public boolean deleted() {
        return presence != null && presence.deleted();
    }

    /** The same change, stating {@code presence} about the item. */
    public ItemChange withPresence(Presence presence) {
        return new ItemChange(externalId, key, project, title, trackerType, labels, createdAt, observedAt, statuses,
                presence, parentExternalId, hierarchy);
    }

    /** Only status changes, for an item whose attributes come from elsewhere. */
    public static ItemChange statusesOnly(String externalId, List<StatusChange> statuses) {
        return new ItemChange(externalId, null, null, null, null, null, null, null, statuses, false);
    }

    public static ItemChange deletion(String externalId, Instant at) {
        return new ItemChange(externalId, null, null, null, null, null, null, at, List.of(), Presence.deletion(at),
                null, null);
    }

    /** The item is back (restored from a recycle bin) as of {@code at}; its attributes come from elsewhere. */
    public static ItemChange restoration(String externalId, Instant at) {
        return new ItemChange(externalId, null, null, null, null, null, null, at, List.of(),
                Presence.restoration(at), null, null);
    }
}
