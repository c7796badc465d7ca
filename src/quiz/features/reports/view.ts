// Wording of question reports: the form asking what is wrong, and the admins' list.
import { reportSubmitId } from '../../action-ids.js';
import type { FormView } from '../../api.js';
import { graphemePrefix } from '../../../graphemes.js';
import { REPORT_REASON_MAX, REPORT_REASON_MIN, type ReportRecord } from '../../reports.js';
import type { MessageView } from '../../views.js';

/** The modal asking what is wrong with a question. */
export function reportForm(roundId: string, number: string): FormView {
  return {
    id: reportSubmitId(roundId),
    title: 'Report a problem',
    submitLabel: 'Send report',
    field: {
      label: graphemePrefix(`What is wrong with ${number}?`, 45),
      placeholder: 'e.g. the answer should be C because…',
      minLength: REPORT_REASON_MIN,
      maxLength: REPORT_REASON_MAX,
      multiline: true,
    },
  };
}

/** Where a report came from, as an admin reading the list in `here` can tell: this channel or another one (its id). */
const whereFiled = (r: ReportRecord, here: string) => (r.channelKey === here ? 'in this channel' : `in channel ${r.channelKey.split(':').slice(2).join(':')}`);

export function reportsView(reports: ReportRecord[], names: Map<string, string>, deckTitle: (deckId: string) => string, command: string, here: string): MessageView {
  if (!reports.length) {
    const text = 'No open question reports.';
    return { text, blocks: [{ type: 'text', text }] };
  }
  const heading = `Open question reports (${reports.length}, newest first)`;
  return {
    text: heading,
    blocks: [
      { type: 'heading', text: heading },
      {
        type: 'list',
        items: reports.map(
          (r) =>
            `#${r.id} ${deckTitle(r.deckId)} ${r.questionNumber} at ${r.sourcePath}:${r.sourceLine}: "${r.reason.replace(/\s+/g, ' ').trim()}" (${names.get(r.reporterKey) ?? 'someone'} ${whereFiled(r, here)}, ${r.createdAt.toISOString().slice(0, 10)})`,
        ),
      },
      { type: 'text', text: `Fix the note, then /${command} reports resolve <number> [a note for the reporter]: they are told privately. npm run content:check -- --reports lists them beside the deck's findings.`, style: 'muted' },
    ],
  };
}
