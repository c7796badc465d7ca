// The deck engine: markdown study notes -> decks, lint findings, concept explanations.
export type { Concept, Deck, ExplainResult, Finding, ParseResult, Question, QuestionOption, Severity, SourceRef } from './types.js';
export { parseDeck, isBroken, isDraft, commandFor, deckIdFromPath } from './parse.js';
export { loadDecks, loadContent, listNoteFiles, combineDecks, type FileReport, type LoadedContent } from './load.js';
export { parseContent, CSV_DIALECT, ANKI_DIALECT, MARKDOWN_DIALECT } from './import/index.js';
export { DEFAULT_LIMITS, FRONT_MATTER_LIMITS, WORKER_LIMITS, type IntakeLimits } from './limits/index.js';
export { explain } from './explain.js';
export { DeckLibrary, type DeckCatalog, type DeckFailure, type DeckLibraryOptions, type WatchOptions } from './library.js';
export { formatFileReport, formatFinding, summarise, type Summary } from './report.js';
