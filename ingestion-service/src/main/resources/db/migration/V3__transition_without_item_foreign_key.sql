-- Status changes are written only with item ids read or created in the same transaction
-- (ItemStore, BulkStage), so the foreign key to item checked what could not go wrong, once per
-- row: a third of the time of inserting a 1,000,000-transition backfill. Deleting a connection
-- now deletes its items' status changes itself (ConnectionService.delete), under a lock on the
-- connection that keeps writers of that connection out until it commits.
alter table transition drop constraint if exists transition_item_id_fkey;
