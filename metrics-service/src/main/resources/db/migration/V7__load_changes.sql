-- The load at a window's end is the load at the instant `to`, which is not always a local midnight.
-- Day counts give the load at the end of the day before `to`'s day; these rows give the changes
-- during that day up to `to`: one row per item and instant at which it entered (+1) or left (-1)
-- the load (active or waiting). Reading them is a range scan over part of one day, joined to the
-- items for type and scope, whatever the size of the tenant.
create table load_change (
    tenant_id varchar(64)  not null,
    item_id   varchar(200) not null,
    at        timestamp(6) with time zone not null,
    delta     smallint     not null,
    primary key (tenant_id, item_id, at)
);
create index load_change_at on load_change (tenant_id, at) include (item_id, delta);

-- Every stored timeline's changes (items applied before this migration), by the timeline's rules:
-- ordered by instant, the last transition given at an instant decides the state from it on.
insert into load_change (tenant_id, item_id, at, delta)
with per_instant as (
    select f.tenant_id, f.item_id, (t ->> 'at')::timestamptz as at,
           (array_agg(t ->> 'state' order by ord desc))[1] as state
    from flow_item f, jsonb_array_elements(f.transitions) with ordinality as x(t, ord)
    where not f.deleted
    group by f.tenant_id, f.item_id, (t ->> 'at')::timestamptz
), flagged as (
    select tenant_id, item_id, at, (state in ('active', 'waiting'))::int as in_load,
           coalesce(lag((state in ('active', 'waiting'))::int)
                    over (partition by tenant_id, item_id order by at), 0) as before
    from per_instant
)
select tenant_id, item_id, at, (in_load - before)::smallint from flagged where in_load <> before;
