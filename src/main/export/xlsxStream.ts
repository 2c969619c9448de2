import { columnLetter } from '../../shared/errors';
import { EXPORT_MESSAGES } from './messages';
import { CORRECTED_ARGB } from './sheetStyle';
import { ZipFileWriter, type ZipEntryStream } from './zipWriter';

/**
 * A streaming .xlsx writer for the one export that reaches millions of cells, a corrected county ledger: rows go
 * straight to SpreadsheetML text and zlib deflates it on another thread (zipWriter.ts). ExcelJS built a cell object, a
 * style lookup and an XML tree per cell, four fifths of a 358 216-row ledger's 26.8 s export (measured). It writes what
 * that export needs and no more: text and numbers, a fixed set of cell styles, merges, frozen header rows, column
 * widths and notes.
 */

/** The cell styles, by their index in styles.xml. */
export const STYLE = { none: 0, plain: 1, text: 2, plainCorrected: 3, textCorrected: 4, header: 5 } as const;
export type StyleId = (typeof STYLE)[keyof typeof STYLE];

export interface SheetOptions {
  /** Rows kept in view while scrolling. */
  frozenRows: number;
  /** In characters, from column A. */
  columnWidths: readonly number[];
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

// XML 1.0 cannot hold these control characters at all; `_xHHHH_` is how Excel spells a character in text, so a
// literal one needs its underscore escaped to survive a round trip.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(NOT_XML, '').replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  `<fill><patternFill patternType="solid"><fgColor rgb="${CORRECTED_ARGB}"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>' +
  '<top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">' +
  '<alignment horizontal="center" vertical="center" wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Written to the stream in pieces of about this many bytes. */
const CHUNK = 1 << 19;

interface Note {
  row: number;
  column: number;
  text: string;
}

export class SheetWriter {
  private piece = Buffer.allocUnsafe(CHUNK);
  private filled = 0;
  private pieces = 0;
  private lastRow = 0;
  private lastColumn = -1;
  private rowXml = '';
  private started = false;
  private readonly merges: string[] = [];
  private readonly notes: Note[] = [];
  private readonly letters: string[] = [];
  private done = false;

  constructor(
    private readonly stream: ZipEntryStream,
    private readonly options: SheetOptions,
    /** Called once the sheet's XML is complete, with its notes, to add the parts that go with them. */
    private readonly onEnd: (notes: readonly Note[]) => void,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  private letter(column: number): string {
    return (this.letters[column] ??= columnLetter(column));
  }

  private head(): string {
    const { frozenRows, columnWidths } = this.options;
    const pane = frozenRows > 0
      ? `<pane ySplit="${frozenRows}" topLeftCell="A${frozenRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`
      : '';
    const cols = columnWidths.length === 0 ? ''
      : `<cols>${columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
    return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`;
  }

  /**
   * Sheet XML to the file, in pieces: a promise when a piece went out. Each row is encoded into the piece as it comes:
   * a piece kept as one string of 256 K characters, appended to row by row, cost 4.4 s of a county ledger's export to
   * flatten and encode (measured).
   */
  private append(text: string): Promise<void> | null {
    const sent = this.pieces;
    const headFull = !this.started && this.encode(this.head());
    this.started = true;
    const full = this.encode(text);
    if (headFull || full) return this.stream.drained();
    // zlib hands each piece to its thread from this thread's event loop: rows written without a pause reached it only
    // once the stream was full, and the export then waited for deflate a fifth of its time (measured).
    return this.pieces > sent ? new Promise((resolve) => setImmediate(resolve)) : null;
  }

  /** Encodes text into the piece, sending the piece first if the text might not fit. Returns whether to wait. */
  private encode(text: string): boolean {
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    const room = text.length * 3;
    const full = this.filled + room > this.piece.length && this.send(Math.max(room, CHUNK));
    this.filled += this.piece.write(text, this.filled);
    return full;
  }

  /** The piece so far to the stream, which keeps it, and a new piece of this size. Returns whether to wait. */
  private send(size: number): boolean {
    const full = this.filled > 0 && !this.stream.write(this.piece.subarray(0, this.filled));
    if (this.filled > 0) this.pieces += 1;
    this.piece = Buffer.allocUnsafe(size);
    this.filled = 0;
    return full;
  }

  /** Start a row (1-based, each later than the last): its cells follow, left to right, then `endRow`. */
  beginRow(rowNumber: number): void {
    if (this.done) throw new Error('xlsx: sheet already ended');
    if (!Number.isInteger(rowNumber) || rowNumber <= this.lastRow) throw new Error(`xlsx: row ${rowNumber} after row ${this.lastRow}`);
    this.lastRow = rowNumber;
    this.lastColumn = -1;
    this.rowXml = `<row r="${rowNumber}">`;
  }

  /** A cell of the current row (0-based column); an empty string leaves it empty but styled. */
  cell(column: number, value: string | number, style: StyleId): void {
    if (column <= this.lastColumn) throw new Error(`xlsx: column ${column} after column ${this.lastColumn}`);
    this.lastColumn = column;
    const ref = this.letter(column) + this.lastRow;
    if (typeof value === 'number' && Number.isFinite(value)) this.rowXml += `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
    else if (value === '') this.rowXml += `<c r="${ref}" s="${style}"/>`;
    else this.rowXml += `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
  }

  /** A note (comment) on the cell just written. */
  note(text: string): void {
    this.notes.push({ row: this.lastRow, column: this.lastColumn, text });
  }

  /**
   * End the row. Returns a promise only when a piece of the sheet went out (to be awaited before more rows come):
   * awaiting every one of a county ledger's rows cost a second (measured).
   */
  endRow(): Promise<void> | null {
    return this.append(`${this.rowXml}</row>`);
  }

  /** A whole row from column A, every cell in one style. */
  async row(rowNumber: number, values: readonly (string | number)[], style: StyleId): Promise<void> {
    this.beginRow(rowNumber);
    values.forEach((value, column) => this.cell(column, value, style));
    await this.endRow();
  }

  /** A merged range, 1-based and inclusive; ranges must not overlap. */
  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push(`${this.letter(left - 1)}${top}:${this.letter(right - 1)}${bottom}`);
  }

