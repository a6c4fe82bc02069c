// Cumulative flow: for each day of the window, how many items were in each flow state at its end.
import { get } from '../api.js';
import { el, chartPanel, noData, STATE_COLOURS } from '../ui.js';

// Bottom to top, as a cumulative flow diagram stacks them: finished work at the bottom.
const BANDS = [['done', 'Done'], ['canceled', 'Canceled'], ['active', 'Active'], ['waiting', 'Waiting'], ['new', 'New']];

export default {
  id: 'cfd',
  title: 'Cumulative flow',
  context: ['subject', 'window', 'zone'],

  async render(view, ctx) {
    const report = await get(`${ctx.base}/cfd`, ctx.window);
    view.append(el('h1', {}, `Cumulative flow · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, `Items in each flow state at the end of each day, in ${report.window.timeZone}. `,
        'Bands that widen show work piling up; a flat done band, nothing finishing.'));
    const days = report.days;
    if (days.every((d) => BANDS.every(([key]) => d[key] === 0))) {
      view.append(noData('items in this window'));
      return;
    }
    view.append(el('div', { class: 'grid' }, chartPanel({
      id: 'cfd',
      wide: true,
      title: 'Cumulative flow diagram',
      description: `${days.length} days, stacked by flow state.`,
      option: {
        xAxis: { type: 'category', boundaryGap: false, data: days.map((d) => d.day) },
        yAxis: { type: 'value', name: 'items', minInterval: 1 },
        series: BANDS.map(([key, name]) => ({
          name, type: 'line', stack: 'cfd', areaStyle: { opacity: 0.85 }, symbol: 'none', color: STATE_COLOURS[key],
          lineStyle: { width: 1 }, data: days.map((d) => d[key]),
        })),
      },
      columns: [{ label: 'Day' }, ...BANDS.map(([, name]) => ({ label: name, num: true }))],
      rows: days.map((d) => [d.day, ...BANDS.map(([key]) => d[key])]),
    })));
  },
};
