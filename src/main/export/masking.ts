/** What an export may reveal: full IDs only in an internal copy the clerk asked for. */
export interface Masking {
  fullIds: boolean;
}

// A run of 15–20 digits (last may be X) is an ID as some ledger wrote it: 18 or 15 digits, a truncated or over-long
// malformed one, or a disability card number (ID + category digit + grade digit).
const ID_LIKE = /(?<![\dXx])(?:\d{17}[\dXx]\d{2}|\d{14,19}[\dXx])(?![\dXx])/g;
const BIRTH_HEADER = /出生|生日|年龄|岁/;
const BIRTH_FIELDS = new Set(['birth_date']);
// Codes of households and persons are not personal IDs: masking them would make the sheet useless.
const CODE_FIELDS = new Set(['household_no', 'person_no', 'phone', 'helper_phone']);

/** First 6 digits, then stars over at least digits 7–14 (the birth date, whatever the length), then the rest. */
function maskRun(id: string): string {
  const hidden = Math.max(14, id.length - 4);
  return id.slice(0, 6) + '*'.repeat(hidden - 6) + id.slice(hidden);
}

/** A cell's text with every ID-like number masked. */
export function maskIdsIn(text: string): string {
  return text.replace(ID_LIKE, (run) => (run.length === 20 ? maskRun(run.slice(0, 18)) + run.slice(18) : maskRun(run)));
}

const DATE_LIKE = /(?<!\d)(?:(?:19|20)\d{6}|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,3}岁)(?!\d)/g;

/**
 * A sentence (an issue's message) beside a masked ID: IDs masked, and dates and ages hidden too, since a message about
 * a birth date would otherwise print it.
 */
export function maskNarrative(text: string, masking: Masking): string {
  return masking.fullIds ? text : maskIdsIn(text).replace(DATE_LIKE, '（已隐藏）');
}

/**
 * Beside a masked ID a birth date or age would give digits 7–14 back (DOMAIN.md §9): such columns are left blank
 * whenever IDs are masked.
 */
export function revealsBirth(field: string | null, header: string): boolean {
  return (field !== null && BIRTH_FIELDS.has(field)) || BIRTH_HEADER.test(header);
}

/** The shortest ID-like run ID_LIKE matches: shorter text cannot hold one. */
const SHORTEST_ID = 15;

/**
 * How an export writes the cells of one column: what depends on the column alone is decided once, since a county
 * ledger has millions of cells.
 */
export function columnText(field: string | null, header: string, masking: Masking): (text: string) => string {
  if (masking.fullIds) return (text) => text;
  if (revealsBirth(field, header)) return () => '';
  if (field !== null && CODE_FIELDS.has(field)) return (text) => text;
  return (text) => (text.length < SHORTEST_ID ? text : maskIdsIn(text));
}

/** The text an export writes for one cell of a column. */
export function exportText(text: string, field: string | null, header: string, masking: Masking): string {
  return columnText(field, header, masking)(text);
}
