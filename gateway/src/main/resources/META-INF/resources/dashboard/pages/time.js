// Where the time goes: the time items spent in each tracker status between their work start and
// their completion (items completed in the window) or the window's end (the load at its end), the
// waiting statuses (queues) ranked by total time, and the same per flow type.
import { get } from '../api.js';
import { el, chartPanel, tiles, noData, statePanel, formatNumber, formatDateTime, FLOW_TYPES, TYPE_NAMES, STATE_COLOURS, PALETTE } from '../ui.js';

const STATES = ['new', 'active', 'waiting'];
const STATE_NAMES = { new: 'New', active: 'Active', waiting: 'Waiting' };

/**
 * A name per status entry: the tracker's status, or its flow state when the events did not say;
 * a status held in two flow states (two connections mapping it differently) is named with each.
 */
function namer(statuses) {
  const count = {};
  for (const s of statuses) {
    const name = s.status ?? `(${s.flowState}, status unknown)`;
    count[name] = (count[name] || 0) + 1;
  }
  return (s) => {
    const name = s.status ?? `(${s.flowState}, status unknown)`;
    return count[name] > 1 ? `${name} · ${s.flowState}` : name;
  };
}

/** The charts of one set of items (completed in the window, or the load at its end). */
function section(set, key, heading, explanation) {
  const out = [el('h2', { class: 'section' }, heading), el('p', { class: 'lead' }, explanation)];
  if (set.items === 0) {
    out.push(statePanel('empty', `No items ${key === 'completed' ? 'completed in this window' : 'in progress at its end'}`,
      el('p', {}, key === 'completed'
        ? 'Widen the window above, or choose another value stream.'
        : 'Nothing was active or waiting at the end of the window.')));
    return out;
  }
  const name = namer(set.statuses);
  out.push(tiles(
    ['Items', formatNumber(set.items, 0), set.itemsLeftOut ? `${set.itemsLeftOut} completed without a start left out` : 'with a work start'],
    ['Summed flow time', `${formatNumber(set.flowTimeDays)} d`, 'over every status'],
    ['Waiting', `${formatNumber(set.statuses.filter((s) => s.flowState === 'waiting').reduce((n, s) => n + s.sharePercent, 0))} %`,
      'of that time in waiting statuses'],
    ['Top queue', set.waitingRanked[0] ? name(set.waitingRanked[0]) : 'none',
      set.waitingRanked[0] ? `${formatNumber(set.waitingRanked[0].totalDays)} d in total` : 'no waiting status held']));
  if (set.itemsWithoutStatuses > 0) {
    out.push(statePanel('notice', 'Some items came without tracker statuses',
      el('p', {}, `${set.itemsWithoutStatuses} items were sent by an older connector that did not name statuses: their time shows `,
        'under its flow state, marked "status unknown". They get statuses with their next change.')));
  }
  const grid = el('div', { class: 'grid' });
  const waiting = set.waitingRanked;
  grid.append(waiting.length === 0
    ? statePanel('notice', 'No waiting status held',
      el('p', {}, 'None of these items waited in a status the tracker\'s mapping calls waiting (Blocked, In Review, ...). ',
        'If work does wait, map those statuses to waiting in the connection\'s status mapping.'))
    : chartPanel({
      id: `waiting-${key}`,
      title: 'Waiting statuses, ranked',
      description: 'The queues where work waited most: total days in each waiting status, largest first.',
      option: {
        grid: { left: 8, right: 24, top: 32, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 'days', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'category', data: waiting.map(name), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
        series: [{ name: 'Total days', type: 'bar', color: STATE_COLOURS.waiting, data: waiting.map((s) => s.totalDays) }],
      },
      columns: [{ label: 'Rank', num: true }, { label: 'Status' }, { label: 'Total (days)', num: true },
        { label: 'Mean per item (days)', num: true }, { label: 'Items', num: true }, { label: 'Share of flow time (%)', num: true }],
      rows: waiting.map((s) => [s.rank, name(s), s.totalDays, s.meanDays, s.items, s.sharePercent]),
    }));

  const statuses = set.statuses;
  const labels = statuses.map(name);
  const states = STATES.filter((state) => statuses.some((s) => s.flowState === state));
  grid.append(chartPanel({
    id: `statuses-${key}`,
    title: 'Time in each status',
    description: 'Total days in every status held, coloured by the flow state it means; the table gives each one\'s share of the flow time.',
    option: {
      grid: { left: 8, right: 24, top: 56, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'days', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      // One series per flow state (its colour and legend entry), each holding only its statuses.
      series: states.map((state) => ({
        name: STATE_NAMES[state], type: 'bar', stack: 'status', color: STATE_COLOURS[state],
        data: statuses.map((s, i) => [s.totalDays, labels[i], s.flowState]).filter((d) => d[2] === state).map((d) => [d[0], d[1]]),
      })),
    },
    columns: [{ label: 'Rank', num: true }, { label: 'Status' }, { label: 'Flow state' }, { label: 'Total (days)', num: true },
      { label: 'Mean per item (days)', num: true }, { label: 'Items', num: true }, { label: 'Share of flow time (%)', num: true }],
    rows: statuses.map((s, i) => [s.rank, labels[i], STATE_NAMES[s.flowState] || s.flowState, s.totalDays, s.meanDays, s.items, s.sharePercent]),
  }));

  // Per flow type: the types that have items, each bar split by status (the same colour per status).
  const types = set.byType.filter((t) => t.items > 0).sort((a, b) => FLOW_TYPES.indexOf(a.flowType) - FLOW_TYPES.indexOf(b.flowType));
  const days = (type, label) => type.statuses.find((s) => name(s) === label)?.totalDays ?? 0;
  grid.append(chartPanel({
    id: `by-type-${key}`,
    wide: true,
    title: 'Per flow type',
    description: 'Total days per status within each flow type, stacked: where features, defects, risks and debt each spend their time.',
    option: {
      xAxis: { type: 'category', data: types.map((t) => TYPE_NAMES[t.flowType] || t.flowType) },
      yAxis: { type: 'value', name: 'days' },
      series: labels.map((label, i) => ({
        name: label, type: 'bar', stack: 'type', color: PALETTE[i % PALETTE.length],
        data: types.map((t) => days(t, label)),
      })),
    },
    columns: [{ label: 'Flow type' }, { label: 'Items', num: true }, { label: 'Flow time (days)', num: true },
      ...labels.map((label, i) => ({ label: `${label}, ${(STATE_NAMES[statuses[i].flowState] || statuses[i].flowState).toLowerCase()} (days)`, num: true })), { label: 'Top queue' }],
    rows: types.map((t) => [TYPE_NAMES[t.flowType] || t.flowType, t.items, t.flowTimeDays, ...labels.map((label) => days(t, label)),
      t.waitingRanked[0] ? `${name(t.waitingRanked[0])} (${t.waitingRanked[0].sharePercent} %)` : '–']),
  }));
  out.push(grid);
  return out;
}

export default {
  id: 'time',
  title: 'Where the time goes',
  context: ['subject', 'window', 'zone'],

  async render(view, ctx) {
    const { settings } = ctx;
    const report = await get(`${ctx.base}/time-in-status`, ctx.window);
    const zone = report.timeZone;
    view.append(el('h1', {}, `Where the time goes · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, `The time items spent in each of the tracker's statuses from their work start, `,
        `for the window ${settings.from} to before ${settings.to} (days counted in ${zone}). `,
        'Waiting statuses are queues: time there is flow time with no one working on the item, the first place to look for a faster flow.'));
    if (report.completed.items === 0 && report.load.items === 0) {
      view.append(noData('started work in this window'));
      return;
    }
    view.append(...section(report.completed, 'completed', 'Items completed in the window',
      'Each item\'s time from its work start to its completion; the statuses of an item add up to its flow time.'),
    ...section(report.load, 'load', `The load at ${formatDateTime(report.to, zone)}`,
      'The items still active or waiting at the end of the window, their time from work start up to then: where work waits now.'));
  },
};
