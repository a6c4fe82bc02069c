-- Day counts in a zone a value stream brings are back-filled by a job, not by the request that
-- creates or changes the stream: the request answers at once, and the zone's row says how far the
-- job is. Queries in a zone still being prepared are answered from the item timelines. Every zone
-- kept so far was back-filled synchronously: ready.
alter table tenant_zone add column status varchar(16) not null default 'ready';
alter table tenant_zone add column prepared_at timestamp(6) with time zone;
alter table tenant_zone add column error text;
update tenant_zone set prepared_at = created_at;
-- The back-fill goes through the tenant's items in chunks, by item id in byte order, each chunk in
-- a transaction of its own under the tenant's lock (so item batches wait for one chunk, never for
-- the whole back-fill). The watermark is the last item id done: the write path keeps the zone's
-- counts of the items up to it, the back-fill reads the others when it gets to them.
alter table tenant_zone add column watermark varchar(200) collate "C";
create index flow_item_tenant_item_c on flow_item (tenant_id, (item_id collate "C")) where not deleted;

-- Value streams narrowed by labels get day counts of their own: labels are not a key of the
-- shared day counts (an item with two labels would count twice in a sum over labels), so each
-- such stream's counts are kept for exactly its scopes, in its zone, sub-tasks apart as in the
-- shared counts. The write path adds to the counts of every ready stream an item matches.
create table stream_counts (
    stream_id   uuid        primary key,
    tenant_id   varchar(64) not null,
    zone        varchar(64) not null,
    status      varchar(16) not null,
    requested_at timestamp(6) with time zone not null,
    prepared_at timestamp(6) with time zone,
    error       text
);
create index stream_counts_tenant on stream_counts (tenant_id);

create table stream_day_delta (
    tenant_id varchar(64) not null,
    stream_id uuid        not null,
    day       date        not null,
    flow_type varchar(16) not null,
    state     varchar(16) not null,
    subtask   boolean     not null,
    delta     integer     not null,
    primary key (tenant_id, stream_id, day, flow_type, state, subtask)
) with (fillfactor = 70);

create table stream_month_delta (
    tenant_id varchar(64) not null,
    stream_id uuid        not null,
    month     date        not null,
    flow_type varchar(16) not null,
    state     varchar(16) not null,
    subtask   boolean     not null,
    delta     integer     not null,
    primary key (tenant_id, stream_id, month, flow_type, state, subtask)
) with (fillfactor = 70);

-- Label-narrowed streams read their completions by project and completion; the labels in the
-- covering index keep that an index-only scan.
drop index flow_item_scope_completion;
create index flow_item_scope_completion on flow_item (tenant_id, connection_id, project, completion)
    include (flow_type, flow_seconds, active_seconds, hierarchy, labels)
    where completion is not null and not deleted;

-- Every label-narrowed stream that exists now is prepared by the job on start.
insert into stream_counts (stream_id, tenant_id, zone, status, requested_at)
select id, tenant_id, time_zone, 'preparing', now() from value_stream v
where exists (select 1 from jsonb_array_elements(v.scopes) s
              where jsonb_typeof(s -> 'labels') = 'array' and jsonb_array_length(s -> 'labels') > 0);
