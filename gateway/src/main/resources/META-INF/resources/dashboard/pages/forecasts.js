// Forecasts: Monte Carlo over recent daily throughput. How many items by a date, and when N items.
import { get } from '../api.js';
import { el, chartPanel, noData, statePanel } from '../ui.js';

function addDays(date, days) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export default {
  id: 'forecasts',
  title: 'Forecasts',
  context: ['subject', 'zone'],

  async render(view, ctx) {
    const params = ctx.settings.params;
    const today = new Date().toLocaleDateString('en-CA', { timeZone: ctx.zone });
    const until = params.get('until') || addDays(today, 30);
    const items = params.get('items') || '20';
    const [howMany, when] = await Promise.all([
      get(`${ctx.base}/forecast/how-many`, { ...ctx.zoneParam, until }),
      get(`${ctx.base}/forecast/when`, { ...ctx.zoneParam, items }),
    ]);
    const history = howMany.history;
    // The throughput the simulations drew from: completions per day of the history days.
    const throughput = await get(`${ctx.base}/flow`, { ...ctx.zoneParam, from: history.from, to: addDays(history.to, 1), bucket: 'day' });

    const form = el('form', { class: 'inline-form', 'aria-label': 'Forecast questions' },
      el('label', {}, 'How many items by', el('input', { type: 'date', name: 'until', value: until, required: true })),
      el('label', {}, 'When will this many be done', el('input', { type: 'number', name: 'items', min: '1', value: items, required: true })),
      el('button', { type: 'submit' }, 'Forecast'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const query = new URLSearchParams(location.hash.split('?')[1] || '');
      query.set('until', data.get('until'));
      query.set('items', data.get('items'));
      location.hash = `#/forecasts?${query}`;
    });
    view.append(el('h1', {}, `Forecasts · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, `${howMany.trials.toLocaleString('en-GB')} simulated futures, each day drawing the completions of one of the `,
        `${history.days} history days (${history.from} to ${history.to}, ${history.completions} completions). `,
        'A higher confidence means a more cautious answer.'),
      form);
    if (history.completions === 0) {
      view.append(statePanel('empty', 'Nothing to forecast from',
        el('p', {}, `No item was completed in the ${history.days} history days, so every simulated future finishes nothing.`)),
      noData('completed work to forecast from'));
      return;
    }
    const levels = howMany.results.map((r) => `${r.confidencePercent} %`);
    const grid = el('div', { class: 'grid' });
    grid.append(chartPanel({
      id: 'how-many',
      title: `How many items by ${howMany.until}`,
      description: 'At least this many are done in that share (the confidence) of the simulated futures.',
      option: {
        xAxis: { type: 'category', data: levels },
        yAxis: { type: 'value', name: 'items', minInterval: 1 },
        series: [{ name: 'Items', type: 'bar', data: howMany.results.map((r) => r.items), color: '#0072B2',
          label: { show: true, position: 'top' } }],
      },
      columns: [{ label: 'Confidence' }, { label: 'At least (items)', num: true }],
      rows: howMany.results.map((r) => [`${r.confidencePercent} %`, r.items]),
    }));
    grid.append(chartPanel({
      id: 'when',
      title: `When ${when.items} items are done`,
      description: 'Done by this date in that share (the confidence) of the simulated futures; none shown: not within 10 years.',
      option: {
        // A date per confidence level on a time axis from the first forecast day: later means more cautious.
        grid: { left: 8, right: 96, top: 40, bottom: 24, containLabel: true },
        tooltip: { trigger: 'item', formatter: (p) => `${p.value[1]}: ${p.value[0]}` },
        xAxis: { type: 'time', min: when.start },
        yAxis: { type: 'category', data: when.results.map((r) => `${r.confidencePercent} %`) },
        series: [{ name: 'Done by', type: 'scatter', symbolSize: 14, symbol: 'diamond', color: '#009E73',
          data: when.results.map((r) => [r.date, `${r.confidencePercent} %`]),
          label: { show: true, position: 'right', formatter: (p) => p.value[0] } }],
      },
      columns: [{ label: 'Confidence' }, { label: 'Done by' }],
      rows: when.results.map((r) => [`${r.confidencePercent} %`, r.date || 'not within 10 years']),
    }));
    const days = throughput.series.points;
    grid.append(chartPanel({
      id: 'throughput',
      wide: true,
      title: 'Throughput history',
      description: `Items completed per day from ${history.from} to ${history.to}: what the simulations drew from.`,
      option: {
        xAxis: { type: 'category', data: days.map((d) => d.label) },
        yAxis: { type: 'value', name: 'items', minInterval: 1 },
        series: [{ name: 'Completed', type: 'bar', data: days.map((d) => d.velocity), color: '#0072B2' }],
      },
      columns: [{ label: 'Day' }, { label: 'Completed', num: true }],
      rows: days.map((d) => [d.label, d.velocity]),
    }));
    view.append(grid);
  },
};
