-- The load at a `to` in the past, read exactly without reading every change since `to`: an item
-- that was in the load just before `to` and has left it since has one exit (-1) whose spell in
-- the load holds `to`: entered < to <= at. `entered` is that spell's start (the +1 just before the
-- exit; an item's changes alternate), so "left the load after having been in it at `to`" is one
-- stab into a GiST index of spells (a few thousand rows) instead of a scan of the tenant's changes
-- since `to` (1.3 M rows for a year at 1M items, seconds). Entries (+1) keep `entered` null.
-- btree_gist puts the tenant into the same GiST index (a trusted extension: the database owner
-- may create it).
create extension if not exists btree_gist;

-- The table is rewritten rather than updated in place: an update would leave a dead version of
-- every exit, which the new indexes would still point to until a vacuum (seconds per stab after
-- the upgrade). Upgrading copies every stored change and builds three indexes over them (2.4 M
-- rows at 1M items: a minute or two).
alter table load_change rename to load_change_v7;
alter index load_change_pkey rename to load_change_v7_pkey;
alter index load_change_at rename to load_change_v7_at;

create table load_change (
    tenant_id varchar(64)  not null,
    item_id   varchar(200) not null,
    at        timestamp(6) with time zone not null,
    delta     smallint     not null,
    entered   timestamp(6) with time zone
);

insert into load_change (tenant_id, item_id, at, delta, entered)
select tenant_id, item_id, at, delta,
       case when delta = -1 then lag(at) over (partition by tenant_id, item_id order by at) end as entered
from load_change_v7;

drop table load_change_v7;

alter table load_change add primary key (tenant_id, item_id, at);
create index load_change_at on load_change (tenant_id, at) include (item_id, delta);
create index load_change_spell on load_change using gist (tenant_id, tstzrange(entered, at, '(]'))
    where delta = -1;

analyze load_change;
