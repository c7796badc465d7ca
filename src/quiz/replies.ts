// The reply helpers every feature answers with (private unless said otherwise).
import type { Reply } from './api.js';
import { notice } from './render.js';
import type { MessageView } from './views.js';

export const reply = (view: MessageView, extra: Partial<Reply> = {}): Reply => ({ visibility: 'private', view, ...extra });
export const privateNotice = (text: string, detail?: string): Reply[] => [reply(notice(text, detail))];
