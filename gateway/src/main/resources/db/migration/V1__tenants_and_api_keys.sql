-- Tenants and their API keys. Keys are stored only as SHA-256 hashes of the full key.
create table tenant (
    id                          varchar(36)  primary key,
    name                        varchar(200) not null,
    created_at                  timestamp(6) with time zone not null,
    -- Optional per-tenant rate limit; null means the gateway's default.
    rate_limit_capacity         integer,
    rate_limit_refill_per_second double precision
);

create table api_key (
    id          varchar(36)  primary key,
    tenant_id   varchar(36)  not null references tenant (id),
    name        varchar(200) not null,
    role        varchar(20)  not null check (role in ('admin', 'member', 'reader', 'partner')),
    prefix      varchar(20)  not null,
    key_hash    varchar(64)  not null unique,
    created_at  timestamp(6) with time zone not null,
    expires_at  timestamp(6) with time zone,
    revoked_at  timestamp(6) with time zone,
    rotated_at  timestamp(6) with time zone
);

create index api_key_by_tenant on api_key (tenant_id, created_at, id);
