-- The load at a `to` in the past probes, besides the exits of V16, every item in the load now
-- whose kept rows changed at or after `to` (21,635 items for a `to` a year ago at 1M items), yet
-- only those whose work started before `to` can have been in the load then (about 440 of them).
-- So each kept row now carries its item's work start (flow_item.work_start, written beside it in
-- the same transaction), and "started before `to`, last changed at or after it" is one stab into
-- a GiST index of spells work_start < to <= since, like load_change_spell. `least` keeps the range
-- well-formed (a work start after `since` gives an empty range: not probed, as flow_item's own
-- `work_start < to` would not keep it either). A row without a work start (written by the version
-- before this one during a rolling upgrade) reads as started at -infinity: probed whenever it
-- changed at or after `to`, as before, so answers stay exact.
--
-- The table is rewritten rather than updated in place (as in V16): an update would leave a dead
-- version of every row behind the existing indexes until a vacuum.
alter table load_status_time rename to load_status_time_v11;
alter index load_status_time_item rename to load_status_time_v11_item;
alter index load_status_time_scope rename to load_status_time_v11_scope;
alter index load_status_time_tenant rename to load_status_time_v11_tenant;

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
    without_statuses boolean      not null,
    work_start       timestamp(6) with time zone
);

insert into load_status_time (tenant_id, item_id, connection_id, project, flow_type, subtask, since, since_second,
                              status, state, seconds, current, lead, without_statuses, work_start)
select s.tenant_id, s.item_id, s.connection_id, s.project, s.flow_type, s.subtask, s.since, s.since_second,
       s.status, s.state, s.seconds, s.current, s.lead, s.without_statuses, f.work_start
from load_status_time_v11 s
left join flow_item f on f.tenant_id = s.tenant_id and f.item_id = s.item_id;

drop table load_status_time_v11;

create index load_status_time_item on load_status_time (tenant_id, item_id);
create index load_status_time_scope on load_status_time (tenant_id, connection_id, project, since)
    include (flow_type, subtask, status, state, seconds, current, since_second, lead, without_statuses);
create index load_status_time_tenant on load_status_time (tenant_id, since)
    include (flow_type, subtask, status, state, seconds, current, since_second, lead, without_statuses);
create index load_status_time_started on load_status_time
    using gist (tenant_id, tstzrange(least(coalesce(work_start, '-infinity'), since), since, '(]')) where lead;

analyze load_status_time;
