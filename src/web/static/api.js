import { initData } from './tg.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? 'error';
    this.field = body?.field;
  }
}

// relative to the page, so the app also works when the proxy publishes it under a sub-path
const base = new URL('../api/', location.href);

/** One call to the bot's API, signed with the launch's initData. */
export async function api(path, { method = 'GET', body, query } = {}) {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `tma ${initData}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}
