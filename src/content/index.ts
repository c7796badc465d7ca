// The deck engine: markdown study notes -> decks, lint findings, concept explanations.
export type { Concept, Deck, ExplainResult, Finding, ParseResult, Question, QuestionOption, Severity, SourceRef } from './types.js';
export { parseDeck, isBroken, isDraft, commandFor, deckIdFromPath } from './parse.js';
export { loadDecks, listNoteFiles, combineDecks } from './load.js';
export { explain } from './explain.js';
export { DeckLibrary, type DeckCatalog, type DeckLibraryOptions, type WatchOptions } from './library.js';
export { formatFinding, summarise, type Summary } from './report.js';
