-- Facts the trackers state and the first version dropped: a status change's resolution
-- (done vs canceled) and the tracker's own order of changes at one instant; an item's parent
-- and where its type sits in the tracker's hierarchy (sub-task, standard, epic).
alter table transition add column resolution text;
alter table transition add column tracker_order bigint;
alter table item add column parent_external_id text;
alter table item add column hierarchy text;
