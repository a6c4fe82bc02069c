-- The feed of scored assessments to metrics-service (docs/contracts.md, "Scored assessments").

-- A correction re-scores an assessment: each one raises its revision, which the feed carries so
-- metrics keeps the newest whatever order events arrive in.
alter table assessment add column revision bigint not null default 1;
alter table assessment add column corrected_at timestamp(6) with time zone;

-- Events for metrics-service, written in the transaction that scores or corrects an assessment
-- (an outbox), then POSTed by feed.FeedRelay, at least once, fairly across tenants.
create table metrics_outbox (
    id              bigserial primary key,
    event_id        uuid not null unique,
    tenant_id       text not null,
    assessment_id   uuid not null,
    revision        bigint not null,
    payload         jsonb not null,
    created_at      timestamp(6) with time zone not null,
    attempts        integer not null default 0,
    next_attempt_at timestamp(6) with time zone not null,
    last_error      text
);
-- The walk over the tenants waiting and each tenant's due rows in order.
create index metrics_outbox_tenant_due on metrics_outbox (tenant_id, next_attempt_at, id);

-- Events metrics-service refused as invalid: out of the outbox so the others flow, kept here
-- with the reason. One per assessment: a newer refused revision replaces the older, and a newer
-- revision delivered removes it.
create table metrics_parked_event (
    tenant_id     text not null,
    assessment_id uuid not null,
    event_id      uuid not null unique,
    revision      bigint not null,
    payload       jsonb not null,
    reason        jsonb not null,
    parked_at     timestamp(6) with time zone not null,
    attempts      integer not null,
    primary key (tenant_id, assessment_id)
);

-- Assessments scored before the feed existed: feed.FeedBackfill turns each into an event (scores
-- are derived from the answers in Java, so SQL cannot write the events itself) and removes it here.
create table metrics_feed_backfill (
    assessment_id uuid primary key
);
insert into metrics_feed_backfill (assessment_id) select id from assessment;
