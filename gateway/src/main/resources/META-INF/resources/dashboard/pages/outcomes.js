// Flow against outcomes: a flow series and a business result on one time axis, how strongly they
// move together (Spearman's ρ and Pearson's r, each with its 95 % interval and n), and every flow
// series × lag ranked by |ρ|. Always with the caveat: correlation, not cause.
import { get } from '../api.js';
import { el, chartPanel, dataTable, statePanel, tiles, formatNumber, formatDate, TYPE_NAMES, PALETTE } from '../ui.js';

const FLOW_SERIES = [
  ['velocity', 'Velocity (items)'],
  ['flowTimeP50', 'Flow time, median (days)'],
  ['flowTimeP85', 'Flow time, 85th percentile (days)'],
  ['efficiency', 'Flow efficiency (%)'],
  ['loadMean', 'Flow load, mean (items)'],
  ...['feature', 'defect', 'risk', 'debt'].map((t) => [`distribution.${t}`, `Distribution: ${TYPE_NAMES[t]} share (%)`]),
];

/** The API's flow and flowType parameters for a series name (distribution.defect → distribution + defect). */
function flowParams(name) {
  const [flow, flowType] = name.split('.');
  return { flow, flowType };
}

function seriesKey(s) {
  return s.series ? `${s.category}/${s.series}` : s.category;
}

function coefficient(c) {
  return c === null || c === undefined ? '–' : formatNumber(c.value, 2);
}

function interval(c) {
  return c === null || c === undefined ? '–' : `${formatNumber(c.interval95.low, 2)} to ${formatNumber(c.interval95.high, 2)}`;
}

/** How to get result series: business results uploaded per stream, or an assessed organisation linked. */
function noResults(ctx) {
  const target = ctx.stream ? `/api/v1/value-streams/${ctx.stream.id}` : '/api/v1/portfolio';
  return statePanel('empty', `No business results for ${ctx.subjectName} yet`,
    el('p', {}, 'A correlation needs a result series beside the flow: a figure the business watches, measured over time.'),
    el('ol', {},
      ctx.stream
        ? el('li', {}, 'Upload results with a member key: ', el('code', {}, `POST ${target}/results/imports`),
          ' (a CSV with the header ', el('code', {}, 'category,date,value'), ', or a JSON array), or one point at a time with ',
          el('code', {}, `POST ${target}/results`), '. Categories: ', el('code', {}, 'value'), ', ', el('code', {}, 'cost'), ', ',
          el('code', {}, 'quality'), ', ', el('code', {}, 'happiness'), ' or your own (', el('code', {}, 'POST /api/v1/result-categories'), ').')
        : el('li', {}, 'Business results are kept per value stream: choose a value stream above to correlate them.'),
      el('li', {}, 'Or link an assessed organisation, whose customer-centricity index becomes a series: ',
        el('code', {}, `PUT ${target}/customer-centricity-link`), ' with ', el('code', {}, '{"organisationId": "..."}'), '.'),
      el('li', {}, 'Weekly points over a few months give the first coefficient (at least 6 pairs).')),
    el('p', {}, 'Details: ', el('a', { href: '/q/swagger-ui' }, 'Swagger UI'), ' and the API guide (docs/api-guide.md).'));
}

