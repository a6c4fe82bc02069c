-- An item's children by its external id: when a parent is published for the first time, the
-- children that arrived before it are derived again so their events name it (parentItemId).
-- Partial: only items that name a parent have an entry, so items without one cost nothing.
create index item_parent on item (connection_id, parent_external_id) where parent_external_id is not null;
