/** Resident identity numbers per GB 11643-1999, plus legacy 15-digit and disability-card forms. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdStatus =
  | 'ok'
  | 'missing'
  | 'malformed'
  | 'checksum'
  | 'bad_birth_date'
  | 'excel_damaged'
  | 'legacy15';

export interface IdAnalysis {
  /** Normalised form: an 18-character ID where one could be derived (15-digit upgraded), else the cleaned text. */
  normalized: string;
  status: IdStatus;
  /** YYYY-MM-DD from the digits, when the digits hold a real date. */
  birthDate: string | null;
  sex: '男' | '女' | null;
  region: string | null;
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export function upgradeLegacyId(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));
}

/** Excel keeps 15 significant digits: an 18-digit number comes back as digits ending in 000 or in E-notation. */
export function looksExcelDamaged(text: string): boolean {
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return true;
  return /^\d{18}$/.test(text) && text.endsWith('000') && checkCharacter(text.slice(0, 17)) !== '0';
}

/** Clean an ID cell: NFKC, strip every kind of space, a leading apostrophe, and upper-case x. */
export function cleanIdText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]/g, '')
    .replace(/^'+/, '')
    .toUpperCase();
}

export function analyzeId(raw: string | null | undefined): IdAnalysis {
  const text = raw == null ? '' : cleanIdText(raw);
  const none = { birthDate: null, sex: null, region: null } as const;
  if (text === '') return { normalized: '', status: 'missing', ...none };
  if (looksExcelDamaged(text)) return { normalized: text, status: 'excel_damaged', ...none };
  if (/^\d{15}$/.test(text)) {
    const upgraded = upgradeLegacyId(text);
    const parsed = analyzeId(upgraded);
    return { ...parsed, status: parsed.status === 'ok' ? 'legacy15' : parsed.status };
  }
  if (!/^\d{17}[\dX]$/.test(text)) return { normalized: text, status: 'malformed', ...none };
  const y = Number(text.slice(6, 10));
  const m = Number(text.slice(10, 12));
  const d = Number(text.slice(12, 14));
  const dateOk = realDate(y, m, d) && y >= 1880;
  const birthDate = dateOk ? `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}` : null;
  const sex = Number(text.charAt(16)) % 2 === 1 ? '男' : '女';
  const base = { normalized: text, birthDate, sex, region: text.slice(0, 6) } as const;
  if (checkCharacter(text.slice(0, 17)) !== text.charAt(17)) return { ...base, status: 'checksum' };
  if (!dateOk) return { ...base, status: 'bad_birth_date' };
  return { ...base, status: 'ok' };
}

/** Mask for exports: first 6 + last 4; digits 7–14 (the birth date) are never shown. */
export function maskId(id: string, keepHead = 6, keepTail = 4): string {
  const head = Math.min(keepHead, 6);
  const tail = Math.min(keepTail, 4);
  if (id.length <= head + tail) return '*'.repeat(id.length);
  return id.slice(0, head) + '*'.repeat(id.length - head - tail) + id.slice(id.length - tail);
}
