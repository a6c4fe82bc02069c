// Work item age: what is in progress now, how long since it started, against how long work usually takes.
import { getAll } from '../api.js';
import { el, chartPanel, roomFor, dataTable, noData, statePanel, formatNumber, formatDate, TYPE_NAMES, STATE_COLOURS } from '../ui.js';

const STATES = ['active', 'waiting'];

export default {
  id: 'aging',
  title: 'Work item age',
  context: ['subject', 'zone'],

  async render(view, ctx) {
    const { first, items, truncated } = await getAll(`${ctx.base}/aging`, ctx.zoneParam);
    const recent = first.recentFlowTime;
    view.append(el('h1', {}, `Work item age · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, `${first.inProgress} items in progress at ${formatDate(first.at, ctx.zone)}, oldest first. `,
        'The lines are the flow-time percentiles of items completed from ',
        `${formatDate(first.recentWindow.from, ctx.zone)} to ${formatDate(first.recentWindow.to, ctx.zone)}: `,
        'an item older than the 85th percentile is taking longer than 85 % of recent work did.'));
    if (items.length === 0) {
      view.append(noData('work in progress'));
      return;
    }
    if (recent.p85Days === null) {
      view.append(statePanel('notice', 'No percentile lines',
        el('p', {}, 'No item was completed in the recent window, so there is nothing to compare the ages with.')));
    }
    const states = [...new Set([...STATES, ...items.map((i) => i.state)])];
    const lines = [['p50', recent.p50Days, '#000000', 'solid'], ['p85', recent.p85Days, '#D55E00', 'dashed'],
      ['p95', recent.p95Days, '#CC79A7', 'dotted']].filter(([, v]) => v !== null);
    view.append(el('div', { class: 'grid' }, chartPanel({
      id: 'aging',
      wide: true,
      title: 'Age of the items in progress, by state',
      description: 'Each dot an item; lines at the recent flow-time percentiles.'
        + (truncated ? ' Only the 5,000 oldest items are shown.' : ''),
      option: {
        tooltip: { trigger: 'item', formatter: (p) => `${p.data.key} (${p.data.state}): ${p.data.value[1]} d` },
        xAxis: { type: 'category', data: states.map((s) => s[0].toUpperCase() + s.slice(1)) },
        // Room for the highest percentile line even when every item is younger.
        yAxis: { type: 'value', name: 'age (days)', max: roomFor(items.map((i) => i.ageDays), recent.p95Days) },
        series: [
          ...states.map((state, column) => ({
            name: state[0].toUpperCase() + state.slice(1), type: 'scatter', symbolSize: 9, color: STATE_COLOURS[state] || '#000000',
            symbol: state === 'waiting' ? 'triangle' : 'circle',
            // Spread a column's dots a little, so equal ages stay visible.
            data: items.filter((i) => i.state === state)
              .map((i, k) => ({ value: [column + ((k % 7) - 3) * 0.04, i.ageDays], key: i.key, state })),
          })),
          {
            name: 'Percentiles', type: 'line', data: [], color: '#000000',
            markLine: {
              symbol: 'none', silent: true,
              data: lines.map(([name, value, colour, kind]) => ({
                name, yAxis: value, label: { formatter: `${name} ${value} d`, position: 'insideEndTop' },
                lineStyle: { color: colour, type: kind, width: 2 },
              })),
            },
          },
        ],
      },
      columns: [{ label: 'State' }, { label: 'Items', num: true }, { label: 'Beyond p85', num: true }, { label: 'Oldest (days)', num: true }],
      rows: states.map((s) => {
        const inState = items.filter((i) => i.state === s);
        return [s, inState.length, inState.filter((i) => i.beyondP85).length, inState.length ? Math.max(...inState.map((i) => i.ageDays)) : '–'];
      }),
    })),
    el('section', { class: 'panel', 'aria-labelledby': 'aging-list' },
      el('h2', { id: 'aging-list' }, 'Items in progress, oldest first'),
      dataTable('Items in progress, oldest first',
        [{ label: 'Item' }, { label: 'Title' }, { label: 'Type' }, { label: 'State' }, { label: 'Started' },
          { label: 'Age (days)', num: true }, { label: 'Beyond p85' }],
        items.map((i) => [
          el('a', { href: ctx.hrefFor('item', '/' + encodeURIComponent(i.itemId)) }, i.key || i.itemId),
          i.title || '', TYPE_NAMES[i.flowType] || i.flowType, i.state, formatDate(i.workStartedAt, ctx.zone),
          formatNumber(i.ageDays, 1), i.beyondP85 ? 'yes' : 'no']), 'aging-items')));
  },
};
