-- Monthly sums of day_state_delta, kept alongside it: the counts at the start of a window are
-- then Σ whole months before it + the days of its first month, a few thousand rows at most
-- instead of every day of the tenant's history.
create table month_state_delta (
    tenant_id     varchar(64)  not null,
    zone          varchar(64)  not null,
    connection_id varchar(200) not null,
    project       varchar(200) not null,
    month         date         not null,
    flow_type     varchar(16)  not null,
    state         varchar(16)  not null,
    delta         integer      not null,
    primary key (tenant_id, zone, connection_id, project, month, flow_type, state)
);

insert into month_state_delta (tenant_id, zone, connection_id, project, month, flow_type, state, delta)
select tenant_id, zone, connection_id, project, date_trunc('month', day)::date, flow_type, state, sum(delta)
from day_state_delta
group by tenant_id, zone, connection_id, project, date_trunc('month', day)::date, flow_type, state;
