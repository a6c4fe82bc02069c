-- Idempotency-Key is taken by every creating POST, not only submissions: a claim names the
-- operation it was made for and the resource it created (an organisation, a draft, ...).
alter table idempotency_key rename column assessment_id to resource_id;
alter table idempotency_key add column operation text not null default 'POST /api/v1/assessments';
alter table idempotency_key alter column operation drop default;
-- Claims are kept for the retention period, then purged oldest first.
create index idempotency_key_age on idempotency_key (created_at);

-- A latest score taken out of the benchmarks (its tenant was erased). Numbered from the same
-- sequence as latest_score, so every replica's cohort index catches up on removals exactly as it
-- does on new scores; purged once every replica has long since reloaded.
create table latest_score_removal (
    organisation_id       uuid not null,
    questionnaire_version text not null,
    seq                   bigint not null,
    removed_at            timestamp(6) with time zone not null
);
create index latest_score_removal_changes on latest_score_removal (seq);
