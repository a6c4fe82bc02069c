-- The category each status of a connection was seen with. Jira names the category of an issue's
-- current status only; a changelog history entry names just the status. A status seen only in a
-- history maps by the category the same connection has seen it with on any item (read with the
-- mapping, cached by connection and version). Written only when a status is seen with a category
-- for the first time or with another one, so the webhook path writes nothing here in steady state.
-- Append-only, no unique key: a webhook batch and a long import recording the same status never
-- wait for each other. The latest observation (seen_at, the payload instant) wins.
create table status_category_seen (
    id            bigserial primary key,
    connection_id uuid not null references connection (id) on delete cascade,
    -- Trimmed and lower-cased, as mappings match statuses.
    status_key    text not null,
    status        text not null,
    category      text not null,
    seen_at       timestamp(6) with time zone not null,
    recorded_at   timestamp(6) with time zone not null default now(),
    -- The connection's items that have this status without a category are still to be re-derived
    -- (done right after the commit; a sweep picks up what a crash left).
    rederive      boolean not null default true
);
-- The version the webhook path reads with its lock (count and highest id) and the rows themselves.
create index status_category_seen_connection on status_category_seen (connection_id, id);
create index status_category_seen_pending on status_category_seen (recorded_at) where rederive;

-- What the stored facts already say: each connection's statuses with the categories they were
-- stated with (latest instant per category). Marked for re-derivation where the same status also
-- appears without a category (the sweep derives those items again a minute after start-up).
with facts as (
    select i.connection_id, lower(btrim(t.status)) as status_key, min(t.status) as status, t.category,
           max(t.at) as seen_at
    from transition t join item i on i.id = t.item_id
    group by 1, 2, 4)
insert into status_category_seen (connection_id, status_key, status, category, seen_at, rederive)
select f.connection_id, f.status_key, f.status, f.category, f.seen_at,
       exists (select 1 from facts b where b.connection_id = f.connection_id and b.status_key = f.status_key
               and b.category is null)
from facts f where f.category is not null;
