// Building blocks every page uses: states (loading, empty, error), charts with their table view,
// figure tiles, formats. Pages describe what to show; this module decides how it looks.
/* global echarts */

import { ApiError } from './api.js';

/**
 * Okabe & Ito's palette: told apart with every common colour vision deficiency. Flow types and
 * flow states keep one colour each on every page.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
export const TYPE_COLOURS = { feature: '#0072B2', defect: '#D55E00', risk: '#CC79A7', debt: '#009E73' };
export const TYPE_NAMES = { feature: 'Feature', defect: 'Defect', risk: 'Risk', debt: 'Debt' };
export const FLOW_TYPES = ['feature', 'defect', 'risk', 'debt'];
export const STATE_COLOURS = { new: '#56B4E9', active: '#0072B2', waiting: '#E69F00', done: '#009E73', canceled: '#CC79A7' };

/** Creates an element: el('p', {class: 'x'}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

export function loading(target, what) {
  target.replaceChildren(el('p', { class: 'loading', role: 'status' }, `Loading ${what}…`));
  target.setAttribute('aria-busy', 'true');
}

export function done(target) {
  target.removeAttribute('aria-busy');
}

/** A state panel: what happened and what to do about it. */
export function statePanel(kind, title, ...body) {
  return el('section', { class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-state': kind },
    el('h2', {}, title), ...body);
}

/** No data yet: how a tenant gets some. */
export function noData(what) {
  return statePanel('empty', `No ${what} yet`,
    el('p', {}, 'Flowlens shows what your trackers tell it. To see figures here:'),
    el('ol', {},
      el('li', {}, 'Connect a tracker: ', el('code', {}, 'POST /api/v1/connections'),
        ' (Jira, GitHub, GitLab, Azure DevOps, Linear or a generic export) with a member or admin key, then register its webhook or send a backfill.'),
      el('li', {}, 'Define a value stream over its projects: ', el('code', {}, 'POST /api/v1/value-streams'), '.'),
      el('li', {}, 'Widen the window above if the work happened earlier.')),
    el('p', {}, 'Step by step, with examples: ', el('a', { href: '/q/swagger-ui' }, 'Swagger UI'),
      ' and the API guide (docs/api-guide.md in the repository).'));
}

/** The state for a failed call, saying what to do. 401 is handled by the caller (the key panel). */
export function errorPanel(error) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    return statePanel('error', 'Something went wrong in this page', el('p', {}, String(error.message || error)),
      el('p', {}, 'Reload the page; if it persists, report it with the browser console\'s output.'));
  }
  const detail = error.problem?.detail || error.problem?.title || '';
  switch (error.status) {
    case 403:
      return statePanel('error', 'This key may not read this',
        el('p', {}, `The gateway refused the call (403): ${detail}.`),
        el('p', {}, 'Use a key with the reader role (or higher) of this tenant.'));
    case 404:
      return statePanel('error', 'Not found',
        el('p', {}, `Nothing at ${error.path} for this tenant (404): ${detail}.`),
        el('p', {}, 'Choose another subject above; it may have been deleted.'));
    case 400:
      return statePanel('error', 'The API refused these settings',
        el('p', {}, `${detail} (400).`), el('p', {}, 'Correct the window, time zone or inputs above.'));
    case 429:
      return statePanel('error', 'Too many calls',
        el('p', {}, `The tenant's rate limit is reached (429). Try again in ${error.retryAfter || 'a few'} seconds.`));
    case 0:
      return statePanel('error', 'The gateway cannot be reached',
        el('p', {}, `${detail}. Check that Flowlens is running (deploy/local/start.sh) and reload.`));
    default:
      return statePanel('error', `Flowlens could not answer (${error.status})`,
        el('p', {}, detail || 'A service failed.'),
        el('p', {}, 'Try again in a moment; the gateway\'s readiness (management port, /q/health/ready) names the service that is down.'));
  }
}

export function tiles(...items) {
  return el('div', { class: 'tiles' }, items.map(([label, value, note]) =>
    el('div', { class: 'tile' }, el('div', { class: 'label' }, label),
      el('div', { class: 'value' }, value ?? '–'), note ? el('div', { class: 'note' }, note) : null)));
}

export function formatNumber(value, decimals = 1) {
  if (value === null || value === undefined) {
    return '–';
  }
  return Number(value).toLocaleString('en-GB', { maximumFractionDigits: decimals });
}

