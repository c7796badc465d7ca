// The cells of an .xlsx workbook as text, read by exceljs: what a user sees in Excel, written as a CSV export
// would write it. Only called on archives that limits/zip.ts has checked.
import type { Buffer as ExcelBuffer, CellValue, Worksheet } from 'exceljs';
import type { DelimitedRecord } from './records.js';

export interface SheetRows {
  name: string;
  /** Rows with a cell of their own (not only a merged range from above), `line` being the sheet's row number. */
  rows: DelimitedRecord[];
}

/** The workbook's worksheets in tab order (exceljs is loaded only when a workbook is read). */
export async function readWorkbook(bytes: Uint8Array): Promise<SheetRows[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // exceljs' types want a Buffer; a view of the same bytes, not a copy.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelBuffer);
  return workbook.worksheets.map(sheetRows);
}

const MERGE = 1; // exceljs ValueType.Merge: a cell inside a merged range other than its top-left cell

function sheetRows(sheet: Worksheet): SheetRows {
  const rows: DelimitedRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    let own = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      let text: string;
      if (cell.type === MERGE) {
        // A range merged down a column (a domain written once for a block of rows) gives each row its value;
        // across columns it is one cell, the others empty.
        text = cell.master.col === cell.col ? cellText(cell.master.value) : '';
      } else {
        text = cellText(cell.value);
        if (text.trim()) own = true;
      }
      cells[col - 1] = text;
    });
    if (own) rows.push({ cells: Array.from(cells, (c) => c ?? ''), line });
  });
  return { name: sheet.name, rows };
}

/** Excel keeps 15 significant digits: 2.0000000000000004 is the 2 the user typed. */
const numberText = (n: number): string => (Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n));

/** A date as an ISO date (2024-01-05), with its time when it has one (2024-01-05 14:30). */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, iso.endsWith(':00.000Z') ? 16 : 19)}`;
}

/** A link as links read elsewhere (HTML cells, notes): its text, then the address when it is another. */
function linkText(text: string, url: string): string {
  const address = url.trim();
  if (!/^https?:\/\//i.test(address) || !text.trim()) return text.trim() ? text : address;
  return text.trim() === address ? address : `${text} (${address})`;
}

/** One cell's value as text; line breaks typed in a cell (Alt+Enter) stay line breaks. */
export function cellText(value: CellValue | undefined): string {
  return rawText(value).replace(/\r\n?/g, '\n');
}

function rawText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return linkText(rawText(value.text as CellValue), value.hyperlink);
  // A formula is what Excel last computed for it (saved in the file); one never computed is empty.
  if ('formula' in value || 'sharedFormula' in value) return rawText(value.result as CellValue | undefined);
  if ('error' in value) return value.error;
  return '';
}
