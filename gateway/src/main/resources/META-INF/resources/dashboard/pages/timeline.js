// One item's timeline, as ingestion recorded it: every status change, the flow state it means.
import { get } from '../api.js';
import { el, dataTable, statePanel, formatDateTime } from '../ui.js';

export default {
  id: 'item',
  title: 'Item timeline',
  context: [],

  async render(view, ctx) {
    const id = decodeURIComponent(ctx.settings.segments[1] || '');
    const timeline = await get(`items/${encodeURIComponent(id)}/timeline`);
    view.append(el('p', {}, el('a', { href: ctx.hrefFor('aging') }, '← Work item age')),
      el('h1', {}, `Timeline of ${timeline.key || timeline.itemId}`),
      el('p', { class: 'lead' }, `Now ${timeline.flowState}. Every status change the tracker reported, oldest first; `,
        'unmapped statuses are those the connection\'s mapping does not turn into a flow state yet.'));
    if (!timeline.transitions.length) {
      view.append(statePanel('empty', 'No status changes', el('p', {}, 'The tracker has reported none for this item.')));
      return;
    }
    view.append(el('section', { class: 'panel' },
      dataTable('Status changes', [{ label: 'At' }, { label: 'Tracker status' }, { label: 'Flow state' }, { label: 'Mapped' }],
        timeline.transitions.map((t) => [formatDateTime(t.at, ctx.zone), t.trackerStatus, t.flowState || '–', t.mapped ? 'yes' : 'no']),
        'timeline')));
  },
};
