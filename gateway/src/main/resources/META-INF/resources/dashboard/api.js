// The dashboard's only way to the data: the public API of this gateway, with the key the user
// entered. The key lives in sessionStorage (this tab, until it closes) and travels only in the
// Authorization header, never in a URL.

const KEY = 'flowlens.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  sessionStorage.setItem(KEY, key.trim());
}

export function forgetApiKey() {
  sessionStorage.removeItem(KEY);
}

/** A refusal or failure of the API, with its problem+json body when it sent one. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail || problem?.title || (status ? `HTTP ${status}` : 'network error'));
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

/** GET /api/v1/{path} with query parameters (undefined and null ones left out); the parsed JSON. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, value);
    }
  }
  const url = '/api/v1/' + path + (query.size ? '?' + query : '');
  const key = apiKey();
  if (!key) {
    throw new ApiError(401, { title: 'No API key', detail: 'enter an API key to see the data' }, url);
  }
  let response;
  try {
    response = await fetch(url, {
      headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Gateway unreachable', detail: String(e.message || e) }, url);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (ignored) {
      // Not JSON: the status says enough.
    }
    const error = new ApiError(response.status, problem, url);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  try {
    return await response.json();
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new ApiError(502, { title: 'Not JSON', detail: `the answer to ${url} was not JSON` }, url);
    }
    // The body broke off (the tab reloading or leaving mid-read, the connection dropped): the same
    // as a call that never arrived, not a fault of the page.
    throw new ApiError(0, { title: 'Gateway unreachable', detail: String(e.message || e) }, url);
  }
}

/**
 * Every item of a cursor-paginated list (items + nextCursor), up to {@code max} items, so one
 * enormous subject cannot freeze the page; {@code truncated} says whether more were left.
 */
export async function getAll(path, params = {}, max = 5000) {
  const items = [];
  let cursor = null;
  let first = null;
  do {
    const page = await get(path, { ...params, limit: 500, cursor });
    first = first || page;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return { first, items, truncated: Boolean(cursor) };
}
