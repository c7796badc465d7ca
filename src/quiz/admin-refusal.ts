// The refusal of an admin-only command, naming who the admins are on this platform and the way
// in for a team lead who is not one (STUDYBOT_ADMINS, set by whoever runs the bot), so it is not
// a dead end. The rule itself is the adapters' (Slack: adapters/slack/admins.ts, Discord: Manage Server).
import type { UserRef } from './ids.js';
import { userKey } from './ids.js';
import { privateNotice } from './replies.js';
import type { Reply } from './api.js';

const PLATFORM_ADMINS: Record<UserRef['platform'], string | null> = {
  slack: 'Slack workspace admins and owners',
  discord: 'members with the Manage Server permission',
  console: null,
};

/** "Admins here are … and anyone listed in STUDYBOT_ADMINS: ask whoever runs the bot to add `slack:T1:U2`." */
export function whoAreAdmins(user: UserRef): string {
  const role = PLATFORM_ADMINS[user.platform];
  const listed = 'people listed in the bot’s STUDYBOT_ADMINS setting';
  return `${role ? `Admins here are ${role}, and ${listed}` : `Admins are ${listed}`}: to become one, ask whoever runs the bot to add your id \`${userKey(user)}\`.`;
}

/** `Only admins can <action>.` with who they are; `more` follows the first sentence. */
export function adminOnly(user: UserRef, action: string, more = ''): Reply[] {
  return privateNotice(`Only admins can ${action}.${more ? ` ${more}` : ''}`, whoAreAdmins(user));
}
