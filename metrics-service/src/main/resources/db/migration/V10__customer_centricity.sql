-- Customer-centricity as an outcome: the scored assessments assessment-service feeds
-- (docs/contracts.md, "Scored assessments") and the links that put an organisation's scores
-- beside a value stream (or the portfolio). Written only by the centricity package.

-- Every scored assessment of every organisation of the tenant, its newest revision. A withdrawn
-- assessment stays as a tombstone (deleted, no scores) so an older event arriving late cannot
-- bring it back.
create table centricity_assessment (
    tenant_id             varchar(64)      not null,
    assessment_id         uuid             not null,
    organisation_id       uuid             not null,
    revision              bigint           not null,
    deleted               boolean          not null,
    organisation_name     varchar(200),
    questionnaire_version varchar(200),
    scored_at             timestamptz,
    index_score           double precision,
    -- [{"key": "communication", "label": "Communication", "score": 55.0}, ...] in questionnaire order
    dimensions            jsonb,
    received_at           timestamptz      not null,
    primary key (tenant_id, assessment_id),
    constraint centricity_scored check (deleted or (scored_at is not null and index_score is not null and dimensions is not null))
);
-- An organisation's scores in time order (the series), and whether metrics has heard of it.
create index centricity_assessment_by_organisation on centricity_assessment (tenant_id, organisation_id, scored_at);

-- Which organisation's scores a value stream shows; value_stream_id null: the tenant's portfolio.
-- One link per stream and one for the portfolio. Deleting a stream deletes its link.
create table centricity_link (
    tenant_id       varchar(64) not null,
    value_stream_id uuid        references value_stream (id) on delete cascade,
    organisation_id uuid        not null,
    linked_at       timestamptz not null
);
create unique index centricity_link_stream on centricity_link (tenant_id, value_stream_id) where value_stream_id is not null;
create unique index centricity_link_portfolio on centricity_link (tenant_id) where value_stream_id is null;