export function formatDate(instant, zone) {
  if (!instant) {
    return '–';
  }
  return new Date(instant).toLocaleDateString('en-CA', { timeZone: zone || undefined });
}

export function formatDateTime(instant, zone) {
  if (!instant) {
    return '–';
  }
  return new Date(instant).toLocaleString('en-GB', { timeZone: zone || undefined, dateStyle: 'medium', timeStyle: 'short' });
}

let panelCount = 0;
const charts = new Set();

/** Drops the charts of the page being left (their resize listeners too). */
export function disposeCharts() {
  for (const chart of charts) {
    chart.dispose();
  }
  charts.clear();
}

window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

/**
 * A chart and the table of its numbers, one visible at a time (a toggle button), both in the page:
 * a screen reader finds the table, a keyboard user the toggle.
 *
 * @param spec.id          stable name of the chart (data-chart), e.g. "flow-time"
 * @param spec.title       heading
 * @param spec.description one sentence under the heading
 * @param spec.option      the ECharts option
 * @param spec.columns     table columns: [{label, num?}]
 * @param spec.rows        table rows: arrays of cell values (strings or nodes)
 * @param spec.summary     the chart's accessible name (defaults to the title)
 */
export function chartPanel(spec) {
  const n = ++panelCount;
  const chartBox = el('div', { class: 'chart', 'data-chart': spec.id, role: 'img', 'aria-label': spec.summary || spec.title });
  const table = el('table', {},
    el('caption', {}, spec.title),
    el('thead', {}, el('tr', {}, spec.columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    el('tbody', {}, spec.rows.map((row) => el('tr', {}, row.map((cell, i) =>
      el('td', { class: spec.columns[i]?.num ? 'num' : null }, cell))))));
  const tableBox = el('div', { class: 'table-wrap', id: `table-${n}`, 'data-table': spec.id, tabindex: '0', hidden: true,
    role: 'region', 'aria-label': `${spec.title}: table` }, table);
  const toggle = el('button', { type: 'button', class: 'secondary', 'aria-controls': `table-${n}`, 'aria-pressed': 'false' },
    'Show table');
  toggle.addEventListener('click', () => {
    const showTable = tableBox.hidden;
    tableBox.hidden = !showTable;
    chartBox.hidden = showTable;
    toggle.setAttribute('aria-pressed', String(showTable));
    toggle.textContent = showTable ? 'Show chart' : 'Show table';
    if (!showTable) {
      echarts.getInstanceByDom(chartBox)?.resize();
    }
  });
  const panel = el('section', { class: 'panel' + (spec.wide ? ' wide' : ''), 'aria-labelledby': `panel-title-${n}` },
    el('header', {}, el('h2', { id: `panel-title-${n}` }, spec.title), toggle),
    spec.description ? el('p', { class: 'desc' }, spec.description) : null,
    chartBox, tableBox);
  // Drawn once in the document, so the chart knows its width.
  requestAnimationFrame(() => {
    if (!chartBox.isConnected) {
      return;
    }
    const chart = echarts.init(chartBox, null, { renderer: 'canvas' });
    chart.setOption({
      color: PALETTE,
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1b1f24' },
      // Room on top for the legend and, below it, the value axis' name.
      grid: { left: 48, right: 24, top: 56, bottom: 48, containLabel: true },
      tooltip: { trigger: spec.option.tooltipTrigger || 'axis', confine: true },
      legend: { top: 0, type: 'scroll' },
      ...spec.option,
    });
    chartBox.setAttribute('data-rendered', 'true');
    charts.add(chart);
  });
  return panel;
}

/** A table of its own (lists that are no chart's numbers). */
export function dataTable(caption, columns, rows, id) {
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption, 'data-table': id },
    el('table', {}, el('caption', {}, caption),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) =>
        el('td', { class: columns[i]?.num ? 'num' : null }, cell)))))));
}

/**
 * An axis maximum that leaves room for a line (a percentile) above every value, or undefined
 * (ECharts' own choice) when the values reach higher anyway.
 */
export function roomFor(values, line) {
  if (line === null || line === undefined || values.some((v) => v >= line)) {
    return undefined;
  }
  // A round top (a multiple of 5 past 10), so ECharts' own ticks do not crowd it.
  const top = line * 1.15;
  const step = top > 10 ? 5 : 1;
  return Math.ceil(top / step) * step;
}
