-- Flow-time percentiles of a window without sorting every completion in it.
--
-- Flow times (whole seconds) fall into buckets: 0..7 one each (and every value below 0 in 0), then
-- 8 buckets per doubling (each ~9 % wide). The function is monotone, so the value at a rank lies in
-- the bucket where the cumulative count reaches that rank. The Java twin is calc.FlowTimeBuckets;
-- a test holds the two equal.
create function flow_time_bucket(s bigint) returns smallint
    language sql immutable strict parallel safe
as $$
    select case when s < 8 then greatest(s, 0)::smallint
                else (8 * (62 - position('1' in s::bit(64)::text))
                      + ((s >> (61 - position('1' in s::bit(64)::text))) & 7))::smallint end
$$;

-- Per scope (connection, project; '' and '' is the portfolio's roll-up, sub-tasks left out as the
-- portfolio leaves them out), per type and bucket, the completions of a span of UTC days: spans of
-- 1, 8 and 64 days aligned on the epoch day, so any run of whole UTC days is covered by a handful
-- of spans (a 90-day window by ~15). bucket -1 holds the completions without a flow time (never
-- started). Sums are exact: items, flow seconds and active seconds of the started ones.
create table completion_histogram (
    tenant_id     varchar(64)  not null,
    connection_id varchar(200) not null,
    project       varchar(200) not null,
    span          smallint     not null,
    first_day     date         not null,
    flow_type     varchar(16)  not null,
    subtask       boolean      not null,
    bucket        smallint     not null,
    items         integer      not null,
    flow_sum      bigint       not null,
    active_sum    bigint       not null,
    primary key (tenant_id, connection_id, project, span, first_day, flow_type, subtask, bucket)
) with (fillfactor = 70);

-- Kept by statement triggers on flow_item: whatever writes an item (event batches, replays,
-- deletions, erasure) keeps the histogram, set-based, one statement per written batch. The rows an
-- update leaves as they were cancel out (-1 then +1) and are not written.
create function completion_histogram_apply() returns trigger language plpgsql as $$
declare
    old_part constant text := 'select tenant_id, connection_id, project, flow_type, hierarchy, completion, '
        || 'flow_seconds, active_seconds, -1 as sign from old_items where completion is not null and not deleted';
    new_part constant text := 'select tenant_id, connection_id, project, flow_type, hierarchy, completion, '
        || 'flow_seconds, active_seconds, 1 as sign from new_items where completion is not null and not deleted';
    source text;
begin
    source := case tg_op when 'INSERT' then new_part when 'DELETE' then old_part
                         else old_part || ' union all ' || new_part end;
    execute format($q$
        insert into completion_histogram as h (tenant_id, connection_id, project, span, first_day, flow_type,
                                               subtask, bucket, items, flow_sum, active_sum)
        select c.tenant_id, s.connection_id, s.project, sp.span,
               date '1970-01-01' + (c.epoch_day - (((c.epoch_day %% sp.span) + sp.span) %% sp.span)),
               c.flow_type, c.subtask, c.bucket, sum(c.sign), sum(c.sign * c.flow),
               sum(c.sign * c.active)
        from (select tenant_id, connection_id, project, flow_type, sign,
                     (completion at time zone 'UTC')::date - date '1970-01-01' as epoch_day,
                     hierarchy is not distinct from 'subtask' as subtask,
                     coalesce(flow_time_bucket(flow_seconds), -1::smallint) as bucket,
                     coalesce(flow_seconds, 0) as flow,
                     case when flow_seconds is null then 0 else coalesce(active_seconds, 0) end as active
              from (%s) x) c
        cross join (values (1::smallint), (8::smallint), (64::smallint)) as sp(span)
        cross join lateral (values (c.connection_id, c.project), ('', '')) as s(connection_id, project)
        where s.connection_id <> '' or not c.subtask
        group by 1, 2, 3, 4, 5, 6, 7, 8
        having sum(c.sign) <> 0 or sum(c.sign * c.flow) <> 0 or sum(c.sign * c.active) <> 0
        order by 1, 2, 3, 4, 5, 6, 7, 8
        on conflict (tenant_id, connection_id, project, span, first_day, flow_type, subtask, bucket) do update
            set items = h.items + excluded.items, flow_sum = h.flow_sum + excluded.flow_sum,
                active_sum = h.active_sum + excluded.active_sum
    $q$, source);
    return null;
end
$$;

create trigger flow_item_histogram_insert after insert on flow_item
    referencing new table as new_items for each statement execute function completion_histogram_apply();
create trigger flow_item_histogram_update after update on flow_item
    referencing old table as old_items new table as new_items
    for each statement execute function completion_histogram_apply();
create trigger flow_item_histogram_delete after delete on flow_item
    referencing old table as old_items for each statement execute function completion_histogram_apply();

-- Every item stored before this migration.
insert into completion_histogram (tenant_id, connection_id, project, span, first_day, flow_type, subtask, bucket,
                                  items, flow_sum, active_sum)
select c.tenant_id, s.connection_id, s.project, sp.span,
       date '1970-01-01' + (c.epoch_day - (((c.epoch_day % sp.span) + sp.span) % sp.span)),
       c.flow_type, c.subtask, c.bucket, count(*), sum(c.flow), sum(c.active)
from (select tenant_id, connection_id, project, flow_type,
             (completion at time zone 'UTC')::date - date '1970-01-01' as epoch_day,
             hierarchy is not distinct from 'subtask' as subtask,
             coalesce(flow_time_bucket(flow_seconds), -1::smallint) as bucket,
             coalesce(flow_seconds, 0) as flow,
             case when flow_seconds is null then 0 else coalesce(active_seconds, 0) end as active
      from flow_item where completion is not null and not deleted) c
cross join (values (1::smallint), (8::smallint), (64::smallint)) as sp(span)
cross join lateral (values (c.connection_id, c.project), ('', '')) as s(connection_id, project)
where s.connection_id <> '' or not c.subtask
group by 1, 2, 3, 4, 5, 6, 7, 8;
analyze completion_histogram;

-- The exact flow times of one bucket in a run of whole UTC days: a range scan over that bucket's
-- completions of the window only, index-only for every scope filter.
create index flow_item_bucket_completion on flow_item (tenant_id, flow_time_bucket(flow_seconds), completion)
    include (flow_seconds, flow_type, hierarchy, connection_id, project, labels)
    where completion is not null and not deleted and flow_seconds is not null;
