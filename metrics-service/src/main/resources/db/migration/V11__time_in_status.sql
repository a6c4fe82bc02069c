-- Time in status (where the time goes), kept on the write path so a window's answer is a range
-- scan however many items completed in it: each row is one item's whole seconds in one tracker
-- status (with the flow state it meant), by the rules of the bottleneck package. Rows are replaced
-- whenever the item's event is applied and removed with the item.

-- Items done now: their time between work start and completion, keyed by the completion.
-- `status` is null where the item's events carried no status (an older producer): the time is then
-- counted under the flow state alone, and `without_statuses` marks every row of such an item.
-- An item completed without being started has one row of its own (`started` false, state 'done',
-- 0 s): it is left out of time in status as it is of flow time, and counted as left out. `lead` marks one row per
-- item, so items are counted without a distinct.
create table completed_status_time (
    tenant_id        varchar(64)  not null,
    item_id          varchar(200) not null,
    connection_id    varchar(200) not null,
    project          varchar(200) not null,
    flow_type        varchar(16)  not null,
    subtask          boolean      not null,
    completion       timestamp(6) with time zone not null,
    status           varchar(200),
    state            varchar(16)  not null,
    seconds          bigint       not null,
    lead             boolean      not null,
    without_statuses boolean      not null,
    started          boolean      not null default true
);
create index completed_status_time_item on completed_status_time (tenant_id, item_id);
create index completed_status_time_scope on completed_status_time (tenant_id, connection_id, project, completion)
    include (flow_type, subtask, status, state, seconds, lead, without_statuses, started);
create index completed_status_time_tenant on completed_status_time (tenant_id, completion)
    include (flow_type, subtask, status, state, seconds, lead, without_statuses, started);

-- Items in the load now: their time from work start up to their last change (`since`), and which
-- row is the status they are in since then (`current`). The load at a `to` after `since` adds
-- to − since to that row; an item whose last change is at or after `to` is read from its timeline.
-- `since_second` is `since` in whole epoch seconds, the unit durations are counted in.
create table load_status_time (
    tenant_id        varchar(64)  not null,
    item_id          varchar(200) not null,
    connection_id    varchar(200) not null,
    project          varchar(200) not null,
    flow_type        varchar(16)  not null,
    subtask          boolean      not null,
    since            timestamp(6) with time zone not null,
    since_second     bigint       not null,
    status           varchar(200),
    state            varchar(16)  not null,
    seconds          bigint       not null,
    current          boolean      not null,
    lead             boolean      not null,
    without_statuses boolean      not null
);
create index load_status_time_item on load_status_time (tenant_id, item_id);
create index load_status_time_scope on load_status_time (tenant_id, connection_id, project, since)
    include (flow_type, subtask, status, state, seconds, current, since_second, lead, without_statuses);
create index load_status_time_tenant on load_status_time (tenant_id, since)
    include (flow_type, subtask, status, state, seconds, current, since_second, lead, without_statuses);

-- The same summed, so a window's answer reads a few rows per day however many items completed:
-- per UTC day of completion, scope, type and status. `known` false: no status (status_key '').
-- connection_id = project = '' are the portfolio's own rows (every scope). A window's whole UTC
-- days come from here, its partial first and last days from completed_status_time.
create table completed_status_day (
    tenant_id        varchar(64)  not null,
    connection_id    varchar(200) not null,
    project          varchar(200) not null,
    day              date         not null,
    flow_type        varchar(16)  not null,
    subtask          boolean      not null,
    known            boolean      not null,
    status_key       varchar(200) not null,
    state            varchar(16)  not null,
    started          boolean      not null,
    seconds          bigint       not null,
    items            bigint       not null,
    leads            bigint       not null,
    without_statuses bigint       not null,
    primary key (tenant_id, connection_id, project, day, flow_type, subtask, known, status_key, state, started)
);

-- The load now, summed per scope, type and status: closed seconds, items, and for the items whose
-- current status it is, their number and the sum of their `since_second`, so the load at a `to`
-- after every item's last change is seconds + current_items · to − since_sum.
create table load_status_sum (
    tenant_id        varchar(64)  not null,
    connection_id    varchar(200) not null,
    project          varchar(200) not null,
    flow_type        varchar(16)  not null,
    subtask          boolean      not null,
    known            boolean      not null,
    status_key       varchar(200) not null,
    state            varchar(16)  not null,
    seconds          bigint       not null,
    items            bigint       not null,
    current_items    bigint       not null,
    since_sum        bigint       not null,
    leads            bigint       not null,
    without_statuses bigint       not null,
    primary key (tenant_id, connection_id, project, flow_type, subtask, known, status_key, state)
);

