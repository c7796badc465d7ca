// Answer clicks on any round: a button (a:<round>:<option>), a multiselect (m:<round>) and its
// submit (s:<round>). Every click is validated before anything is recorded.
import { clickedRound } from '../../clicked-round.js';
import type { Feature } from '../../feature.js';
import { privateNotice } from '../../replies.js';
import { recordAnswer } from './record.js';

export const answers = {
  name: 'answers',
  actions: {
    'multi-control': async (ctx, inv, action) => {
      const round = await clickedRound(ctx.store, inv, action.roundId);
      return Array.isArray(round) ? round : []; // a checkbox toggled: nothing to do until submit
    },
    answer: async (ctx, inv, action) => {
      const round = await clickedRound(ctx.store, inv, action.roundId);
      if (Array.isArray(round)) return round;
      const q = round.question;
      if (!q.options.some((o) => o.id === action.option)) return privateNotice('That option does not exist in this question. Nothing was recorded.');
      if (q.correct.length > 1) {
        return privateNotice(`This question takes ${q.correct.length} options: choose them in the menu, then submit.`);
      }
      return recordAnswer(ctx, inv, round, [action.option]);
    },
    'multi-submit': async (ctx, inv, action) => {
      const round = await clickedRound(ctx.store, inv, action.roundId);
      if (Array.isArray(round)) return round;
      const q = round.question;
      if (!q.correct.length) return privateNotice('That question takes no answer (it is a flashcard). Nothing was recorded.');
      const values = Array.isArray(inv.values) ? inv.values.map(String) : [];
      const unique = [...new Set(values)];
      if (unique.some((v) => !q.options.some((o) => o.id === v))) {
        return privateNotice('That choice includes an option that does not exist. Nothing was recorded.');
      }
      if (unique.length !== q.correct.length || values.length !== unique.length) {
        return privateNotice(`Choose exactly ${q.correct.length} different options (you chose ${unique.length}). Nothing was recorded.`);
      }
      return recordAnswer(ctx, inv, round, unique);
    },
  },
} satisfies Feature;
