-- Time in status for value streams narrowed by labels, from sums of their own: labels are not a
-- key of completed_status_day / load_status_sum (an item with two labels would count twice in a
-- sum over labels), so each such stream keeps the same sums for exactly the items its scopes
-- match, as it keeps day counts of its own (V8). They share the stream's preparation
-- (stream_counts): prepared with its day counts by the back-fill job, kept by the write path for
-- every ready stream an item (old or new) matches, dropped with them. Sub-tasks are a key, left
-- out at query time unless the stream counts them.
create table stream_status_day (
    tenant_id        varchar(64)  not null,
    stream_id        uuid         not null,
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
    primary key (tenant_id, stream_id, day, flow_type, subtask, known, status_key, state, started)
);

create table stream_status_sum (
    tenant_id        varchar(64)  not null,
    stream_id        uuid         not null,
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
    primary key (tenant_id, stream_id, flow_type, subtask, known, status_key, state)
);

-- The streams whose day counts are ready get their sums here, from the rows kept per item (the
-- same predicate as a scope's: connection and project, one of its labels, one of its flow types
-- when given; an item in two scopes once). Streams still being prepared get them from the job.
create temporary table v14_member on commit drop as
select distinct c.tenant_id, c.stream_id, f.item_id
from stream_counts c
join value_stream v on v.id = c.stream_id and v.tenant_id = c.tenant_id and v.time_zone = c.zone
cross join lateral jsonb_array_elements(v.scopes) s
join flow_item f on f.tenant_id = c.tenant_id and not f.deleted
     and f.connection_id = s ->> 'connectionId' and f.project = s ->> 'project'
where c.status = 'ready'
  and (jsonb_typeof(s -> 'labels') is distinct from 'array' or jsonb_array_length(s -> 'labels') = 0
       or f.labels && array(select jsonb_array_elements_text(s -> 'labels')))
  and (jsonb_typeof(s -> 'flowTypes') is distinct from 'array' or jsonb_array_length(s -> 'flowTypes') = 0
       or f.flow_type in (select jsonb_array_elements_text(s -> 'flowTypes')));

insert into stream_status_day
select m.tenant_id, m.stream_id, (t.completion at time zone 'UTC')::date, t.flow_type, t.subtask,
       t.status is not null, coalesce(t.status, ''), t.state, t.started, sum(t.seconds), count(*),
       count(*) filter (where t.lead), count(*) filter (where t.lead and t.without_statuses)
from v14_member m join completed_status_time t on t.tenant_id = m.tenant_id and t.item_id = m.item_id
group by 1, 2, 3, 4, 5, 6, 7, 8, 9;

insert into stream_status_sum
select m.tenant_id, m.stream_id, t.flow_type, t.subtask, t.status is not null, coalesce(t.status, ''), t.state,
       sum(t.seconds), count(*), count(*) filter (where t.current),
       coalesce(sum(t.since_second) filter (where t.current), 0), count(*) filter (where t.lead),
       count(*) filter (where t.lead and t.without_statuses)
from v14_member m join load_status_time t on t.tenant_id = m.tenant_id and t.item_id = m.item_id
group by 1, 2, 3, 4, 5, 6, 7;

analyze stream_status_day;
analyze stream_status_sum;
