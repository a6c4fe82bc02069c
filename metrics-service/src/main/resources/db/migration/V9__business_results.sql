-- Business results per value stream: data points (date, value) in the built-in categories
-- (value, cost, quality, happiness) and in categories a tenant defines. Written only by the
-- result package (ResultStore).

-- A tenant's own categories. Built-ins are no rows: they are the same for every tenant.
create table result_category (
    tenant_id        varchar(64)  not null,
    name             varchar(64)  not null,
    label            varchar(200) not null,
    unit             varchar(50),
    higher_is_better boolean      not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    primary key (tenant_id, name)
);

-- One data point. A date may hold several points (a correlation takes their mean per bucket).
-- Deleting a value stream deletes its points (the cascade), in the same transaction.
create table business_result (
    id              uuid             primary key,
    tenant_id       varchar(64)      not null,
    value_stream_id uuid             not null references value_stream (id) on delete cascade,
    category        varchar(64)      not null,
    day             date             not null,
    value           double precision not null,
    note            varchar(1000),
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    -- The API refuses these already; the table keeps them out whatever writes it.
    constraint business_result_finite check (value not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)),
    constraint business_result_day check (day between date '1970-01-01' and date '9999-12-31')
);

-- The list of a stream (by date, optionally by category) and an import's replace of (category, day).
create index business_result_by_stream_day on business_result (value_stream_id, day, id);
create index business_result_by_stream_category on business_result (value_stream_id, category, day, id);
-- Deleting a category of a tenant with its points, and counting them first.
create index business_result_by_tenant_category on business_result (tenant_id, category);
