package io.flowlens.ingestion.item;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.tracker.ItemChange;

/**
 * Stages a whole import set-based, on the caller's connection and transaction: every record
 * streams with {@code COPY} into a temporary table (no WAL, no index, no constraint per row),
 * then a handful of statements turn it into facts: one merged row per item (the same rule as
 * {@link ItemStore#stage}: the newest observation's attributes win, older ones fill gaps, the
 * newest presence statement decides), new items inserted in one statement, known ones updated
 * in another, and every status change inserted in one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}
 * sorted by the fact key, so the unique index is filled in order instead of at random places.
 *
 * <p>New items get time-ordered ids (UUID version 7 layout, increasing within an import): an
 * import's items and their transitions are appended at the right edge of the item and
 * transition indexes, instead of touching random pages of indexes larger than the buffer
 * cache, which is what made the row-batch staging slow down as the tables grew.
 */
public final class BulkStage implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String ROWS = "import_row";
    private static final String ITEMS = "import_item";

    // Known items take the import's merged observation by the same rule as webhooks.
    private static final String UPDATE_KNOWN = """
            with upd as (
              update item i set
              dirty = true,
            """ + ItemStore.MERGE_ATTRIBUTES + """

              from import_item v
              where not v.inserted and i.connection_id = ? and i.external_id = v.ext
              returning i.id, i.external_id)
            update import_item v set id = upd.id from upd where v.ext = upd.external_id""";

    // A replay replaces what the records state: an attribute no record states is left as it was.
    // Presence: see replaceKnown. Unchanged rows are not written.
    private static final String REPLACE_KNOWN = """
            update item i set
              project = coalesce(v.project, i.project), item_key = coalesce(v.item_key, i.item_key),
              title = coalesce(v.title, i.title), tracker_type = coalesce(v.tracker_type, i.tracker_type),
              labels = coalesce(v.labels::jsonb, i.labels),
              parent_external_id = coalesce(v.parent_external_id, i.parent_external_id),
              hierarchy = coalesce(v.hierarchy, i.hierarchy), created_at = coalesce(v.created_at, i.created_at),
              observed_at = coalesce(v.observed_at, i.observed_at), deleted = DELETED, presence_at = PRESENCE_AT,
              updated_at = now()
            from import_item v
            where not v.inserted and i.connection_id = ? and i.id = v.id
              and (i.project, i.item_key, i.title, i.tracker_type, i.labels, i.parent_external_id, i.hierarchy,
                   i.created_at, i.observed_at, i.deleted, i.presence_at)
                  is distinct from
                  (coalesce(v.project, i.project), coalesce(v.item_key, i.item_key), coalesce(v.title, i.title),
                   coalesce(v.tracker_type, i.tracker_type), coalesce(v.labels::jsonb, i.labels),
                   coalesce(v.parent_external_id, i.parent_external_id), coalesce(v.hierarchy, i.hierarchy),
                   coalesce(v.created_at, i.created_at), coalesce(v.observed_at, i.observed_at), DELETED,
                   PRESENCE_AT)""";

    /**
     * {@link #REPLACE_KNOWN} with its presence rule: a replay that reads all of the connection's raw
     * data takes the records' newest statement; one that does not ({@code keepStored}) keeps the
     * stored statement unless a record's is newer.
     */
    static String replaceKnown(boolean keepStored) {
        String newer = ItemStore.PRESENCE_NEWER;
        return REPLACE_KNOWN
                .replace("DELETED", keepStored ? "case when " + newer + " then v.deleted else i.deleted end"
                        : "coalesce(v.deleted, false)")
                .replace("PRESENCE_AT", keepStored ? "case when " + newer + " then v.presence_at else i.presence_at end"
                        : "v.presence_at");
    }

    private final Connection c;
    private final String tenantId;
    private final UUID connectionId;
    private final UUID importId;
    private final ObjectMapper json;
    private CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(1 << 17);

    // Time-ordered ids: 48-bit milliseconds, version 7, a random per-import part, then a counter.
    private final long idHigh;
    private final long idLowBase;
    private long counter;

    private int seq;
    private long statuses;
    private final StringBuilder timings = new StringBuilder();
    private long lap = System.nanoTime();

    BulkStage(Connection c, String tenantId, UUID connectionId, UUID importId, ObjectMapper json)
            throws SQLException {
        this.c = c;
        this.tenantId = tenantId;
        this.connectionId = connectionId;
        this.importId = importId;
        this.json = json;
        long millis = System.currentTimeMillis();
        this.idHigh = (millis << 16) | 0x7000L | (RANDOM.nextInt(1 << 12));
        this.idLowBase = 0x8000000000000000L | ((RANDOM.nextLong() & 0x3FFFFFFFL) << 32);
        try (Statement s = c.createStatement()) {
            // Sorting a million status changes in memory instead of on disk; this transaction only.
            s.execute("set local work_mem = '256MB'");
            s.execute("create temp table " + ROWS + " (seq int not null, ext text not null, id uuid, project text,"
                    + " item_key text, title text, tracker_type text, labels text, created_at timestamptz,"
                    + " observed_at timestamptz, deleted boolean, parent_external_id text, hierarchy text,"
                    + " presence_at timestamptz,"
                    + " at timestamptz, status text, category text, resolution text, tracker_order bigint,"
                    + " raw_event_id uuid, import_id uuid) on commit drop");
        }
    }

    /** The COPY into the staging table, opened again after {@link #pause}. */
    private CopyIn copy() throws SQLException {
        if (copy == null || !copy.isActive()) {
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + ROWS
                + " (seq, ext, id, project, item_key, title, tracker_type, labels, created_at, observed_at, deleted,"
                + " parent_external_id, hierarchy, presence_at, at, status, category, resolution, tracker_order,"
                + " raw_event_id, import_id) from stdin");
        }
        return copy;
    }

    /**
     * Ends the COPY so that other statements can run on the connection (a replay locks its
     * connection between reading the raw layer and what arrived meanwhile); the next add opens it again.
     */
    public void pause() throws SQLException {
        flush();
        if (copy != null && copy.isActive()) {
            copy.endCopy();
        }
    }

    /** Adds one record: a row for the item's attributes, one per status change. */
    public void add(ItemChange ch) throws SQLException {
        add(ch, null, null);
    }

    /**
     * Adds one record read from the raw layer (a replay): its status changes name the webhook
     * delivery or the import file they come from.
     */
    public void add(ItemChange ch, UUID rawEventId, UUID fileImportId) throws SQLException {
        String source = (rawEventId == null ? "\\N" : rawEventId.toString()) + '\t'
                + (fileImportId == null ? "\\N" : fileImportId.toString());
        int s = ++seq;
        String ext = escape(ch.externalId());
        StringBuilder b = buffer;
        b.append(s).append('\t').append(ext).append('\t').append(nextId()).append('\t');
        field(b, ch.project());
        field(b, ch.key());
        field(b, ch.title());
        field(b, ch.trackerType());
        field(b, ch.labels() == null ? null : write(ch.labels()));
        b.append(ch.createdAt() == null ? "\\N" : ch.createdAt().toString()).append('\t');
        b.append(ch.observedAt() == null ? "\\N" : ch.observedAt().toString()).append('\t');
        // deleted: null when the record states nothing about presence (it then leaves presence alone).
        b.append(ch.presence() == null ? "\\N" : ch.presence().deleted() ? "t" : "f").append('\t');
        field(b, ch.parentExternalId());
        field(b, ch.hierarchy());
        b.append(ch.presence() == null || ch.presence().at() == null ? "\\N" : ch.presence().at().toString())
                .append('\t');
        b.append("\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n");
        for (StatusChange sc : ch.statuses()) {
            statuses++;
            b.append(s).append('\t').append(ext)
                    .append("\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t")
                    .append(sc.at().toString()).append('\t');
            b.append(escape(sc.status())).append('\t');
            field(b, sc.category());
            field(b, sc.resolution());
            b.append(sc.order() == null ? "\\N" : sc.order().toString()).append('\t').append(source).append('\n');
        }
        if (b.length() >= (1 << 16)) {
            flush();
        }
    }

    /** Milliseconds per step of {@link #finish}, for the job's log line. */
    public String timings() {
        return timings.toString();
    }

    private void lap(String step) {
        long now = System.nanoTime();
        timings.append(timings.length() == 0 ? "" : ", ").append(step).append(' ').append((now - lap) / 1_000_000)
                .append(" ms");
        lap = now;
    }

    /** Status changes added so far. */
    public long statuses() {
        return statuses;
    }

    /**
     * Ends the copy and writes the facts: items inserted or merged, every touched item dirty,
     * status changes each stored once. Returns the number of status changes that were new.
     */
    public long finish() throws SQLException {
        long newItems = mergeAndInsertItems();
        int known;
        try (PreparedStatement ps = c.prepareStatement(UPDATE_KNOWN)) {
            ps.setObject(1, connectionId);
            known = ps.executeUpdate();
        }
        lap("update known items");
        // Status changes of the items this import created cannot be stored yet: only duplicates within the
        // import are dropped (DISTINCT ON), and a plain insert appends them in index order. Those of known
        // items may be stored already: ON CONFLICT DO NOTHING keeps each fact once.
        long inserted;
        try (PreparedStatement ps = c.prepareStatement("insert into transition (tenant_id, item_id, at, status,"
                + " category, resolution, tracker_order, raw_event_id, import_id) select distinct on (v.id, r.at, r.status)"
                + " ?, v.id, r.at, r.status, r.category, r.resolution, r.tracker_order, null::uuid, ?::uuid"
                + " from " + ROWS + " r join " + ITEMS + " v on v.ext = r.ext where r.at is not null and v.inserted"
                + " order by v.id, r.at, r.status, r.seq")) {
            ps.setString(1, tenantId);
            ps.setObject(2, importId);
            inserted = ps.executeUpdate();
        }
        if (known > 0) {
            try (PreparedStatement ps = c.prepareStatement("insert into transition (tenant_id, item_id, at, status,"
                    + " category, resolution, tracker_order, raw_event_id, import_id)"
                    + " select ?, v.id, r.at, r.status, r.category, r.resolution, r.tracker_order, null, ?"
                    + " from " + ROWS + " r join " + ITEMS + " v on v.ext = r.ext where r.at is not null and not v.inserted"
                    + " order by v.id, r.at, r.status, r.seq on conflict (item_id, at, status) do nothing")) {
                ps.setString(1, tenantId);
                ps.setObject(2, importId);
                inserted += ps.executeUpdate();
            }
        }
        lap("insert transitions");
        analyzeIfOutgrown(newItems, inserted);
        return inserted;
    }

    /**
     * Each status the staged records state a category for, with that category, at the latest
     * instant it was stated: what {@code mapping.SeenCategories} records for the connection.
     */
    public List<StatusChange> statedCategories() throws SQLException {
        pause();
        List<StatusChange> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select max(at), status, category"
                + " from " + ROWS + " where category is not null and at is not null group by status, category")) {
            while (rs.next()) {
                out.add(new StatusChange(ItemStore.instant(rs, 1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** What a replay changed in the connection's facts. */
    public record Replaced(long newItems, long itemsChanged, long factsRemoved, long factsChanged, long factsAdded) {
    }

    /**
     * Ends the copy of a replay (every record of the connection's raw layer) and makes the
     * connection's facts what the records say: items the records name get their attributes
     * from the records (a value no record states is left as it was; deleted or present as the
     * records' newest deletion or restoration says, present when none does, unless
     * {@code keepStoredPresence}: some of the connection's raw data is not kept, and the stored
     * statement may come from it, so it stays unless a record's is newer); status changes that come from the raw layer (their webhook delivery or import
     * file is kept) and that no record states any more are removed, those that differ are
     * corrected, missing ones added. Facts whose source is no longer kept (retention) or that
     * name none stay. Rows that do not change are not written, so a second replay writes nothing.
     * The caller holds the connection's row lock, so no webhook batch writes meanwhile.
     */
    public Replaced finishReplay(boolean keepStoredPresence) throws SQLException {
        long newItems = mergeAndInsertItems();
        long changedItems;
        try (PreparedStatement ps = c.prepareStatement("update " + ITEMS + " v set id = i.id from item i"
                + " where i.connection_id = ? and i.external_id = v.ext and not v.inserted")) {
            ps.setObject(1, connectionId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(replaceKnown(keepStoredPresence))) {
            ps.setObject(1, connectionId);
            changedItems = ps.executeUpdate();
        }
        lap("replace item attributes");
        try (Statement st = c.createStatement()) {
            st.execute("create temp table replay_fact on commit drop as select distinct on (v.id, r.at, r.status)"
                    + " v.id as item_id, r.at, r.status, r.category, r.resolution, r.tracker_order, r.raw_event_id,"
                    + " r.import_id from " + ROWS + " r join " + ITEMS + " v on v.ext = r.ext where r.at is not null"
                    + " order by v.id, r.at, r.status, r.seq");
            // Indexed although the anti-joins usually hash: planned as a nested loop (seen on a second replay of
            // 1,000,000 facts), each probe must be an index look-up, not a scan of the whole table.
            st.execute("create index on replay_fact (item_id, at, status)");
            st.execute("analyze replay_fact");
        }
        lap("replay facts");
        long removed;
        try (PreparedStatement ps = c.prepareStatement("delete from transition t using item i"
                + " where i.connection_id = ? and t.item_id = i.id"
                + " and (t.raw_event_id in (select id from raw_event where connection_id = ?)"
                + "      or t.import_id in (select job_id from import_file where connection_id = ?))"
                + " and not exists (select 1 from replay_fact f where f.item_id = t.item_id and f.at = t.at"
                + "                 and f.status = t.status)")) {
            ps.setObject(1, connectionId);
            ps.setObject(2, connectionId);
            ps.setObject(3, connectionId);
            removed = ps.executeUpdate();
        }
        long corrected;
        try (PreparedStatement ps = c.prepareStatement("update transition t set category = f.category,"
                + " resolution = f.resolution, tracker_order = f.tracker_order, raw_event_id = f.raw_event_id,"
                + " import_id = f.import_id from replay_fact f where t.item_id = f.item_id and t.at = f.at"
                + " and t.status = f.status and (t.category, t.resolution, t.tracker_order)"
                + " is distinct from (f.category, f.resolution, f.tracker_order)")) {
            corrected = ps.executeUpdate();
        }
        long added;
        try (PreparedStatement ps = c.prepareStatement("insert into transition (tenant_id, item_id, at, status,"
                + " category, resolution, tracker_order, raw_event_id, import_id)"
                + " select ?, f.item_id, f.at, f.status, f.category, f.resolution, f.tracker_order, f.raw_event_id,"
                + " f.import_id from replay_fact f where not exists (select 1 from transition t"
                + " where t.item_id = f.item_id and t.at = f.at and t.status = f.status)"
                + " order by f.item_id, f.at, f.status on conflict (item_id, at, status) do nothing")) {
            ps.setString(1, tenantId);
            added = ps.executeUpdate();
        }
        lap("replace facts");
        analyzeIfOutgrown(newItems, added);
        return new Replaced(newItems, changedItems, removed, corrected, added);
    }

    /** Ends the copy, merges the rows into one per item, inserts the items not known yet. */
    private long mergeAndInsertItems() throws SQLException {
        pause();
        lap("read+copy");
        try (Statement s = c.createStatement()) {
            // One row per item, merged in order of observation: the aggregates read the rows newest first.
            s.execute("create temp table " + ITEMS + " on commit drop as"
                    + " select ext, id, project, item_key, title, tracker_type, labels, parent_external_id, hierarchy,"
                    // created_at: the oldest observation's wins, i.e. the last one read.
                    + " created[cardinality(created)] as created_at, observed_at, presence[1] as deleted,"
                    + " presence_at[1] as presence_at, false as inserted from ("
                    + " select ext, (array_agg(id))[1] as id,"
                    + " (array_agg(project) filter (where project is not null))[1] as project,"
                    + " (array_agg(item_key) filter (where item_key is not null))[1] as item_key,"
                    + " (array_agg(title) filter (where title is not null))[1] as title,"
                    + " (array_agg(tracker_type) filter (where tracker_type is not null))[1] as tracker_type,"
                    + " (array_agg(labels) filter (where labels is not null))[1] as labels,"
                    + " (array_agg(parent_external_id) filter (where parent_external_id is not null))[1]"
                    + "   as parent_external_id,"
                    + " (array_agg(hierarchy) filter (where hierarchy is not null))[1] as hierarchy,"
                    + " array_agg(created_at) filter (where created_at is not null) as created,"
                    + " max(observed_at) as observed_at,"
                    // The newest presence statement (domain.Presence): by instant, none oldest, a deletion first at a tie.
                    + " array_agg(deleted order by presence_at desc nulls last, deleted desc)"
                    + "   filter (where deleted is not null) as presence,"
                    + " array_agg(presence_at order by presence_at desc nulls last, deleted desc)"
                    + "   filter (where deleted is not null) as presence_at"
                    + " from (select * from " + ROWS + " where at is null"
                    + "       order by ext, observed_at desc nulls last, seq desc) r group by ext) m");
            s.execute("analyze " + ITEMS);
        }
        lap("merge items");
        long newItems;
        // New items, with all their attributes at once; the ones already known are left to the update below.
        try (PreparedStatement ps = c.prepareStatement("with ins as ("
                + " insert into item (id, tenant_id, connection_id, external_id, project, item_key, title, tracker_type,"
                + " labels, created_at, observed_at, deleted, presence_at, parent_external_id, hierarchy, dirty,"
                + " updated_at) select id, ?, ?, ext, project, item_key, title, tracker_type,"
                + " coalesce(labels::jsonb, '[]'::jsonb), created_at, observed_at, coalesce(deleted, false), presence_at,"
                + " parent_external_id, hierarchy, true, now() from " + ITEMS
                + " order by ext"
                + " on conflict (connection_id, external_id) do nothing returning id)"
                + " update " + ITEMS + " v set inserted = true from ins where v.id = ins.id")) {
            ps.setString(1, tenantId);
            ps.setObject(2, connectionId);
            newItems = ps.executeUpdate();
        }
        lap("insert new items");
        return newItems;
    }

    /**
     * An import that at least doubles {@code item} or {@code transition} leaves the planner with
     * statistics of a much smaller table for deriving what it just wrote (a first large import into
     * an almost empty database derived 40 % slower). Analyzed inside this transaction, the sample
     * includes its own rows and the new statistics serve its own queries.
     */
    private void analyzeIfOutgrown(long newItems, long newTransitions) throws SQLException {
        List<String> outgrown = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select relname, reltuples from pg_class"
                + " where oid in (to_regclass('item'), to_regclass('transition'))");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long added = "item".equals(rs.getString(1)) ? newItems : newTransitions;
                if (added >= 10_000 && added > rs.getDouble(2)) {
                    outgrown.add("item".equals(rs.getString(1)) ? "item" : "transition");
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String table : outgrown) {
                st.execute("analyze " + table);
            }
        }
        lap("analyze " + (outgrown.isEmpty() ? "(not needed)" : String.join(", ", outgrown)));
    }

    @Override
    public void close() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction rolls back anyway
            }
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy().writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private UUID nextId() {
        return new UUID(idHigh, idLowBase | (counter++ & 0xFFFFFFFFL));
    }

    private static void field(StringBuilder b, String value) {
        b.append(value == null ? "\\N" : escape(value)).append('\t');
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    public static String escape(String s) {
        int n = s.length();
        int k = 0;
        while (k < n) {
            char ch = s.charAt(k);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                break;
            }
            k++;
        }
        if (k == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, k);
        for (; k < n; k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
