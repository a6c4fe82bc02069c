-- The load at a `to` in the past, read exactly without reading every change since `to`: an item
-- that was in the load just before `to` and has left it since has one exit (-1) whose spell in
-- the load holds `to`: entered < to <= at. `entered` is that spell's start (the +1 just before the
-- exit; changes alternate per item), so "left the load after having been in it at `to`" is one
-- stab into a GiST index of spells (a few thousand rows) instead of a scan of the tenant's changes
-- since `to` (1.3 M rows for a year, ~4 s). Entries (+1) keep `entered` null.
-- btree_gist puts the tenant into the same GiST index (a trusted extension: the database owner
-- may create it). Upgrading fills `entered` and builds the index over every stored change
-- (2.4 M rows at 1M items: about a minute).
create extension if not exists btree_gist;

alter table load_change add column entered timestamp(6) with time zone;

update load_change c set entered = p.entered
from (select tenant_id, item_id, at, delta,
             lag(at) over (partition by tenant_id, item_id order by at) as entered
      from load_change) p
where c.delta = -1 and p.delta = -1
  and c.tenant_id = p.tenant_id and c.item_id = p.item_id and c.at = p.at;

create index load_change_spell on load_change using gist (tenant_id, tstzrange(entered, at, '(]'))
    where delta = -1;

analyze load_change;
