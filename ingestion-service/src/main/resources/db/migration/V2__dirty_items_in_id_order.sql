-- Imports walk the dirty items of a connection in id order, a page at a time: keep that order in the index.
drop index if exists item_dirty;
create index item_dirty on item (connection_id, id) where dirty;
