// Tenant-scoped identities. Every key the core stores carries its platform and
// workspace/guild, so nothing can cross tenants: `slack:T1:C2`, `discord:G1:U9`.

export type Platform = 'slack' | 'discord' | 'console';

export interface ChannelRef {
  platform: Platform;
  /** Slack team id, Discord guild id, "local" for the console. */
  workspace: string;
  channel: string;
}

export interface UserRef {
  platform: Platform;
  workspace: string;
  id: string;
  /** Display name as the platform gave it (untrusted text: adapters escape it). */
  name: string;
  /** Set by the adapter from platform roles (Slack admin/owner, Discord Manage Server) or STUDYBOT_ADMINS. */
  isAdmin: boolean;
}

export const channelKey = (c: ChannelRef): string => `${c.platform}:${c.workspace}:${c.channel}`;
export const userKey = (u: Pick<UserRef, 'platform' | 'workspace' | 'id'>): string =>
  `${u.platform}:${u.workspace}:${u.id}`;

export function parseChannelKey(key: string): ChannelRef | null {
  const parts = key.split(':');
  if (parts.length !== 3) return null;
  const [platform, workspace, channel] = parts as [string, string, string];
  if (platform !== 'slack' && platform !== 'discord' && platform !== 'console') return null;
  if (!workspace || !channel) return null;
  return { platform, workspace, channel };
}
