-- The relay claims each tenant's due events separately (a share of every batch per tenant), so
-- one tenant's backlog never holds another's events back: an index led by the tenant serves both
-- the walk over the tenants waiting and each tenant's due rows in order. It replaces outbox_due.
create index outbox_tenant_due on outbox (tenant_id, next_attempt_at, id);
drop index if exists outbox_due;

-- Events metrics-service refused as invalid: taken out of the outbox so the others flow, kept
-- here with the reason until a newer revision of the item is delivered (it supersedes them) or
-- a member retries them. At most one per item: a newer refused revision replaces the older.
create table parked_event (
    tenant_id     text not null,
    item_id       uuid not null,
    connection_id uuid,
    event_id      uuid not null unique,
    revision      bigint not null,
    payload       jsonb not null,
    reason        jsonb not null,
    parked_at     timestamp(6) with time zone not null,
    attempts      integer not null,
    primary key (tenant_id, item_id)
);
create index parked_event_connection on parked_event (tenant_id, connection_id, event_id);
