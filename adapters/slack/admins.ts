// Who may run admin commands (`schedule`): Slack workspace admins and owners (users.info
// `is_admin` / `is_owner`, cached with a TTL so a busy channel costs few Web API calls), or ids listed
// in config.admins (`U123` or the scoped `slack:T1:U123`).

import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

export interface AdminResolverOptions {
  client: Pick<webApi.WebClient, 'users'>;
  admins?: readonly string[];
  ttlMs?: number;
  now?: () => number;
  log?: Logger;
}

export class AdminResolver {
  private readonly listed: Set<string>;
  private readonly cache = new Map<string, { admin: boolean; at: number }>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: AdminResolverOptions) {
    this.listed = new Set((opts.admins ?? []).map((a) => a.trim()).filter(Boolean));
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  private isListed(team: string, user: string): boolean {
    return this.listed.has(user) || this.listed.has(`slack:${team}:${user}`);
  }

  /** Listed or cached answer only: never calls Slack (used on the click path, where calls are precious). */
  known(team: string, user: string): boolean {
    if (this.isListed(team, user)) return true;
    const hit = this.cache.get(`${team}:${user}`);
    return !!hit && this.now() - hit.at < this.ttlMs && hit.admin;
  }

  /** Listed, cached, or asked from users.info (once per TTL; concurrent asks share one call). */
  async isAdmin(team: string, user: string): Promise<boolean> {
    if (this.isListed(team, user)) return true;
    const key = `${team}:${user}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.admin;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const lookup = this.lookup(user)
      .then((admin) => {
        this.cache.set(key, { admin, at: this.now() });
        return admin;
      })
      .catch((err: unknown) => {
        // Not cached: the next command asks again. Failing closed is the safe default for admin rights.
        this.opts.log?.warn({ err, user: key }, 'users.info failed; treating user as non-admin');
        return false;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, lookup);
    return lookup;
  }

  private async lookup(user: string): Promise<boolean> {
    const res = await this.opts.client.users.info({ user });
    return !!(res.user?.is_admin || res.user?.is_owner || res.user?.is_primary_owner);
  }
}
