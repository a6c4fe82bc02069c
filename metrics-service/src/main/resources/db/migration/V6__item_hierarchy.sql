-- Item hierarchy (item events, contract version 2, optional fields): an item's parent (ingestion's
-- item id) and where its type sits (subtask, standard, epic; null when the producer does not say).
alter table flow_item add column parent_item_id varchar(200);
alter table flow_item add column hierarchy varchar(16);

-- Velocity, flow time and efficiency leave sub-tasks out unless the value stream counts them:
-- the covering indexes carry the hierarchy, so those figures stay index-only scans.
drop index flow_item_scope_completion;
create index flow_item_scope_completion on flow_item (tenant_id, connection_id, project, completion)
    include (flow_type, flow_seconds, active_seconds, hierarchy)
    where completion is not null and not deleted;
drop index flow_item_tenant_completion;
create index flow_item_tenant_completion on flow_item (tenant_id, completion)
    include (flow_type, flow_seconds, active_seconds, hierarchy)
    where completion is not null and not deleted;

-- Load and cumulative flow count sub-tasks apart (one more key column of the day and month
-- counts), so a stream that leaves them out and one that counts them both read pre-aggregated
-- rows. Every row so far is of an item whose hierarchy nobody stated: not a sub-task.
alter table day_state_delta add column subtask boolean not null default false;
alter table day_state_delta drop constraint day_state_delta_pkey;
alter table day_state_delta add primary key (tenant_id, zone, connection_id, project, day, flow_type, state, subtask);
alter table month_state_delta add column subtask boolean not null default false;
alter table month_state_delta drop constraint month_state_delta_pkey;
alter table month_state_delta add primary key (tenant_id, zone, connection_id, project, month, flow_type, state, subtask);

-- Per value stream: whether sub-tasks count beside their parents (default: they do not).
alter table value_stream add column count_subtasks boolean not null default false;