  async end(): Promise<void> {
    if (this.done) return;
    const merges = this.merges.length === 0 ? ''
      : `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
    const margins = '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>';
    await this.append(`</sheetData>${merges}${margins}${this.notes.length > 0 ? '<legacyDrawing r:id="rId2"/>' : ''}</worksheet>`);
    if (this.send(0)) await this.stream.drained();
    await this.stream.end();
    this.done = true;
    this.onEnd(this.notes);
  }
}

/** The comments part: the note texts. */
function commentsXml(notes: readonly Note[], author: string): string {
  const list = notes.map((n) => `<comment ref="${columnLetter(n.column)}${n.row}" authorId="0"><text><r><t xml:space="preserve">${escapeXml(n.text)}</t></r></text></comment>`);
  return `${XML_HEAD}<comments xmlns="${NS_MAIN}"><authors><author>${escapeXml(author)}</author></authors><commentList>${list.join('')}</commentList></comments>`;
}

/** The VML drawing Excel needs to show each note as a box beside its cell. */
function vmlXml(notes: readonly Note[], sheetNumber: number): string {
  const shapes = notes.map((n, i) => {
    const r = n.row - 1;
    return `<v:shape id="_x0000_s${sheetNumber * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;` +
      'width:144pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>' +
      '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">' +
      '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
      `<x:Anchor>${n.column + 1}, 15, ${r}, 2, ${n.column + 4}, 15, ${r + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill>` +
      `<x:Row>${r}</x:Row><x:Column>${n.column}</x:Column></x:ClientData></v:shape>`;
  });
  return '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetNumber}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>' +
    `<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes.join('')}</xml>`;
}

const relationships = (rels: readonly [type: string, target: string][]): string =>
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;

/**
 * A workbook written sheet after sheet to a file; `close` finishes it, `abort` gives it up. Deflated at level 1: at
 * level 6 deflating was the slower half of a county ledger's export for a file a fifth smaller.
 */
export class XlsxStreamWriter {
  private readonly zip: ZipFileWriter;
  private readonly sheets: { name: string; notes: boolean }[] = [];
  private current: SheetWriter | null = null;

  constructor(file: string, private readonly meta: { creator: string; title: string }) {
    this.zip = new ZipFileWriter(file, 1);
  }

  addSheet(name: string, options: SheetOptions): SheetWriter {
    if (this.current && !this.current.ended) throw new Error('xlsx: the previous sheet is not ended');
    const number = this.sheets.length + 1;
    const sheet = { name, notes: false };
    this.sheets.push(sheet);
    const stream = this.zip.stream(`xl/worksheets/sheet${number}.xml`, EXPORT_MESSAGES.sheetTooLarge(name));
    this.current = new SheetWriter(stream, options, (notes) => {
      if (notes.length === 0) return;
      sheet.notes = true;
      this.zip.add(`xl/comments${number}.xml`, commentsXml(notes, this.meta.creator));
      this.zip.add(`xl/drawings/vmlDrawing${number}.vml`, vmlXml(notes, number));
      this.zip.add(`xl/worksheets/_rels/sheet${number}.xml.rels`, relationships([
        [`${NS_REL}/comments`, `../comments${number}.xml`], [`${NS_REL}/vmlDrawing`, `../drawings/vmlDrawing${number}.vml`],
      ]));
    });
    return this.current;
  }

  async close(): Promise<void> {
    if (this.sheets.length === 0) throw new Error('xlsx: a workbook needs a sheet');
    if (this.current) await this.current.end();
    const sheetList = this.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
    const part = (text: string, name: string) => this.zip.add(name, text);
    part(`${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets></workbook>`, 'xl/workbook.xml');
    part(relationships([...this.sheets.map((_, i): [string, string] => [`${NS_REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
      [`${NS_REL}/styles`, 'styles.xml']]), 'xl/_rels/workbook.xml.rels');
    part(STYLES_XML, 'xl/styles.xml');
    part(`${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${escapeXml(this.meta.title)}</dc:title><dc:creator>${escapeXml(this.meta.creator)}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created></cp:coreProperties>`, 'docProps/core.xml');
    part(relationships([[`${NS_REL}/officeDocument`, 'xl/workbook.xml'], [`${NS_PKG_REL}/metadata/core-properties`, 'docProps/core.xml']]), '_rels/.rels');
    const overrides = [
      ['/xl/workbook.xml', `${CT}.sheet.main+xml`], ['/xl/styles.xml', `${CT}.styles+xml`],
      ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
      ...this.sheets.map((_, i) => [`/xl/worksheets/sheet${i + 1}.xml`, `${CT}.worksheet+xml`]),
      ...this.sheets.flatMap((s, i) => (s.notes ? [[`/xl/comments${i + 1}.xml`, `${CT}.comments+xml`]] : [])),
    ];
    part(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
      `${overrides.map(([name, type]) => `<Override PartName="${name}" ContentType="${type}"/>`).join('')}</Types>`, '[Content_Types].xml');
    await this.zip.close();
  }

  /** Stop writing and release the file, so that the caller can remove it. */
  async abort(): Promise<void> {
    await this.zip.abort();
  }
}
