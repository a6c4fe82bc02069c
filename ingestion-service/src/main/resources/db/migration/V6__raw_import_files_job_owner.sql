-- The raw layer keeps every import file as received, gzip-compressed, beside the webhook bodies
-- in raw_event: in the database (the place every replica shares, backed up and erased with the
-- rest), in chunks of at most 1 MiB so no single value approaches bytea's limits and a file is
-- written and read a chunk at a time. A file is written in its import's transaction: a failed
-- import keeps no file, as it keeps no fact.
create table import_file (
    job_id           uuid primary key references job (id) on delete cascade,
    tenant_id        text not null,
    connection_id    uuid not null references connection (id) on delete cascade,
    format           text not null,
    received_at      timestamp(6) with time zone not null,
    size_bytes       bigint not null,
    compressed_bytes bigint not null,
    sha256           text not null
);
create index import_file_connection on import_file (connection_id, received_at);
create index import_file_tenant on import_file (tenant_id);

create table import_file_chunk (
    job_id uuid not null references import_file (job_id) on delete cascade,
    seq    integer not null,
    data   bytea not null,
    primary key (job_id, seq)
);

-- Jobs record which process runs them and when it last said so: at start-up a process fails
-- the jobs it left behind, and any process fails a job whose owner stopped beating (a replica
-- that crashed), never a job another live replica is running.
alter table job add column owner text;
alter table job add column heartbeat_at timestamp(6) with time zone;
create index job_unfinished on job (status) where status in ('queued', 'running');

-- No new index on raw_event, transition or outbox: each would be written by every webhook and
-- import row. Erasing a tenant finds raw events and items through its connections, status changes
-- through its items (transition_fact), and outbox rows by a scan of the outbox (short when metrics
-- is up); a replay sorts its connection's raw events by received instant itself.
