// Customer-centricity: an organisation's latest assessment (dimension scores), where it stands in
// its cohort, how it moved over time, and what to do next.
import { get, getAll } from '../api.js';
import { el, chartPanel, statePanel, tiles, formatNumber, formatDate, PALETTE } from '../ui.js';

export default {
  id: 'customer',
  title: 'Customer-centricity',
  context: [],

  async render(view, ctx) {
    const params = ctx.settings.params;
    const { items: organisations } = await getAll('organisations', {});
    view.append(el('h1', {}, 'Customer-centricity'));
    if (organisations.length === 0) {
      view.append(statePanel('empty', 'No organisation assessed yet',
        el('p', {}, 'A partner key creates an organisation (', el('code', {}, 'POST /api/v1/organisations'),
          ') and submits its answers to a questionnaire (', el('code', {}, 'POST /api/v1/assessments'), '). ',
          'Its scores, benchmark and recommendations then appear here.'),
        el('p', {}, 'The questionnaires: ', el('code', {}, 'GET /api/v1/questionnaires'), '; the model: docs/assessment-model.md.')));
      return;
    }
    const organisation = organisations.find((o) => o.id === params.get('organisation')) || organisations[0];
    const picker = el('form', { class: 'inline-form', 'aria-label': 'Organisation' },
      el('label', {}, 'Organisation', el('select', { name: 'organisation' },
        organisations.map((o) => el('option', { value: o.id, selected: o.id === organisation.id }, o.name)))),
      el('button', { type: 'submit' }, 'Show'));
    picker.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = new URLSearchParams(location.hash.split('?')[1] || '');
      query.set('organisation', new FormData(picker).get('organisation'));
      query.delete('industry'); query.delete('size'); query.delete('region');
      location.hash = `#/customer?${query}`;
    });
    view.append(picker);

    const { items: history } = await getAll(`organisations/${organisation.id}/assessments`, {});
    if (history.length === 0) {
      view.append(statePanel('empty', `${organisation.name} has no assessment yet`,
        el('p', {}, 'Submit one with a partner key (', el('code', {}, 'POST /api/v1/assessments'), ').')));
      return;
    }
    const latest = await get(`assessments/${history[0].id}`);
    const cohort = { industry: params.get('industry'), size: params.get('size'), region: params.get('region') };
    const benchmark = await get(`assessments/${latest.id}/benchmark`, cohort);

    view.append(el('p', { class: 'lead' }, `${organisation.name} (${organisation.industry}, ${organisation.sizeBand} people, `,
      `${organisation.region}): latest assessment ${formatDate(latest.assessedAt)}, questionnaire ${latest.questionnaireVersion}.`),
    tiles(['Customer-centricity index', formatNumber(latest.index), 'of 100'],
      ['Maturity level', `${latest.level.level} · ${latest.level.name}`],
      ['Assessments', String(history.length), history[0].indexChange === null ? 'first one' : `index ${history[0].indexChange > 0 ? '+' : ''}${history[0].indexChange} since the previous`]));

    const grid = el('div', { class: 'grid' });
    const dimensions = latest.dimensions;
    grid.append(chartPanel({
      id: 'radar',
      title: 'Dimension scores',
      description: 'Each dimension 0 to 100, from the latest assessment.',
      option: {
        tooltip: { trigger: 'item' },
        radar: { indicator: dimensions.map((d) => ({ name: d.name, max: 100 })), radius: window.innerWidth < 640 ? '48%' : '62%',
          axisName: { color: '#1b1f24', width: window.innerWidth < 640 ? 70 : 120, overflow: 'break' } },
        series: [{ name: organisation.name, type: 'radar', color: '#0072B2', areaStyle: { opacity: 0.2 },
          data: [{ name: organisation.name, value: dimensions.map((d) => d.score) }] }],
      },
      columns: [{ label: 'Dimension' }, { label: 'Score', num: true }, { label: 'Weight', num: true }],
      rows: dimensions.map((d) => [d.name, d.score, d.weight]),
    }));

    if (benchmark.status === 'shown') {
      grid.append(chartPanel({
        id: 'benchmark',
        title: 'Benchmark percentile per dimension',
        description: `Percentile rank 0 to 100, ${benchmark.message}. ${benchmark.note}`,
        option: {
          tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}th percentile` },
          grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
          xAxis: { type: 'value', max: 100 },
          yAxis: { type: 'category', data: [benchmark.overall, ...benchmark.dimensions].map((f) => f.name), inverse: true,
            axisLabel: { width: window.innerWidth < 640 ? 90 : 170, overflow: 'truncate' } },
          series: [{ name: 'Percentile rank', type: 'bar', color: '#009E73',
            data: [benchmark.overall, ...benchmark.dimensions].map((f) => f.percentileRank),
            markLine: { symbol: 'none', silent: true, data: [{ xAxis: 50, name: 'median', lineStyle: { color: '#000000', type: 'dashed' } }] } }],
        },
        columns: [{ label: 'Dimension' }, { label: 'Score', num: true }, { label: 'Percentile', num: true },
          { label: 'Lower quartile', num: true }, { label: 'Median', num: true }, { label: 'Upper quartile', num: true }],
        rows: [benchmark.overall, ...benchmark.dimensions].map((f) => [f.name, f.score, f.percentileRank, f.lowerQuartile, f.median, f.upperQuartile]),
      }));
    } else {
      const suggestion = benchmark.suggestedCohort;
      const query = new URLSearchParams(location.hash.split('?')[1] || '');
      if (suggestion) {
        for (const [name, value] of [['industry', suggestion.industry], ['size', suggestion.sizeBand], ['region', suggestion.region]]) {
          if (value) { query.set(name, value); } else { query.delete(name); }
        }
        query.set('organisation', organisation.id);
      }
      grid.append(statePanel('notice', 'No benchmark for this cohort',
        el('p', {}, `The cohort ${benchmark.cohort.description} holds fewer than the minimum of other organisations, `,
          'so no figures are shown: a small cohort\'s numbers could reveal another organisation\'s answers.'),
        suggestion ? el('p', {}, el('a', { href: `#/customer?${query}` }, `Compare with ${suggestion.description} instead`),
          ` (${suggestion.size} organisations).`) : el('p', {}, 'No broader cohort is large enough yet either.'),
        el('p', { class: 'muted' }, benchmark.note)));
    }

    const chronological = [...history].reverse();
    const dimensionIds = dimensions.map((d) => d.id);
    const names = Object.fromEntries(dimensions.map((d) => [d.id, d.name]));
    grid.append(chartPanel({
      id: 'history',
      wide: true,
      title: 'History',
      description: 'The index and each dimension at every assessment of this organisation.',
      option: {
        xAxis: { type: 'time' },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          { name: 'Index', type: 'line', color: '#000000', lineStyle: { width: 3 }, symbolSize: 8,
            data: chronological.map((h) => [h.assessedAt, h.index]) },
          ...dimensionIds.map((id, i) => ({
            name: names[id], type: 'line', color: PALETTE[i % 6], lineStyle: { type: i % 2 ? 'dashed' : 'solid' },
            data: chronological.map((h) => [h.assessedAt, h.dimensions.find((d) => d.id === id)?.score ?? null]),
          })),
        ],
      },
      columns: [{ label: 'Assessed' }, { label: 'Version' }, { label: 'Index', num: true }, { label: 'Level' },
        ...dimensionIds.map((id) => ({ label: names[id], num: true }))],
      rows: chronological.map((h) => [formatDate(h.assessedAt), h.questionnaireVersion, h.index, h.level.name,
        ...dimensionIds.map((id) => h.dimensions.find((d) => d.id === id)?.score ?? '–')]),
    }));
    view.append(grid);

    view.append(el('section', { class: 'panel', 'aria-labelledby': 'recommendations' },
      el('h2', { id: 'recommendations' }, 'Recommendations'),
      latest.recommendations.length === 0
        ? el('p', {}, 'None: every dimension is at its best level.')
        : el('ol', { class: 'recommendations', 'data-list': 'recommendations' }, latest.recommendations.map((r) =>
          el('li', {}, el('strong', {}, `${r.name} (score ${r.score})`),
            el('ul', {}, r.statements.map((s) => el('li', {}, s.nextStep || s.text))))))));
  },
};
