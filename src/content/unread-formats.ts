// Files in the content folder that likely hold study material in a format the loader cannot read: one warning
// each, saying how to convert, instead of silence. Pictures, data and housekeeping files (.gitkeep, .yml…) stay
// silent: they are assets or settings, not decks.
import { basename, extname } from 'node:path';
import type { Finding } from './types.js';

const AS_TEXT = 'save it as markdown (.md) or its questions as a spreadsheet (.csv, .xlsx)';

/** Extension -> what it is and how to make a deck of it. */
const UNREAD: Record<string, string> = {
  '.docx': `a Word document is not read: ${AS_TEXT}`,
  '.doc': `a Word document is not read: ${AS_TEXT}`,
  '.odt': `an OpenDocument text is not read: ${AS_TEXT}`,
  '.rtf': `a rich-text document is not read: ${AS_TEXT}`,
  '.pages': `a Pages document is not read: export it as Word, then ${AS_TEXT}`,
  '.pdf': `a PDF is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.epub': `an e-book is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.pptx': `a PowerPoint deck is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.ppt': `a PowerPoint deck is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.odp': `an OpenDocument presentation is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.key': `a Keynote deck is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx)`,
  '.numbers': 'a Numbers spreadsheet is not read: export it as Excel (.xlsx) or CSV',
  '.anki2': 'an Anki collection file is not read: export the deck from Anki as an Anki Deck Package (.apkg) or as Notes in Plain Text (.txt)',
  '.anki21': 'an Anki collection file is not read: export the deck from Anki as an Anki Deck Package (.apkg) or as Notes in Plain Text (.txt)',
  '.mm': 'a mind map is not read: export it as markdown (.md)',
  '.xmind': 'a mind map is not read: export it as markdown (.md)',
};

/** A warning for a file the loader lists but cannot read; undefined for decks, assets and hidden or lock files. */
export function unreadFormat(path: string): Finding | undefined {
  const name = basename(path);
  // Hidden files, and the lock files Word and LibreOffice leave beside an open document.
  if (/^[_.]|^~\$|^\.~lock\./.test(name)) return undefined;
  const reason = UNREAD[extname(name).toLowerCase()];
  return reason ? { path, line: 1, severity: 'warning', message: `${reason}; this file is not a deck (see docs/content-intake.md)`, code: 'unread-format' } : undefined;
}
