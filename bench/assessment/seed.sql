-- Fast seed for the benchmark query: 100,000 organisations (another tenant) with a latest
-- ccm-2026.1 score each, written straight into the tables a submission writes (organisation,
-- latest_score), bypassing the API. Scores are random multiples of 5 per dimension, the overall
-- index their weighted mean (communication 1.5), as tenths like the service stores them.
-- Run on the bench database while the service is up: it catches up by latest_score.seq.
\set n 100000
insert into organisation (id, tenant_id, name, industry, size_band, region, created_at)
select gen_random_uuid(), 'bench-seed', 'Seeded ' || g,
       (array['software','financial-services','insurance','healthcare','retail','manufacturing','media','energy'])[1 + g % 8],
       (array['1-49','50-249','250-999','1000-4999','5000+'])[1 + (g / 8) % 5],
       (array['europe','north-america','asia-pacific'])[1 + (g / 40) % 3],
       now()
from generate_series(1, :n) g;

insert into latest_score (organisation_id, questionnaire_version, industry, size_band, region, assessment_id, assessed_at, scores)
select id, 'ccm-2026.1', industry, size_band, region, gen_random_uuid(), now() - random() * interval '365 days',
       array[round((d[1] + d[2] + d[3] + 1.5 * d[4] + d[5] + d[6] + d[7]) / 7.5)] || d
from (select o.id, o.industry, o.size_band, o.region,
             array(select (floor(random() * 21) * 50)::smallint from generate_series(1, 7) where o.id is not null) d
      from organisation o where o.tenant_id = 'bench-seed') s;
analyze organisation; analyze latest_score;
