-- Day and month deltas are incremented by every batch. With delta in no index and free room in
-- each page, an increment is a HOT update (no index writes, no index bloat); the primary key,
-- led by (tenant, zone, connection, project, day), serves every read, the portfolio's rollup
-- rows included.
drop index day_state_delta_scope_day;
alter table day_state_delta set (fillfactor = 70);
alter table month_state_delta set (fillfactor = 70);
