// The dashboard's pages, in navigation order. A page is one module whose default export is
// { id, title, context, render(view, context) }: add its import here and it is in the navigation,
// routed (#/<id>) and given the subject and window (see app.js for what `context` holds).
import flow from './flow.js';
import cfd from './cfd.js';
import aging from './aging.js';
import forecasts from './forecasts.js';
import time from './time.js';
import customer from './customer.js';
import outcomes from './outcomes.js';
import timeline from './timeline.js';

export const PAGES = [flow, cfd, aging, forecasts, time, customer, outcomes];

/** Reached from a work item's link, not from the navigation. */
export const ITEM_TIMELINE = timeline;
