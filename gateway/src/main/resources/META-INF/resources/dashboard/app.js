// The dashboard's shell: the API key, the navigation, the subject and window every page shares,
// and a hash router (#/flow?subject=...&from=...) so a view can be bookmarked and shared: the
// URL carries what to show, never the key.
import { ApiError, apiKey, setApiKey, forgetApiKey, get } from './api.js';
import { el, loading, done, errorPanel, disposeCharts } from './ui.js';
import { PAGES, ITEM_TIMELINE } from './pages/index.js';

const $ = (id) => document.getElementById(id);
const main = $('main');
let streams = null; // the tenant's value streams, read once per key

function today(zone) {
  return new Date().toLocaleDateString('en-CA', { timeZone: zone });
}

function shiftDate(date, days) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The route: page, and the settings of the hash's query. Defaults: the portfolio, the last 12 weeks. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const segments = path.split('/').filter(Boolean);
  const zone = params.get('zone') || browserZone;
  const to = params.get('to') || shiftDate(today(zone), 1);
  return {
    segments,
    page: segments[0] || PAGES[0].id,
    subject: params.get('subject') || 'portfolio',
    to,
    from: params.get('from') || shiftDate(to, -84),
    zone,
    bucket: params.get('bucket') || 'week',
    params,
  };
}

function hashFor(page, settings) {
  const query = new URLSearchParams();
  for (const name of ['subject', 'from', 'to', 'zone', 'bucket']) {
    if (settings[name]) {
      query.set(name, settings[name]);
    }
  }
  return `#/${page}?${query}`;
}

function showKeyPanel(reason) {
  $('key-panel').hidden = false;
  $('context').hidden = true;
  $('nav').replaceChildren();
  main.replaceChildren();
  $('key-reason').textContent = reason || '';
  $('key-status').textContent = '';
  $('forget-key').hidden = true;
  $('api-key').value = '';
  $('api-key').focus();
}

function renderNav(current, settings) {
  $('nav').replaceChildren(el('ul', {}, PAGES.map((page) => el('li', {},
    el('a', { href: hashFor(page.id, settings), 'aria-current': page.id === current ? 'page' : null }, page.title)))));
}

async function loadStreams() {
  if (streams) {
    return streams;
  }
  const all = [];
  let cursor = null;
  do {
    const page = await get('value-streams', { limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  streams = all;
  return streams;
}

function fillContext(settings, page) {
  const subject = $('subject');
  subject.replaceChildren(el('option', { value: 'portfolio' }, 'Portfolio (every item of the tenant)'),
    ...streams.map((s) => el('option', { value: s.id }, `${s.name} (${s.timeZone})`)));
  subject.value = settings.subject;
  $('from').value = settings.from;
  $('to').value = settings.to;
  const stream = streams.find((s) => s.id === settings.subject);
  // A value stream counts its days in its own zone; the portfolio in the one chosen here.
  $('zone').value = stream ? stream.timeZone : settings.zone;
  $('zone').disabled = Boolean(stream);
  $('zone').title = stream ? 'A value stream counts its days in its own time zone' : '';
  $('bucket').value = settings.bucket;
  const uses = page.context || [];
  for (const [control, name] of [['subject', 'subject'], ['from', 'window'], ['to', 'window'], ['zone', 'zone'], ['bucket', 'bucket']]) {
    $(control).closest('label').hidden = !uses.includes(name);
  }
  $('context').hidden = uses.length === 0;
}

let rendering = 0;

async function render() {
  const turn = ++rendering;
  disposeCharts();
  if (!apiKey()) {
    showKeyPanel();
    return;
  }
  $('key-panel').hidden = true;
  $('forget-key').hidden = false;
  $('key-status').textContent = 'Key in this tab';
  const settings = route();
  const page = settings.page === ITEM_TIMELINE.id ? ITEM_TIMELINE : PAGES.find((p) => p.id === settings.page) || PAGES[0];
  renderNav(page.id, settings);
  document.title = `${page.title} · Flowlens`;
  loading(main, page.title.toLowerCase());
  try {
    await loadStreams();
    if (turn !== rendering) {
      return;
    }
    fillContext(settings, page);
    const stream = streams.find((s) => s.id === settings.subject);
    const context = {
      settings,
      stream,
      zone: stream ? stream.timeZone : settings.zone,
      subjectName: stream ? stream.name : 'Portfolio',
      base: stream ? `value-streams/${stream.id}` : 'portfolio',
      // Window parameters as the metrics API takes them: the portfolio names its zone.
      window: stream ? { from: settings.from, to: settings.to } : { from: settings.from, to: settings.to, zone: settings.zone },
      zoneParam: stream ? {} : { zone: settings.zone },
      hrefFor: (pageId, extra = '') => hashFor(pageId, settings).replace('?', extra + '?'),
      stale: () => turn !== rendering,
    };
    const view = el('div', {});
    await page.render(view, context);
    if (turn !== rendering) {
      return;
    }
    main.replaceChildren(view);
  } catch (error) {
    if (turn !== rendering) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      forgetApiKey();
      streams = null;
      showKeyPanel('The gateway refused this key (401): it is unknown, revoked or mistyped. Enter a valid API key.');
      return;
    }
    main.replaceChildren(errorPanel(error));
  } finally {
    done(main);
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) {
    return;
  }
  setApiKey(key);
  streams = null;
  $('api-key').value = '';
  render().then(() => main.focus({ preventScroll: true }));
});

$('forget-key').addEventListener('click', () => {
  forgetApiKey();
  streams = null;
  showKeyPanel('Key forgotten.');
});

$('context').addEventListener('submit', (event) => {
  event.preventDefault();
  const settings = {
    subject: $('subject').value,
    from: $('from').value,
    to: $('to').value,
    zone: $('zone').disabled ? route().zone : $('zone').value.trim() || browserZone,
    bucket: $('bucket').value,
  };
  const hash = hashFor(route().page, settings);
  if (location.hash === hash) {
    render(); // the same settings again: read them afresh
  } else {
    location.hash = hash;
  }
});

// The time zones the browser knows, as suggestions for the portfolio's zone.
if (Intl.supportedValuesOf) {
  $('zones').replaceChildren(...Intl.supportedValuesOf('timeZone').map((z) => el('option', { value: z })));
}

window.addEventListener('hashchange', render);
render();
