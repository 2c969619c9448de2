import { createHash } from 'node:crypto';
import path from 'node:path';
import { FIELD_BY_KEY, FIELDS } from '../../shared/domain/fields';
import { guessLedgerKind, type KindGuess, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { columnLetter } from '../../shared/errors';
import { cleanText, headerKey } from '../../shared/text/normalize';
import { badInput } from '../errors';
import type { Db } from '../workspace/workspace';
import { findHeader, headerRegionAt, SCAN_ROWS, type HeaderRegion } from './findHeader';
import { headerSignature, mapColumns, type ColumnMapping } from './mapColumns';
import { readWorkbook, STREAM_PART_BYTES } from './readWorkbook';
import type { SheetGrid, Workbook } from './sheetGrid';
import { findTemplate } from './store';
import { FORMAT_LABELS, IMPORT_MESSAGES, SKIP_REASONS } from './messages';

export interface SheetPlan {
  grid: SheetGrid;
  headerTop: number;
  headerBottom: number;
  columns: ColumnMapping[];
  signature: string;
  /** The mapping came from a template the user saved for these headers. */
  fromTemplate: boolean;
  village: string | null;
  warnings: string[];
}

export interface ImportPlan {
  fileName: string;
  sha256: string;
  format: string;
  formatLabel: string;
  encoding: string | null;
  kind: LedgerKindId;
  kindGuesses: KindGuess[];
  sheets: SheetPlan[];
  /** Sheets without a recognisable header (instructions, code lists) and why they were left out. */
  skippedSheets: { sheet: string; reason: string }[];
  /** A saved template supplied the mapping of at least one sheet. */
  usedTemplate: boolean;
  /** The user corrected the mapping: committing saves it as the template for these headers. */
  userCorrected: boolean;
  /** The file's bytes when a sheet is streamed: the import reads its rows from them. */
  source: Uint8Array | null;
}

/** Column overrides the user made: header text (or column letter) → field key or Chinese label; null unmaps. */
export type MappingOverrides = Readonly<Record<string, string | null>>;

export interface PlanOptions {
  kind?: LedgerKindId;
  overrides?: MappingOverrides;
  /** 1-based last header row, when the user points at it (the same for every sheet). */
  headerRow?: number;
}

const DEFAULT_SHEET_NAME = /^(sheet|工作表|表)\s*\d*$/i;
const VILLAGE_IN_TEXT = /(?:乡|镇|街道)([\u4e00-\u9fa5]{1,8}?(?:村|社区))/;

function villageOf(grid: SheetGrid, headerTop: number, fileName: string, sheetCount: number): string | null {
  const above = grid.rows.slice(0, headerTop).flat().filter((c) => c.length <= 200).map(cleanText).join(' ');
  const fromTitle = VILLAGE_IN_TEXT.exec(above)?.[1];
  if (fromTitle) return fromTitle;
  const sheet = cleanText(grid.name);
  if (/(村|社区)$/.test(sheet) || (sheetCount > 1 && !DEFAULT_SHEET_NAME.test(sheet))) return sheet;
  return VILLAGE_IN_TEXT.exec(fileName)?.[1] ?? null;
}

export function resolveFieldName(value: string): string | null {
  const text = cleanText(value);
  if (text === '' || text === '-' || text === '无' || text === '不导入') return null;
  if (FIELD_BY_KEY.has(text)) return text;
  const byLabel = FIELDS.find((d) => headerKey(d.label) === headerKey(text));
  if (byLabel) return byLabel.key;
  throw badInput(IMPORT_MESSAGES.unknownField(value));
}

function applyOverrides(columns: ColumnMapping[], overrides: MappingOverrides): boolean {
  let changed = false;
  for (const [target, value] of Object.entries(overrides)) {
    const key = headerKey(target);
    const column = columns.find(
      (c) => columnLetter(c.index) === target.toUpperCase() || headerKey(c.header) === key || headerKey(c.header.split(' / ').at(-1) ?? '') === key,
    );
    if (!column) continue;
    const field = value === null ? null : resolveFieldName(value);
    for (const other of columns) if (field !== null && other !== column && other.field === field) other.field = null;
    column.field = field;
    changed = true;
  }
  return changed;
}

/** A row whose headers match a saved template is the header, even when none of them is a known synonym. */
function headerFromTemplate(db: Db, grid: SheetGrid): HeaderRegion | null {
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const region = headerRegionAt(grid, r);
    if (region.parts.some((p) => p.length > 0) && findTemplate(db, headerSignature(region.parts.map((p) => p.join(' / '))))) return region;
  }
  return null;
}

function locateHeader(db: Db | null, grid: SheetGrid, options: PlanOptions): HeaderRegion | null {
  if (options.headerRow !== undefined) {
    const bottom = options.headerRow - 1;
    return bottom >= 0 && bottom < grid.rows.length ? headerRegionAt(grid, bottom) : null;
  }
  const userHeaders = new Set(Object.keys(options.overrides ?? {}).map(headerKey));
  return findHeader(grid, userHeaders) ?? (db ? headerFromTemplate(db, grid) : null);
}