export default {
  id: 'outcomes',
  title: 'Flow against outcomes',
  context: ['subject', 'zone'],

  async render(view, ctx) {
    const params = ctx.settings.params;
    const { items: available } = await get(`${ctx.base}/result-series`, ctx.zoneParam);
    view.append(el('h1', {}, `Flow against outcomes · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, 'Does a flow metric move with a business result, and after how long? Each bucket\'s flow is paired with ',
        'the result some buckets (the lag) later, over the last two years of whole buckets.'));
    const usable = available.filter((s) => s.points > 0);
    if (usable.length === 0) {
      view.append(noResults(ctx));
      return;
    }
    const result = usable.find((s) => seriesKey(s) === params.get('result')) || usable[0];
    const flow = FLOW_SERIES.find(([name]) => name === params.get('flow'))?.[0] || 'velocity';
    const bucket = params.get('per') === 'month' ? 'month' : 'week';
    const lag = Math.min(6, Math.max(0, Number.parseInt(params.get('lag') || '0', 10) || 0));

    const hrefWith = (changes) => {
      const query = new URLSearchParams(location.hash.split('?')[1] || '');
      for (const [name, value] of Object.entries(changes)) {
        query.set(name, value);
      }
      return `#/outcomes?${query}`;
    };
    const picker = el('form', { class: 'inline-form', 'aria-label': 'What to correlate' },
      el('label', {}, 'Result series', el('select', { name: 'result' }, usable.map((s) =>
        el('option', { value: seriesKey(s), selected: s === result }, `${s.label}${s.unit ? ` (${s.unit})` : ''}, ${s.points} points`)))),
      el('label', {}, 'Flow series', el('select', { name: 'flow' }, FLOW_SERIES.map(([name, label]) =>
        el('option', { value: name, selected: name === flow }, label)))),
      el('label', {}, 'Buckets', el('select', { name: 'per' },
        el('option', { value: 'week', selected: bucket === 'week' }, 'Weeks'),
        el('option', { value: 'month', selected: bucket === 'month' }, 'Months'))),
      el('label', {}, 'Lag (buckets)', el('select', { name: 'lag' }, [0, 1, 2, 3, 4, 5, 6].map((n) =>
        el('option', { value: String(n), selected: n === lag }, String(n))))),
      el('button', { type: 'submit' }, 'Show'));
    picker.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = hrefWith(Object.fromEntries(new FormData(picker)));
    });
    view.append(picker);

    const which = { category: result.category, series: result.series, bucket, ...ctx.zoneParam };
    const [report, ranking] = await Promise.all([
      get(`${ctx.base}/correlation`, { ...which, ...flowParams(flow), lag }),
      get(`${ctx.base}/correlation-ranking`, which),
    ]);
    const zone = ctx.zone;
    const flowLabel = report.flow.label;
    const resultLabel = report.result.label + (report.result.unit ? ` (${report.result.unit})` : '');
    view.append(el('p', { class: 'lead' }, `${flowLabel} per ${bucket} against ${resultLabel} ${lag === 0 ? 'in the same' : `${lag} ${bucket}${lag > 1 ? 's' : ''} later, per`} `,
      `${bucket}, from ${formatDate(report.window.from, zone)} to before ${formatDate(report.window.to, zone)}`,
      report.flow.firstBucketWithWork ? ` (flow measured from ${report.flow.firstBucketWithWork}).` : '.'));

    view.append(tiles(
      ['Spearman\'s ρ', coefficient(report.spearman), report.spearman ? `95 % interval ${interval(report.spearman)}` : report.reason],
      ['Pearson\'s r', coefficient(report.pearson), report.pearson ? `95 % interval ${interval(report.pearson)}` : report.reason],
      ['Pairs (n)', String(report.n), report.carriedPairs ? `${report.carriedPairs} with a carried result` : 'every result measured'],
      ['Lag', `${lag} ${bucket}${lag === 1 ? '' : 's'}`, 'result after flow']));
    // The caveat, always: the API sends it with every answer.
    view.append(el('p', { class: 'caveat', role: 'note', 'data-caveat': '' }, el('strong', {}, `${report.caveat[0].toUpperCase()}${report.caveat.slice(1)}. `),
      'Two series that move together may both follow a third thing, or move together by chance; a wide interval, or one that ',
      'contains 0, means the data cannot tell this link from none.'));
    if (report.reason === 'too few points') {
      view.append(statePanel('notice', 'Too few points for a coefficient',
        el('p', {}, `Only ${report.n} pairs, and a coefficient needs at least ${report.minPairs}. `,
          'Add results for more buckets, widen the history by uploading older points, choose a shorter lag, or weekly buckets.')));
    } else if (report.reason) {
      view.append(statePanel('notice', 'No coefficient: a series does not vary',
        el('p', {}, 'The flow or the result has the same value in every pair, so nothing can move with it. Choose another series.')));
    } else if (report.spearman.intervalIncludesZero) {
      view.append(statePanel('notice', 'This could be chance',
        el('p', {}, `Spearman's interval (${interval(report.spearman)}) contains 0: these ${report.n} pairs cannot tell this link from none.`)));
    }

    const grid = el('div', { class: 'grid' });
    const pairs = report.pairs;
    grid.append(chartPanel({
      id: 'pairs',
      wide: true,
      title: `${flowLabel} and ${report.result.label}`,
      description: `The pairs on one time axis: each result is drawn at the flow bucket it is paired with${lag ? ` (measured ${lag} ${bucket}${lag > 1 ? 's' : ''} later)` : ''}; `
        + 'a hollow dot is a result carried forward from an earlier bucket.',
      option: {
        xAxis: { type: 'time' },
        yAxis: [{ type: 'value', name: report.flow.unit, scale: true }, { type: 'value', name: report.result.unit || report.result.label, scale: true, splitLine: { show: false } }],
        series: [
          { name: flowLabel, type: 'line', color: PALETTE[0], symbol: 'circle', symbolSize: 7,
            data: pairs.map((p) => [p.flowBucket, p.flow]) },
          { name: report.result.label, type: 'line', yAxisIndex: 1, color: PALETTE[1], symbol: 'diamond', symbolSize: 9,
            lineStyle: { type: 'dashed' },
            data: pairs.map((p) => ({ value: [p.flowBucket, p.result], symbol: p.resultCarried ? 'emptyDiamond' : 'diamond' })) },
        ],
      },
      columns: [{ label: 'Flow bucket' }, { label: flowLabel, num: true }, { label: 'Result bucket' },
        { label: resultLabel, num: true }, { label: 'Result carried' }],
      rows: pairs.map((p) => [p.flowLabel, p.flow, p.resultLabel, formatNumber(p.result, 4), p.resultCarried ? 'yes' : 'no']),
    }));
    grid.append(chartPanel({
      id: 'scatter',
      title: 'Each pair as a dot',
      description: 'Flow across, the result up: a rising cloud is a positive link, a falling one a negative link, a shapeless one none.',
      option: {
        tooltipTrigger: 'item',
        tooltip: { trigger: 'item', formatter: (p) => `${p.data.label}: ${p.data.value[0]} → ${p.data.value[1]}` },
        xAxis: { type: 'value', name: report.flow.unit, nameLocation: 'middle', nameGap: 28, scale: true },
        yAxis: { type: 'value', name: report.result.unit || report.result.label, scale: true },
        series: [{ name: 'Pairs', type: 'scatter', color: PALETTE[0], symbolSize: 9,
          data: pairs.map((p) => ({ value: [p.flow, p.result], label: p.flowLabel })) }],
      },
      columns: [{ label: 'Flow bucket' }, { label: flowLabel, num: true }, { label: resultLabel, num: true }],
      rows: pairs.map((p) => [p.flowLabel, p.flow, formatNumber(p.result, 4)]),
    }));
    view.append(grid);

    view.append(el('section', { class: 'panel', 'aria-labelledby': 'ranking-title' },
      el('h2', { id: 'ranking-title' }, 'Which flow series moves with it, and after how long'),
      el('p', { class: 'desc' }, `Every flow series at lags 0 to 6, strongest |ρ| first; ${ranking.intervalExcludesZero} of `,
        `${ranking.tested} have an interval that excludes 0. ${ranking.note}`),
      dataTable(`Every flow series and lag against ${report.result.label}`,
        [{ label: 'Rank', num: true }, { label: 'Flow series' }, { label: 'Lag', num: true }, { label: 'n', num: true },
          { label: 'ρ', num: true }, { label: 'ρ interval (95 %)' }, { label: 'r', num: true }, { label: 'Reading' }],
        ranking.correlations.map((c) => [c.rank,
          el('a', { href: hrefWith({ flow: c.flow.name, lag: String(c.lag) }) }, c.flow.label), c.lag, c.n,
          coefficient(c.spearman), interval(c.spearman), coefficient(c.pearson),
          c.reason ? c.reason : (c.couldBeChance ? 'could be chance' : 'interval excludes 0')]),
        'ranking')));
  },
};
