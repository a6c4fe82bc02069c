-- Nothing reads raw events by tenant (listing and deletion go by connection, which
-- raw_event_delivery covers): one index less to write per delivery.
drop index if exists raw_event_tenant;
-- Items are rewritten on every change (attributes, then derived state): room on the page lets
-- those updates stay heap-only (no new index entries) instead of moving the row.
alter table item set (fillfactor = 80);
