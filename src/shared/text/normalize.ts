/** Value normalisation applied before any comparison (DOMAIN.md §3): a difference that vanishes here is no mismatch. */

const SPACES = /[\s\u200b-\u200d\u2060\ufeff]/g;
/** Printable ASCII and CJK unified ideographs are already NFKC-stable and hold no space to strip but ' '. */
const PLAIN = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/** NFKC (full-width → ASCII) and every kind of space removed: "王\u3000芳" → "王芳". */
export function cleanText(raw: string | null | undefined): string {
  if (raw == null) return '';
  if (PLAIN.test(raw)) return raw;
  return raw.normalize('NFKC').replace(SPACES, '');
}

/** Header comparison key: clean, bracket widths and kinds unified, required-field marks and colons dropped. */
export function headerKey(raw: string): string {
  return cleanText(raw)
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
    .replace(/[*※:：]/g, '')
    .toLowerCase();
}

const TRUE_WORDS = new Set(['是', '√', '✓', '✔', 'y', 'yes', '1', '有', '已', '已参保', '参保', '已参加', '参加', 'true', '安全', '已解决']);
const FALSE_WORDS = new Set(['否', '×', '✗', 'x', 'n', 'no', '0', '无', '未', '未参保', '未参加', 'false', '不安全', '未解决']);

export function parseFlag(raw: string): 0 | 1 | null {
  const t = cleanText(raw).toLowerCase();
  if (t === '') return null;
  if (TRUE_WORDS.has(t)) return 1;
  if (FALSE_WORDS.has(t)) return 0;
  return null;
}

/** "4", "4人", "4.0", "４人" → 4. */
export function parseCount(raw: string): number | null {
  const m = /^(\d+)(?:\.0+)?(?:人|口|个|户|月|个月)?$/.exec(cleanText(raw));
  return m ? Number(m[1]) : null;
}

/** "1,234.50元" → 1234.5. */
export function parseMoney(raw: string): number | null {
  const t = cleanText(raw).replace(/,/g, '').replace(/元$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** "2018", "2018年", "2018.0", "2018-12" → 2018. */
export function parseYear(raw: string): number | null {
  const m = /^((?:19|20)\d{2})(?:\.0+|年(?:度)?|[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?月?)?$/.exec(cleanText(raw));
  return m ? Number(m[1]) : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 1900-02-29. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80000) return null;
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  const dt = new Date(Date.UTC(1899, 11, 31) + days * 86400000);
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/**
 * Dates as clerks write them → ISO text: "19850312", "1985-3-12", "1985/03/12", "1985.3.12", "1985年3月12日"
 * → "1985-03-12"; month precision "198503", "1985年3月", "1985-03" → "1985-03"; Excel serials → a full date.
 */
export function parseDate(raw: string): string | null {
  const t = cleanText(raw);
  if (t === '') return null;
  let m = /^((?:18|19|20)\d{2})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^((?:18|19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^((?:18|19|20)\d{2})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(t);
  if (m) {
    const mo = Number(m[2] ?? m[3]);
    return mo >= 1 && mo <= 12 ? `${m[1]}-${pad(mo)}` : null;
  }
  if (/^\d{1,5}(\.\d+)?$/.test(t)) return excelSerialToIso(Number(t));
  return null;
}

export function parseSex(raw: string): '男' | '女' | null {
  const t = cleanText(raw).toLowerCase();
  if (t === '男' || t === '1' || t === 'm' || t === '男性') return '男';
  if (t === '女' || t === '2' || t === 'f' || t === '女性') return '女';
  return null;
}

/** Map a cleaned value through a vocabulary of variant → canonical; unknown values stay as cleaned. */
export function mapVocabulary(raw: string, vocabulary: Readonly<Record<string, string>>): string {
  const t = cleanText(raw);
  return lookup(vocabulary, t) ?? t;
}

/** Own keys only: a cell reading "__proto__" or "constructor" must not reach Object.prototype. */
function lookup(vocabulary: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(vocabulary, key) ? vocabulary[key] : undefined;
}

/** Multi-valued cells ("长期慢性病、残疾") → canonical values sorted and joined by ",". */
export function parseMulti(raw: string, vocabulary: Readonly<Record<string, string>>): string {
  const parts = cleanText(raw)
    .split(/[,，、;；/]+/)
    .filter((p) => p !== '')
    .map((p) => lookup(vocabulary, p) ?? p);
  return [...new Set(parts)].sort().join(',');
}
