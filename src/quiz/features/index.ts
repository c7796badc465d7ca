// The one list of features. Adding a feature: a folder exporting a Feature, listed here. The order
// is the menu order of subcommands (help, Slack's usage hint, Discord's registration).
import { answers } from './answers/index.js';
import { decks } from './decks/index.js';
import { exam } from './exam/index.js';
import { explain } from './explain/index.js';
import { help } from './help/index.js';
import { leaderboard } from './leaderboard/index.js';
import { mistakes } from './mistakes/index.js';
import { practice } from './practice/index.js';
import { reports } from './reports/index.js';
import { review } from './review/index.js';
import { rounds } from './rounds/index.js';
import { schedule } from './schedule/index.js';
import { stats } from './stats/index.js';

export const features = [explain, rounds, practice, review, mistakes, leaderboard, stats, exam, reports, schedule, decks, help, answers] as const;