function planSheet(db: Db | null, grid: SheetGrid, options: PlanOptions, fileName: string, sheetCount: number) {
  const kind = options.kind ?? null;
  const header = locateHeader(db, grid, options);
  if (!header) return null;
  const mapped = mapColumns(header.parts, kind);
  const signature = headerSignature(mapped.columns.map((c) => c.header));
  const found = db ? findTemplate(db, signature) : null;
  const template = found && found.columns.length === mapped.columns.length ? found : null;
  if (template) mapped.columns.forEach((c, i) => { c.field = template.columns[i] ?? null; });
  const warnings = mapped.duplicates.map(
    (d) => IMPORT_MESSAGES.duplicateColumn(columnLetter(d.index), d.header, FIELD_BY_KEY.get(d.field)?.label ?? d.field),
  );
  const plan: SheetPlan = {
    grid, headerTop: header.top, headerBottom: header.bottom, columns: mapped.columns, signature,
    fromTemplate: template !== null, village: villageOf(grid, header.top, fileName, sheetCount), warnings,
  };
  return { plan, template };
}

function identifiesPersons(s: SheetPlan): boolean {
  return s.columns.some((c) => c.field === 'name' || c.field === 'id_number' || c.field === 'head_name' || c.field === 'head_id');
}

/** A plan can be shown with a sheet that names no person (the clerk maps a column next), but not written. */
export function assertWritable(plan: ImportPlan): void {
  const s = plan.sheets.find((sheet) => !identifiesPersons(sheet));
  if (s) throw badInput(IMPORT_MESSAGES.noPersonColumn, { file: plan.fileName, sheet: s.grid.name, row: s.headerBottom + 1 });
}

/**
 * Read a file and decide everything about its import without writing: format, kind, header rows and column mapping
 * per sheet. The plan is what the mapping preview shows; `commitImport` writes it.
 */
export function planImport(
  db: Db | null, bytes: Uint8Array, filePath: string, options: PlanOptions = {}, streamAbove = STREAM_PART_BYTES,
): ImportPlan {
  const fileName = path.basename(filePath);
  const workbook: Workbook = readWorkbook(bytes, fileName, streamAbove);
  const skippedSheets: ImportPlan['skippedSheets'] = [];
  const sheets: SheetPlan[] = [];
  let templateKind: LedgerKindId | null = null;
  for (const grid of workbook.sheets) {
    const planned = planSheet(db, grid, options, fileName, workbook.sheets.length);
    if (!planned) {
      if (grid.rows.some((r) => r.some((c) => c !== ''))) skippedSheets.push({ sheet: grid.name, reason: SKIP_REASONS.noHeader });
      continue;
    }
    templateKind ??= planned.template?.kind ?? null;
    sheets.push(planned.plan);
  }
  if (sheets.length === 0) {
    throw badInput(IMPORT_MESSAGES.noHeader, {
      file: fileName,
      ...(workbook.sheets.length === 1 ? { sheet: workbook.sheets[0]?.name ?? '' } : {}),
    });
  }
  const fields = new Set(sheets.flatMap((s) => s.columns.map((c) => c.field).filter((f): f is string => f !== null)));
  const titleText = sheets.map((s) => s.grid.rows.slice(0, s.headerTop).flat().join(' ')).join(' ');
  const kindGuesses = guessLedgerKind(fields, `${fileName} ${titleText}`);
  const kind = options.kind ?? templateKind ?? kindGuesses[0]?.kind ?? 'village';
  // Kind-specific synonyms ("类别" in a civil-affairs list) only apply once the kind is known.
  for (const s of sheets) {
    if (s.fromTemplate) continue;
    const taken = new Set(s.columns.map((c) => c.field));
    const remapped = mapColumns(s.columns.map((c) => c.header.split(' / ')), kind).columns;
    s.columns.forEach((c, i) => {
      const field = remapped[i]?.field ?? null;
      if (c.field === null && field !== null && !taken.has(field)) { c.field = field; taken.add(field); }
    });
  }
  let userCorrected = options.kind !== undefined && options.kind !== kindGuesses[0]?.kind;
  if (options.overrides) {
    for (const s of sheets) if (applyOverrides(s.columns, options.overrides)) userCorrected = true;
  }
  for (const s of sheets) if (!identifiesPersons(s)) s.warnings.push(IMPORT_MESSAGES.noPersonColumn);
  return {
    fileName, sha256: createHash('sha256').update(bytes).digest('hex'), format: workbook.format,
    formatLabel: FORMAT_LABELS[workbook.format], encoding: workbook.encoding, kind, kindGuesses, sheets, skippedSheets,
    usedTemplate: sheets.some((s) => s.fromTemplate), userCorrected,
    source: sheets.some((s) => s.grid.streamed) ? workbook.source : null,
  };
}
