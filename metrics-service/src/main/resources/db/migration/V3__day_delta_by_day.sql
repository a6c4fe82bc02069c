-- The portfolio reads every scope of a tenant for a range of days: an index led by the day
-- (covering the rest) makes that an index-only range scan of the window instead of a walk over
-- every scope's whole history through the primary key.
create index day_state_delta_by_day on day_state_delta (tenant_id, zone, day)
    include (connection_id, project, flow_type, state, delta);
