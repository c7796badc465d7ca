// Wording of `explain` and of a concept shared to the channel.
import type { Concept, Deck, ExplainResult } from '../../../content/types.js';
import { shareConceptId } from '../../action-ids.js';
import { conceptImageBlocks } from '../../question-images.js';
import { notice } from '../../render.js';
import { clip, oneLine, person, plural } from '../../view-text.js';
import type { MessageView } from '../../views.js';

const conceptLine = (c: Concept) => c.name;

/** `notePath` names the note for chat users (relative to the content folder). */
type NotePath = (path: string) => string;

function conceptView(deck: Deck, k: Concept, notePath: NotePath, sharedBy?: string): MessageView {
  const source = `From ${deck.title} (${notePath(k.source.path)}:${k.source.line})`;
  return {
    text: `${k.name}: ${oneLine(k.text, 200)}`,
    blocks: [
      { type: 'heading', text: k.name },
      { type: 'text', text: clip(k.text), style: 'quote' },
      ...conceptImageBlocks(k),
      { type: 'text', text: sharedBy === undefined ? source : `${source} · shared by ${person(sharedBy)}`, style: 'muted' },
    ],
  };
}

/** The concept as posted to the channel by the "Share to channel" button: no controls. */
export const sharedConceptView = (deck: Deck, k: Concept, sharedBy: string, notePath: NotePath): MessageView => conceptView(deck, k, notePath, sharedBy);

/** What the private explain answer becomes once shared: no button left to post it again. */
export const sharedNoticeView = (k: Concept): MessageView => notice(`You shared ${k.name} to the channel.`);

export function explainView(result: ExplainResult, command: string, notePath: NotePath): MessageView {
  const c = `/${command}`;
  switch (result.kind) {
    case 'found': {
      const view = conceptView(result.deck, result.concept, notePath);
      const share = shareConceptId(result.deck.id, result.concept.slug);
      return share ? { ...view, actions: [{ type: 'buttons', buttons: [{ id: share, label: 'Share to channel' }] }] } : view;
    }
    case 'suggestions': {
      const q = oneLine(result.query, 60);
      if (!result.matches.length) {
        return notice(`I don't know "${q}" in ${result.deck.title}.`, `Try ${c} explain to list every concept.`);
      }
      return {
        text: `I don't know "${q}". Did you mean ${result.matches.map(conceptLine).join(', ')}?`,
        blocks: [
          { type: 'text', text: `I don't know "${q}". Did you mean:` },
          { type: 'list', items: result.matches.map((m) => `${m.name} — ${c} explain ${m.slug}`) },
        ],
      };
    }
    case 'list': {
      if (!result.concepts.length) return notice(`${result.deck.title} has no concepts yet.`);
      return {
        text: `${result.deck.title}: ${plural(result.concepts.length, 'concept')}`,
        blocks: [
          { type: 'heading', text: `${result.deck.title} concepts` },
          { type: 'list', items: result.concepts.slice(0, 60).map((k) => `${k.name} (${k.slug})`) },
          { type: 'text', text: `${c} explain <concept> for one of them.`, style: 'muted' },
        ],
      };
    }
  }
}
