// Flow summary: the five flow metrics over a window, over time and per flow type.
import { get, getAll } from '../api.js';
import { el, chartPanel, roomFor, tiles, noData, formatNumber, formatDate, FLOW_TYPES, TYPE_COLOURS, TYPE_NAMES, STATE_COLOURS } from '../ui.js';

export default {
  id: 'flow',
  title: 'Flow summary',
  context: ['subject', 'window', 'zone', 'bucket'],

  async render(view, ctx) {
    const { settings } = ctx;
    const [report, completed] = await Promise.all([
      get(`${ctx.base}/flow`, { ...ctx.window, bucket: settings.bucket }),
      getAll(`${ctx.base}/flow/items`, ctx.window),
    ]);
    const zone = report.window.timeZone;
    view.append(el('h1', {}, `Flow summary · ${ctx.subjectName}`),
      el('p', { class: 'lead' }, `Items completed from ${settings.from} to before ${settings.to}, days counted in ${zone}. `,
        'Flow time runs from an item\'s work start to its completion; efficiency is active time over flow time; ',
        'load is the number of items in progress at each day\'s end.'));
    const total = report.total;
    if (total.velocity === 0 && (total.load.max ?? 0) === 0) {
      view.append(noData('completed or started work in this window'));
      return;
    }
    view.append(tiles(
      ['Velocity', formatNumber(total.velocity, 0), 'items completed'],
      ['Flow time, 85th percentile', total.flowTime.p85Days === null ? '–' : `${formatNumber(total.flowTime.p85Days)} d`,
        `median ${formatNumber(total.flowTime.p50Days)} d`],
      ['Flow efficiency', total.efficiencyPercent === null ? '–' : `${formatNumber(total.efficiencyPercent)} %`, 'active ÷ flow time'],
      ['Flow load', formatNumber(total.load.mean), `mean; ${total.load.atEnd ?? '–'} at the end`]));

    const points = report.series.points;
    const labels = points.map((p) => p.label);
    // A bucket the window covers only in part says so in the tables.
    const rowLabels = points.map((p) => p.label + (p.partial ? ' (part)' : ''));
    // Velocity per type per bucket: each completed item falls in the bucket whose [start, end) holds it.
    const perType = Object.fromEntries(FLOW_TYPES.map((t) => [t, points.map(() => 0)]));
    for (const item of completed.items) {
      const at = Date.parse(item.completedAt);
      const i = points.findIndex((p) => Date.parse(p.start) <= at && at < Date.parse(p.end));
      if (i >= 0 && perType[item.flowType]) {
        perType[item.flowType][i]++;
      }
    }
    const grid = el('div', { class: 'grid' });
    grid.append(chartPanel({
      id: 'velocity',
      title: 'Velocity per flow type',
      description: `Items completed per ${report.series.bucket}, stacked by flow type.`,
      option: {
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: 'items', minInterval: 1 },
        series: FLOW_TYPES.map((t) => ({ name: TYPE_NAMES[t], type: 'bar', stack: 'velocity', data: perType[t], color: TYPE_COLOURS[t] })),
      },
      columns: [{ label: 'Bucket' }, ...FLOW_TYPES.map((t) => ({ label: TYPE_NAMES[t], num: true })), { label: 'Total', num: true }],
      rows: points.map((p, i) => [rowLabels[i], ...FLOW_TYPES.map((t) => perType[t][i]), p.velocity]),
    }));

    const flowTime = total.flowTime;
    const percentileLines = [['p50', flowTime.p50Days, '#000000', 'solid'], ['p85', flowTime.p85Days, '#D55E00', 'dashed'],
      ['p95', flowTime.p95Days, '#CC79A7', 'dotted']].filter(([, v]) => v !== null);
    const scattered = completed.items.filter((i) => i.flowTimeDays !== null);
    grid.append(chartPanel({
      id: 'flow-time',
      title: 'Flow time of completed items',
      description: 'Each dot an item, by completion date; lines at the 50th, 85th and 95th percentiles'
        + (completed.truncated ? ' (the first 5,000 items).' : '.'),
      option: {
        tooltipTrigger: 'item',
        tooltip: { trigger: 'item', formatter: (p) => `${p.data.key}: ${p.data.value[1]} d` },
        xAxis: { type: 'time', min: report.window.from, max: report.window.to },
        // Room for the highest percentile line even when every dot lies below it.
        yAxis: { type: 'value', name: 'days', max: roomFor(scattered.map((i) => i.flowTimeDays), flowTime.p95Days) },
        series: [
          ...FLOW_TYPES.map((t) => ({
            name: TYPE_NAMES[t], type: 'scatter', symbolSize: 7, color: TYPE_COLOURS[t],
            symbol: { feature: 'circle', defect: 'triangle', risk: 'diamond', debt: 'rect' }[t],
            data: scattered.filter((i) => i.flowType === t).map((i) => ({ value: [i.completedAt, i.flowTimeDays], key: i.key })),
          })),
          {
            name: 'Percentiles', type: 'line', data: [], color: '#000000',
            markLine: {
              symbol: 'none', silent: true,
              data: percentileLines.map(([name, value, colour, kind]) => ({
                name, yAxis: value, label: { formatter: `${name} ${value} d`, position: 'insideEndTop' },
                lineStyle: { color: colour, type: kind, width: 2 },
              })),
            },
          },
        ],
      },
      columns: [{ label: 'Item' }, { label: 'Type' }, { label: 'Completed' }, { label: 'Flow time (days)', num: true }],
      rows: scattered.map((i) => [i.key || i.itemId, TYPE_NAMES[i.flowType] || i.flowType, formatDate(i.completedAt, zone), i.flowTimeDays]),
    }));

    grid.append(chartPanel({
      id: 'efficiency',
      title: 'Flow efficiency',
      description: `Active time as a share of flow time, per ${report.series.bucket}.`,
      option: {
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: '%', max: 100 },
        series: [{ name: 'Efficiency', type: 'line', data: points.map((p) => p.efficiencyPercent), connectNulls: false, color: '#009E73' }],
      },
      columns: [{ label: 'Bucket' }, { label: 'Efficiency (%)', num: true }],
      rows: points.map((p, i) => [rowLabels[i], p.efficiencyPercent ?? '–']),
    }));

    grid.append(chartPanel({
      id: 'load',
      title: 'Flow load',
      description: 'Items in progress at the day ends of each bucket: the mean and the maximum.',
      option: {
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: 'items', minInterval: 1 },
        series: [
          { name: 'Mean', type: 'line', data: points.map((p) => p.load.mean), color: STATE_COLOURS.active },
          { name: 'Maximum', type: 'line', data: points.map((p) => p.load.max), color: '#E69F00', lineStyle: { type: 'dashed' } },
        ],
      },
      columns: [{ label: 'Bucket' }, { label: 'Mean', num: true }, { label: 'Maximum', num: true }, { label: 'At the end', num: true }],
      rows: points.map((p, i) => [rowLabels[i], p.load.mean ?? '–', p.load.max ?? '–', p.load.atEnd ?? '–']),
    }));

    const distribution = report.distribution;
    grid.append(chartPanel({
      id: 'distribution',
      title: 'Flow distribution',
      description: 'Share of each flow type among the items completed in the window and among the load at its end.',
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} %` },
        xAxis: { type: 'category', data: ['Completed', 'Load at the end'] },
        yAxis: { type: 'value', name: '%', max: 100 },
        series: FLOW_TYPES.map((t) => ({
          name: TYPE_NAMES[t], type: 'bar', stack: 'share', color: TYPE_COLOURS[t],
          data: [distribution.completedPercent[t] ?? 0, distribution.loadPercent[t] ?? 0],
        })),
      },
      columns: [{ label: 'Flow type' }, { label: 'Completed (%)', num: true }, { label: 'Load (%)', num: true },
        { label: 'Velocity', num: true }, { label: 'Flow time p85 (days)', num: true }],
      rows: FLOW_TYPES.map((t) => [TYPE_NAMES[t], distribution.completedPercent[t] ?? 0, distribution.loadPercent[t] ?? 0,
        report.byType[t]?.velocity ?? 0, report.byType[t]?.flowTime?.p85Days ?? '–']),
    }));
    view.append(grid);
  },
};
