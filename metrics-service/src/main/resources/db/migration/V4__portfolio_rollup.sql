-- The portfolio's own rows: connection_id = '' and project = '' (no real scope is empty: both
-- are required non-blank). They sum every scope, so a portfolio CFD or load reads one row per
-- day, type and state however many projects the tenant has.
insert into day_state_delta (tenant_id, zone, connection_id, project, day, flow_type, state, delta)
select tenant_id, zone, '', '', day, flow_type, state, sum(delta)
from day_state_delta where connection_id <> ''
group by tenant_id, zone, day, flow_type, state;

insert into month_state_delta (tenant_id, zone, connection_id, project, month, flow_type, state, delta)
select tenant_id, zone, '', '', month, flow_type, state, sum(delta)
from month_state_delta where connection_id <> ''
group by tenant_id, zone, month, flow_type, state;

-- Every read now names its scope (or the portfolio's): index-only range scans per scope.
drop index day_state_delta_by_day;
create index day_state_delta_scope_day on day_state_delta (tenant_id, zone, connection_id, project, day)
    include (flow_type, state, delta);
