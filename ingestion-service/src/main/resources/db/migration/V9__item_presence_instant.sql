-- An item's presence (deleted or not) is decided by the newest deletion or restoration a tracker
-- stated; presence_at is that statement's instant (null: none stated, or stated without an
-- instant), so a statement delivered late with an older instant does not overturn it.
alter table item add column presence_at timestamp(6) with time zone;

-- Items deleted before this column existed: their deletion was their latest observation at the
-- latest (a replay of the raw layer states the exact instant again).
update item set presence_at = observed_at where deleted;