-- The items stored before this migration came without statuses: their time by flow state, by the
-- same rules (ordered by instant; the last transition given at an instant decides; a repeat of the
-- state is no new stretch; whole seconds between the instants taken to the second).
create temporary table v11_per_state on commit drop as
with steps as (
    select f.tenant_id, f.item_id, (t ->> 'at')::timestamptz as at, ord, t ->> 'state' as state
    from flow_item f, jsonb_array_elements(f.transitions) with ordinality as x(t, ord)
    where not f.deleted and f.work_start is not null
      and (f.completion is not null or f.current_state in ('active', 'waiting'))
), per_instant as (
    select tenant_id, item_id, at, (array_agg(state order by ord desc))[1] as state
    from steps group by tenant_id, item_id, at
), merged as (
    select tenant_id, item_id, at, state,
           lag(state) over (partition by tenant_id, item_id order by at) as before
    from per_instant
), spans as (
    select tenant_id, item_id, at, state, lead(at) over (partition by tenant_id, item_id order by at) as until,
           max(at) over (partition by tenant_id, item_id) as last_at
    from merged where before is distinct from state
), clipped as (
    select f.tenant_id, f.item_id, f.connection_id, f.project, f.flow_type,
           coalesce(f.hierarchy = 'subtask', false) as subtask, f.completion, s.last_at, s.state, s.at,
           greatest(s.at, f.work_start) as a,
           least(coalesce(s.until, s.at), coalesce(f.completion, s.last_at)) as b
    from flow_item f join spans s on s.tenant_id = f.tenant_id and s.item_id = f.item_id
)
select tenant_id, item_id, connection_id, project, flow_type, subtask, completion, last_at, state,
       sum(case when a < b then floor(extract(epoch from b)) - floor(extract(epoch from a)) else 0 end)::bigint
           as seconds,
       bool_or(at = last_at) as current
from clipped
where a < b or (completion is null and at = last_at)
group by tenant_id, item_id, connection_id, project, flow_type, subtask, completion, last_at, state;

insert into completed_status_time (tenant_id, item_id, connection_id, project, flow_type, subtask, completion, status,
                                   state, seconds, lead, without_statuses)
select tenant_id, item_id, connection_id, project, flow_type, subtask, completion, null, state, seconds,
       row_number() over (partition by tenant_id, item_id order by state) = 1, true
from v11_per_state where completion is not null;

insert into load_status_time (tenant_id, item_id, connection_id, project, flow_type, subtask, since, since_second,
                              status, state, seconds, current, lead, without_statuses)
select tenant_id, item_id, connection_id, project, flow_type, subtask, last_at, floor(extract(epoch from last_at)),
       null, state, seconds, current, row_number() over (partition by tenant_id, item_id order by state) = 1, true
from v11_per_state where completion is null;

-- Completed without being started: left out, and counted as such.
insert into completed_status_time (tenant_id, item_id, connection_id, project, flow_type, subtask, completion, status,
                                   state, seconds, lead, without_statuses, started)
select tenant_id, item_id, connection_id, project, flow_type, coalesce(hierarchy = 'subtask', false), completion, null,
       'done', 0, true, false, false
from flow_item where not deleted and completion is not null and work_start is null;

-- The sums of what was just kept, per scope and for the portfolio.
insert into completed_status_day
select tenant_id, scope.connection_id, scope.project, (completion at time zone 'UTC')::date, flow_type, subtask,
       status is not null, coalesce(status, ''), state, started, sum(seconds), count(*), count(*) filter (where lead),
       count(*) filter (where lead and without_statuses)
from completed_status_time c,
     lateral (values (c.connection_id, c.project), ('', '')) as scope(connection_id, project)
group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

insert into load_status_sum
select tenant_id, scope.connection_id, scope.project, flow_type, subtask, status is not null, coalesce(status, ''),
       state, sum(seconds), count(*), count(*) filter (where current),
       coalesce(sum(since_second) filter (where current), 0), count(*) filter (where lead),
       count(*) filter (where lead and without_statuses)
from load_status_time l,
     lateral (values (l.connection_id, l.project), ('', '')) as scope(connection_id, project)
group by 1, 2, 3, 4, 5, 6, 7, 8;
