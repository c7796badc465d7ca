// Delimited records via csv-parse, each with the file line it starts on; a quote that never closes is reported.
import { parse, type CsvError } from 'csv-parse/sync';

export interface DelimitedRecord {
  cells: string[];
  /** File line (1-based) where the record starts. */
  line: number;
}

export interface DelimitedRecords {
  records: DelimitedRecord[];
  /** Line of a record whose opening quote never closes (it and everything after it is lost). */
  unclosedQuoteLine?: number;
}

const newlines = (cell: string): number => cell.match(/\n/g)?.length ?? 0;

/** `text` is LF-only and keeps the file's line numbering (leading lines blanked, not removed). */
export function readRecords(text: string, delimiter: string): DelimitedRecords {
  const read = readWith(text, delimiter, '"');
  if (!text.includes('\\"')) return read;
  // `"key=\"value\" per line, sorted"`: quotes escaped with a backslash (PHP's fputcsv, MySQL, hand-written and
  // generated files), not doubled. Read as CSV, the field ends at `\"` and the rest spills into the next cells
  // (a card's tags became its explanation). The file is read so when that leaves fewer cells opening with a quote
  // (one that ended early) and closes every quote it opens.
  const escaped = readWith(text, delimiter, '\\');
  return escaped.unclosedQuoteLine === undefined && quoteOpened(escaped) < quoteOpened(read) ? escaped : read;
}

/** Cells that open with a quote shown as text: a field csv-parse closed early (relax_quotes keeps such quotes). */
const quoteOpened = (read: DelimitedRecords): number => read.records.reduce((n, r) => n + r.cells.filter((c) => c.startsWith('"')).length, 0);

function readWith(text: string, delimiter: string, escape: string): DelimitedRecords {
  let lastLine = 0;
  let unclosedQuoteLine: number | undefined;
  const starts: number[] = [];
  const rows = parse(text, {
    delimiter,
    // The text is LF-only: csv-parse's record-delimiter discovery re-scans a long first record (800 kB of spaces
    // took seconds) and is never needed.
    record_delimiter: '\n',
    escape,
    relax_quotes: true,
    // `Q?, "a, b"`: hand-written files put a space after the comma; without this the quotes were text and the
    // cell was split at its comma (4 of 17 rows of a real CLF-C02 card file).
    ltrim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') {
        const after = text.split('\n').findIndex((l, i) => i >= lastLine && l.trim());
        unclosedQuoteLine = after < 0 ? lastLine + 1 : after + 1;
      }
      return undefined;
    },
    // csv-parse counts to a record's last line; the newlines inside its fields give the first.
    on_record: (cells, ctx) => {
      lastLine = ctx.lines;
      starts.push(ctx.lines - cells.reduce((n, c) => n + newlines(c), 0));
      return cells;
    },
  });
  const records = rows.map((cells, i) => ({ cells, line: starts[i] ?? lastLine }));
  return unclosedQuoteLine === undefined ? { records } : { records, unclosedQuoteLine };
}
