-- Ingestion keeps three layers: raw deliveries as received, tracker facts (items and their
-- status changes in the tracker's own words) and the derived canonical state on the item.
-- A mapping change re-derives the canonical state from the facts; nothing is re-fetched.

create table connection (
    id                uuid primary key,
    tenant_id         text not null,
    kind              text not null,
    name              text not null,
    -- HMAC secrets must be recoverable to verify a signature: AES-GCM, key from FLOWLENS_SECRET_KEY.
    secret_ciphertext text,
    -- Token-style secrets (GitLab token, Azure DevOps basic auth) only need comparing: SHA-256.
    secret_hash       text,
    mapping           jsonb not null default '{}'::jsonb,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);
create index connection_tenant on connection (tenant_id, id);

create table raw_event (
    id            uuid primary key,
    tenant_id     text not null,
    connection_id uuid not null references connection (id) on delete cascade,
    -- The tracker's delivery id, or "sha256:<digest of the body>" when it sends none.
    delivery_key  text not null,
    event_kind    text not null,
    headers       jsonb not null,
    body          bytea not null,
    received_at   timestamp(6) with time zone not null,
    outcome       text not null,
    note          text,
    constraint raw_event_delivery unique (connection_id, delivery_key)
);
create index raw_event_tenant on raw_event (tenant_id, connection_id);

create table item (
    id                    uuid primary key,
    tenant_id             text not null,
    connection_id         uuid not null references connection (id) on delete cascade,
    external_id           text not null,
    project               text,
    item_key              text,
    title                 text,
    tracker_type          text,
    labels                jsonb not null default '[]'::jsonb,
    created_at            timestamp(6) with time zone,
    -- Payload instant of the observation the attributes above come from (latest wins).
    observed_at           timestamp(6) with time zone,
    deleted               boolean not null default false,
    -- Derived: changes only through re-derivation.
    flow_type             text,
    flow_state            text,
    timeline              jsonb not null default '[]'::jsonb,
    revision              bigint not null default 0,
    dq_future             integer not null default 0,
    dq_before_creation    integer not null default 0,
    dq_unmapped           integer not null default 0,
    dq_done_without_start boolean not null default false,
    -- Digest of the item as last sent to metrics: a re-derivation that changes nothing sends nothing.
    published_digest      text,
    -- Set when facts changed and the derived state may be stale.
    dirty                 boolean not null default true,
    updated_at            timestamp(6) with time zone not null,
    constraint item_external unique (connection_id, external_id)
);
create index item_tenant on item (tenant_id, id);
create index item_dirty on item (connection_id) where dirty;

create table transition (
    id            bigserial primary key,
    tenant_id     text not null,
    item_id       uuid not null references item (id) on delete cascade,
    at            timestamp(6) with time zone not null,
    status        text not null,
    category      text,
    raw_event_id  uuid,
    import_id     uuid,
    -- The same status at the same instant is the same fact, however often it is delivered.
    constraint transition_fact unique (item_id, at, status)
);

create table outbox (
    id              bigserial primary key,
    event_id        uuid not null unique,
    tenant_id       text not null,
    item_id         uuid not null,
    revision        bigint not null,
    payload         jsonb not null,
    created_at      timestamp(6) with time zone not null,
    attempts        integer not null default 0,
    next_attempt_at timestamp(6) with time zone not null,
    last_error      text
);
create index outbox_due on outbox (next_attempt_at, id);

create table job (
    id            uuid primary key,
    tenant_id     text not null,
    connection_id uuid not null references connection (id) on delete cascade,
    kind          text not null,
    status        text not null,
    format        text,
    records       bigint not null default 0,
    transitions   bigint not null default 0,
    items_changed bigint not null default 0,
    message       text,
    errors        jsonb not null default '[]'::jsonb,
    created_at    timestamp(6) with time zone not null,
    started_at    timestamp(6) with time zone,
    finished_at   timestamp(6) with time zone
);
create index job_tenant on job (tenant_id, id);
