// How replies reach a response_url: `post` for the adapter's own replies and busy notes, and the fetch
// @slack/web-api and picture replies use. Web API calls (under SLACK_API_URL) pass straight through
// that fetch: the WebClient retries those itself. Everything else is a response_url from a payload, so:
//   - only Slack's host (hooks.slack.com) and SLACK_API_URL's host (a stand-in server) are
//     allowed, unless configured otherwise: a payload cannot make the bot post elsewhere;
//   - no redirect is followed (a 3xx is a failed reply, never a re-POST to wherever it points);
//   - a 429 waits Retry-After (capped) and tries again, so a throttled reply is delayed, not dropped;
//   - requests go through one pooled keep-alive undici Agent, so replies reuse warm connections.

import type { Logger } from 'pino';
import { Agent, request, type Dispatcher } from 'undici';
import { StudybotError } from '../../src/errors.js';

export const SLACK_RESPONSE_HOST = 'hooks.slack.com';

export interface ResponseUrlFetchOptions {
  /** Web API base URL: calls under it pass straight through (the WebClient retries those itself). */
  apiUrl: string;
  /** Hosts (`host[:port]`) a response_url may point at; default hooks.slack.com and apiUrl's host. */
  allowedHosts?: readonly string[];
  retries?: number;
  /** Cap on one wait, so a hostile or broken Retry-After cannot park a reply for hours. */
  maxWaitSeconds?: number;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** The fetch for response URLs (tests); default undici's, through a pooled keep-alive Agent. */
  fetch?: typeof fetch;
  /** The fetch for Web API calls; default the global one. */
  apiFetch?: typeof fetch;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A response_url's answer, its body read in full (Slack's are a few bytes). */
interface UrlAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

type Send = (url: string, init: RequestInit | undefined) => Promise<UrlAnswer>;

/**
 * One pool for every response_url: keep-alive, a few connections per origin, bounded waits. Posts go
 * through undici's `request` rather than a fetch: measured under bench:load, a fetch costs 4–6 times
 * the CPU per reply (380–670 µs against 70–100 µs), and replies are most of a click's work. Redirects
 * are never followed (`request` follows none).
 */
function pooledSend(): Send {
  const dispatcher = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    connections: 32,
    connect: { timeout: 5_000 },
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  return async (url, init) => {
    const res = await request(url, {
      method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: plainHeaders(init?.headers),
      body: typeof init?.body === 'string' ? init.body : init?.body ? String(init.body) : null,
      dispatcher,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers).entries());
  return headers as Record<string, string>;
}

/** A fetch (tests) as a Send: no redirect followed. */
function fetchSend(f: typeof fetch): Send {
  return async (url, init) => {
    const res = await f(url, { ...init, redirect: 'manual' });
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text: await res.text() };
  };
}

function asResponse(answer: UrlAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const bodyless = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(bodyless ? null : answer.text, { status: answer.status, headers });
}

const urlOf = (input: Parameters<typeof fetch>[0]) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

export interface ResponseUrlClient {
  /** The fetch for Bolt's WebClient and picture replies: Web API calls pass straight through. */
  fetch: typeof fetch;
  /**
   * Posts a message to a response_url, as Bolt's respond() does (same guards as `fetch`), without
   * making a fetch Response of Slack's answer: its body stream alone cost ~20 µs of CPU per reply.
   * Rejects when Slack does not take it.
   */
  post(responseUrl: string, message: object): Promise<void>;
}

export function responseUrlClient(opts: ResponseUrlFetchOptions): ResponseUrlClient {
  const apiFetch = opts.apiFetch ?? globalThis.fetch;
  const send = opts.fetch ? fetchSend(opts.fetch) : pooledSend();
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 30;
  const sleep = opts.sleep ?? defaultSleep;
  const allowed = new Set(opts.allowedHosts ?? [SLACK_RESPONSE_HOST, new URL(opts.apiUrl).host]);

  const guarded = async (url: string, init: RequestInit | undefined): Promise<UrlAnswer> => {
    let host: string;
    try {
      const parsed = new URL(url);
      host = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : '';
    } catch {
      host = '';
    }
    if (!allowed.has(host)) {
      // The URL itself is a bearer credential for that reply: log the host only.
      opts.log?.warn({ host: host || 'unparseable' }, 'response_url on a host that is not Slack\'s; not called');
      throw new StudybotError('platform:failed', `response_url host ${host || '(unparseable)'} is not allowed`);
    }
    for (let attempt = 0; ; attempt++) {
      const answer = await send(url, init);
      if (answer.status >= 300 && answer.status < 400) {
        opts.log?.warn({ host, status: answer.status }, 'response_url answered with a redirect; not followed');
        return answer;
      }
      if (answer.status !== 429 || attempt >= retries) return answer;
      const given = answer.headers['retry-after'];
      const retryAfter = Number.parseInt((Array.isArray(given) ? given[0] : given) ?? '', 10);
      const waitSeconds = Math.min(Number.isNaN(retryAfter) ? 2 ** attempt : retryAfter, maxWait);
      opts.log?.info({ waitSeconds, attempt: attempt + 1 }, 'response_url rate limited; retrying');
      await sleep(waitSeconds * 1000);
    }
  };

  return {
    fetch: async (input, init) => {
      const url = urlOf(input);
      if (url.startsWith(opts.apiUrl)) return apiFetch(input, init);
      return asResponse(await guarded(url, init));
    },
    async post(responseUrl, message) {
      const answer = await guarded(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
      // Bolt's respond() words, and no StudybotError: the user is never shown a status code.
      if (answer.status < 200 || answer.status >= 300) throw new Error(`Failed to respond to the response_url: ${answer.status}`);
    },
  };
}

/** The fetch alone (see responseUrlClient). */
export function responseUrlFetch(opts: ResponseUrlFetchOptions): typeof fetch {
  return responseUrlClient(opts).fetch;
}
