// The quiz core's entry point (see docs/core.md).
export { createStudybot, isPlayable, snapshotOf, type StudybotDeps } from './studybot.js';
export { staticCatalog, type DeckCatalog, type ExplainFn } from './catalog.js';
export { parseCommand, type ParsedCommand } from './command-parser.js';
export { parseActionId, type ParsedAction } from './action-ids.js';
export * as scoring from './scoring.js';
export type * from './store.js';
export type * from './api.js';
export { systemClock } from './api.js';
