// Bolt's respond() posts to the response_url with the app's fetch and throws on any non-2xx
// without exposing Retry-After. @slack/web-api already handles 429 for Web API calls, so this
// wrapper only covers response URLs: a 429 there waits Retry-After seconds and tries again
// (bounded), so a throttled reply is delayed, not dropped.

import type { Logger } from 'pino';

export interface ResponseUrlFetchOptions {
  /** Web API base URL: calls under it pass straight through (the WebClient retries those itself). */
  apiUrl: string;
  retries?: number;
  /** Cap on one wait, so a hostile or broken Retry-After cannot park a reply for hours. */
  maxWaitSeconds?: number;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function responseUrlFetch(opts: ResponseUrlFetchOptions): typeof fetch {
  const base = opts.fetch ?? globalThis.fetch;
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 30;
  const sleep = opts.sleep ?? defaultSleep;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(opts.apiUrl)) return base(input, init);
    for (let attempt = 0; ; attempt++) {
      const res = await base(input, init);
      if (res.status !== 429 || attempt >= retries) return res;
      const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
      const waitSeconds = Math.min(Number.isNaN(retryAfter) ? 2 ** attempt : retryAfter, maxWait);
      opts.log?.info({ waitSeconds, attempt: attempt + 1 }, 'response_url rate limited; retrying');
      await res.body?.cancel();
      await sleep(waitSeconds * 1000);
    }
  };
}
