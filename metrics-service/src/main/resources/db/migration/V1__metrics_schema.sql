-- Value streams: named scope predicates evaluated at query time, so a stream created after
-- its items arrived sees them at once.
create table value_stream (
    id          uuid primary key,
    tenant_id   varchar(64)  not null,
    name        varchar(200) not null,
    time_zone   varchar(64)  not null,
    scopes      jsonb        not null,
    created_at  timestamp(6) with time zone not null,
    updated_at  timestamp(6) with time zone not null
);
create index value_stream_tenant on value_stream (tenant_id, created_at, id);

-- One row per canonical item: the latest revision's whole timeline plus the facts derived
-- from it, so window queries read facts instead of re-deriving timelines. A deleted item
-- stays as a tombstone (deleted = true) so a late lower revision cannot bring it back.
create table flow_item (
    tenant_id       varchar(64) not null,
    item_id         varchar(200) not null,
    revision        bigint      not null,
    last_event_id   varchar(200) not null,
    deleted         boolean     not null,
    connection_id   varchar(200),
    project         varchar(200),
    item_key        varchar(200),
    title           text,
    flow_type       varchar(16),
    labels          text[]      not null default '{}',
    created_at      timestamp(6) with time zone,
    work_start      timestamp(6) with time zone,
    completion      timestamp(6) with time zone,
    active_seconds  bigint,
    flow_seconds    bigint,
    current_state   varchar(16),
    transitions     jsonb,
    applied_at      timestamp(6) with time zone not null,
    primary key (tenant_id, item_id)
);
-- Velocity, flow time, efficiency, the scatter list and forecasts: a range scan over the
-- window's completions, index-only for the figures.
create index flow_item_scope_completion on flow_item (tenant_id, connection_id, project, completion)
    include (flow_type, flow_seconds, active_seconds)
    where completion is not null and not deleted;
create index flow_item_tenant_completion on flow_item (tenant_id, completion)
    include (flow_type, flow_seconds, active_seconds)
    where completion is not null and not deleted;
-- Aging: the items in the load now.
create index flow_item_wip on flow_item (tenant_id, connection_id, project, work_start)
    where current_state in ('active', 'waiting') and not deleted;
create index flow_item_tenant_wip on flow_item (tenant_id, work_start)
    where current_state in ('active', 'waiting') and not deleted;

-- Zones in which day deltas are kept for a tenant (UTC always, plus each value stream's zone).
create table tenant_zone (
    tenant_id   varchar(64) not null,
    zone        varchar(64) not null,
    created_at  timestamp(6) with time zone not null,
    primary key (tenant_id, zone)
);

-- Per local day (in a zone), scope, type and state: items that entered minus items that left.
-- The count in a state at a day's end is the running sum up to that day, so load and
-- cumulative flow cost one row per day·type·state·scope, whatever the number of items.
create table day_state_delta (
    tenant_id     varchar(64)  not null,
    zone          varchar(64)  not null,
    connection_id varchar(200) not null,
    project       varchar(200) not null,
    day           date         not null,
    flow_type     varchar(16)  not null,
    state         varchar(16)  not null,
    delta         integer      not null,
    primary key (tenant_id, zone, connection_id, project, day, flow_type, state)
);
