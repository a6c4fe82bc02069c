-- Questionnaire versions. A published version never changes: past results are re-scored from it.
create table questionnaire (
    version      text primary key,
    title        text not null,
    definition   jsonb not null,
    published_at timestamp(6) with time zone not null
);

create function questionnaire_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'questionnaire % is published and never changes; publish a new version', old.version;
end $$;

create trigger questionnaire_immutable before update or delete on questionnaire
    for each row execute function questionnaire_is_immutable();

-- The organisations a tenant (a partner, or a company assessing itself) assesses.
create table organisation (
    id           uuid primary key,
    tenant_id    text not null,
    name         text not null,
    industry     text not null,
    size_band    text not null,
    region       text not null,
    external_ref text,
    created_at   timestamp(6) with time zone not null
);
create index organisation_tenant_page on organisation (tenant_id, created_at desc, id desc);

-- A scored submission. Only the answers and the headline are stored: the full result is
-- re-derived from the answers and the (immutable) questionnaire version.
create table assessment (
    id                    uuid primary key,
    tenant_id             text not null,
    organisation_id       uuid not null references organisation (id),
    questionnaire_version text not null references questionnaire (version),
    answers               jsonb not null,
    overall_index         double precision not null,
    level                 integer not null,
    assessed_at           timestamp(6) with time zone not null,
    submitted_at          timestamp(6) with time zone not null,
    draft_id              uuid
);
create index assessment_history on assessment (tenant_id, organisation_id, assessed_at desc, id desc);
create index assessment_export on assessment (tenant_id, questionnaire_version, assessed_at desc, id desc);

-- Partial answers saved to be submitted later.
create table draft (
    id                    uuid primary key,
    tenant_id             text not null,
    organisation_id       uuid not null references organisation (id),
    questionnaire_version text not null references questionnaire (version),
    answers               jsonb not null,
    created_at            timestamp(6) with time zone not null,
    updated_at            timestamp(6) with time zone not null,
    assessment_id         uuid
);
create index draft_tenant on draft (tenant_id, id);

-- Idempotency-Key claims. Inserted (and committed) before the work starts, so a concurrent retry
-- finds it: without an assessment it is in flight (409), with one it is answered from it.
create table idempotency_key (
    tenant_id      text not null,
    key            text not null,
    request_digest text not null,
    assessment_id  uuid,
    created_at     timestamp(6) with time zone not null,
    primary key (tenant_id, key)
);

-- The latest scored assessment of each organisation per version, with its cohort keys: what
-- benchmarks read. scores holds tenths (overall first, then dimensions in questionnaire order);
-- seq orders changes so that each replica's in-memory cohort index can catch up incrementally.
create sequence latest_score_seq;
create table latest_score (
    organisation_id       uuid not null,
    questionnaire_version text not null,
    industry              text not null,
    size_band             text not null,
    region                text not null,
    assessment_id         uuid not null,
    assessed_at           timestamp(6) with time zone not null,
    scores                smallint[] not null,
    seq                   bigint not null default nextval('latest_score_seq'),
    primary key (organisation_id, questionnaire_version)
);
create index latest_score_changes on latest_score (seq);
create index latest_score_version on latest_score (questionnaire_version);

-- Partner callback endpoints (Standard Webhooks). The secret is kept to sign deliveries.
create table partner_webhook (
    id              uuid primary key,
    tenant_id       text not null,
    url             text not null,
    secret          text not null,
    description     text,
    enabled         boolean not null,
    disabled_reason text,
    created_at      timestamp(6) with time zone not null
);
create index partner_webhook_tenant on partner_webhook (tenant_id, created_at desc, id desc);

-- One message to one endpoint, written in the transaction that scored the assessment (an outbox),
-- then attempted by the dispatcher with backoff until delivered, exhausted or the endpoint is gone.
create table webhook_delivery (
    id              uuid primary key,
    tenant_id       text not null,
    endpoint_id     uuid not null references partner_webhook (id),
    message_id      text not null,
    event_type      text not null,
    payload         text not null,
    status          text not null,
    attempts        integer not null,
    next_attempt_at timestamp(6) with time zone,
    last_attempt_at timestamp(6) with time zone,
    last_status     integer,
    last_error      text,
    created_at      timestamp(6) with time zone not null,
    delivered_at    timestamp(6) with time zone
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_log on webhook_delivery (tenant_id, endpoint_id, created_at desc, id desc);
