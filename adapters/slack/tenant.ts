// Which tenant a request belongs to. A tenant is the installation the bot token belongs to, never the
// clicking user's own workspace: every channel key, user key and message ref carries it, so it must
// be the same for a command, a click and a form in one channel, whoever sends them.
//
// - Org-wide install (Enterprise Grid, `is_enterprise_install`): the organisation (`E…`). Its
//   workspaces share channel ids, and some payloads carry `team: null`.
// - Workspace install: commands carry it in `team_id`, clicks in `team.id` (Bolt's rule too);
//   a view_submission's `team` is the submitter's workspace (Slack Connect) or null, so forms use
//   `view.app_installed_team_id`, as Bolt does for views.
// A Slack Connect user (user.team_id ≠ the tenant) acts in the tenant's channel as a user of it.

import type { BlockAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { cleanName } from '../sanitize.js';

type EnterpriseFields = { is_enterprise_install?: boolean | string; enterprise?: { id?: string } | null; enterprise_id?: string };

/** The organisation id when the app is installed org-wide, else undefined. */
function orgWide(body: EnterpriseFields): string | undefined {
  const flag = body.is_enterprise_install === true || body.is_enterprise_install === 'true';
  if (!flag) return undefined;
  return body.enterprise?.id || body.enterprise_id || undefined;
}

export function commandTenant(body: SlashCommand): string | undefined {
  return orgWide(body) ?? (body.team_id || undefined);
}

export function actionTenant(body: BlockAction): string | undefined {
  return orgWide(body as EnterpriseFields) ?? body.team?.id ?? body.user.team_id ?? undefined;
}

export function viewTenant(body: ViewSubmitAction): string | undefined {
  return (
    orgWide(body as EnterpriseFields) ?? body.view.app_installed_team_id ?? body.team?.id ?? body.user.team_id ?? undefined
  );
}

/**
 * A display name from a payload, cleaned (no NUL, control or bidi characters): the first candidate
 * that is not empty once cleaned, else the user id.
 */
export function displayName(userId: string, ...candidates: (string | undefined | null)[]): string {
  for (const candidate of candidates) {
    const name = cleanName(candidate);
    if (name) return name;
  }
  return userId;
}
