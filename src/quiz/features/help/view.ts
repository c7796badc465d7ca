import type { Deck } from '../../../content/types.js';
import type { CommandDef, FeatureContext } from '../../feature.js';
import { CORRECT_POINTS, STREAK_BONUS_MAX, STREAK_BONUS_PER_DAY } from '../../scoring.js';
import { clip } from '../../view-text.js';
import type { MessageView } from '../../views.js';

/** Every loaded subcommand's help line; admin ones for admins only, `help` itself last. */
export function helpView(deck: Deck, isAdmin: boolean, commands: readonly CommandDef[], ctx: FeatureContext): MessageView {
  const c = `/${deck.command}`;
  const shown = commands.filter((d) => d.name !== 'help' && (isAdmin || !d.admin));
  const ordered = [...shown.filter((d) => !d.admin), ...shown.filter((d) => d.admin), ...commands.filter((d) => d.name === 'help')];
  const everyone = commands.filter((d) => !d.admin && d.name !== 'help' && d.name !== 'report').map((d) => d.name);
  return {
    text: `${deck.title} study bot: ${c} ${everyone.join(', ')}`,
    blocks: [
      { type: 'heading', text: `${deck.title} study bot` },
      ...(deck.description ? [{ type: 'text' as const, text: clip(deck.description), style: 'muted' as const }] : []),
      { type: 'list', items: ordered.map((d) => d.help(c, deck, ctx)) },
      {
        type: 'text',
        text: `Scoring: ${CORRECT_POINTS} points for a right answer, partial credit on "select several" questions, +${STREAK_BONUS_PER_DAY} per streak day (up to +${STREAK_BONUS_MAX}) on the question of the day.`,
        style: 'muted',
      },
    ],
  };
}
