import type { IssueListRow, IssuePage, LedgerPage, PersonView } from '../../shared/api/contract';
import { FIELD_BY_KEY, FIELDS } from '../../shared/domain/fields';
import { LEDGER_KIND_BY_ID, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { ISSUE_STATUSES, RULE_FAMILIES, type IssueStatus, type RuleFamily, type Severity } from '../../shared/domain/rules';
import { readCells } from '../corrections/cells';
import { correctedCells, listCorrections } from '../corrections/correctionLog';
import { UserError } from '../errors';
import type { ColumnMapping } from '../import/mapColumns';
import { listSources } from '../import/store';
import { RULE_BY_ID } from '../rules/registry';
import type { Db } from '../workspace/workspace';
import { API_MESSAGES } from './messages';

/** The read models of the desk's grids: paged, sorted and filtered in SQLite, shaped for display. */

const kindLabel = (kind: string): string => LEDGER_KIND_BY_ID.get(kind as LedgerKindId)?.label ?? kind;

export interface IssueQuery {
  offset: number; limit: number; sort?: 'village' | 'rule' | 'severity' | 'status' | 'names' | undefined; desc?: boolean | undefined;
  village?: string | undefined; family?: string | undefined; rule?: string | undefined; severity?: Severity | undefined;
  status?: IssueStatus | undefined; ledger?: string | undefined; search?: string | undefined;
}

const SORTS = { village: 'i.village', rule: 'i.rule', severity: "CASE i.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END", status: 'i.status', names: 'names' };

export function issuePage(db: Db, q: IssueQuery): IssuePage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, key: string, value: unknown): void => { where.push(sql); params[key] = value; };
  if (q.village) add('i.village = :village', 'village', q.village);
  if (q.family) add("i.rule LIKE :family || '.%'", 'family', q.family);
  if (q.rule) add('i.rule = :rule', 'rule', q.rule);
  if (q.severity) add('i.severity = :severity', 'severity', q.severity);
  if (q.ledger) add(`i.records LIKE '%"source":"' || :ledger || '"%'`, 'ledger', q.ledger);
  if (q.search) add(`(i.person_keys LIKE '%' || :search || '%' OR i.message LIKE '%' || :search || '%' OR i.household_key LIKE '%' || :search || '%')`, 'search', q.search.trim());
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const counts = Object.fromEntries(Object.keys(ISSUE_STATUSES).map((s) => [s, 0])) as Record<IssueStatus, number>;
  for (const c of db.prepare(`SELECT status, count(*) AS n FROM issues i ${base} GROUP BY status`).all(params) as { status: IssueStatus; n: number }[]) counts[c.status] = c.n;
  const filtered = q.status ? `${base ? `${base} AND` : 'WHERE'} i.status = :status` : base;
  if (q.status) params.status = q.status;
  const total = (db.prepare(`SELECT count(*) AS n FROM issues i ${filtered}`).get(params) as { n: number }).n;
  const order = `${SORTS[q.sort ?? 'village']} ${q.desc ? 'DESC' : 'ASC'}, i.key`;
  const rows = db.prepare(`SELECT i.key, i.rule, i.severity, i.status, i.village, i.household_key, i.person_keys, i.field, i.message, i.records,
      coalesce((SELECT r.name FROM records r WHERE r.person_key = json_extract(i.person_keys, '$[0]') AND r.name IS NOT NULL LIMIT 1), '') AS names
    FROM issues i ${filtered} ORDER BY ${order} LIMIT :limit OFFSET :offset`).all({ ...params, limit: q.limit, offset: q.offset }) as {
    key: string; rule: string; severity: Severity; status: IssueStatus; village: string | null; household_key: string | null; person_keys: string;
    field: string | null; message: string; records: string; names: string;
  }[];
  return {
    total, counts,
    rows: rows.map((r): IssueListRow => {
      const rule = RULE_BY_ID.get(r.rule);
      return {
        key: r.key, rule: r.rule, ruleTitle: rule?.title ?? r.rule, family: rule ? RULE_FAMILIES[rule.family] : '', severity: r.severity,
        status: r.status, village: r.village, householdKey: r.household_key, personKey: (JSON.parse(r.person_keys) as string[])[0] ?? null,
        names: r.names, field: r.field ? (FIELD_BY_KEY.get(r.field)?.label ?? r.field) : null, message: r.message,
        ledgers: [...new Set((JSON.parse(r.records) as { source: string }[]).map((x) => kindLabel(x.source)))].join('、'),
      };
    }),
  };
}

/** One person (or household) across every ledger, side by side, with its issues and correction history. */
export function personView(db: Db, key: string, household: boolean): PersonView {
  const records = db.prepare(`SELECT r.id, s.kind, s.file_name AS file, r.sheet, r.row_number AS row, r.name, r.person_key AS personKey, r.household_key AS householdKey
      FROM records r JOIN sources s ON s.id = r.source_id WHERE ${household ? 'r.household_key' : 'r.person_key'} = ? ORDER BY s.id, r.row_number`)
    .all(key) as { id: number; kind: string; file: string; sheet: string; row: number; name: string | null; personKey: string | null; householdKey: string | null }[];
  if (records.length === 0) throw new UserError('NOT_FOUND', API_MESSAGES.noSuchPerson(household, key));
  const ids = records.map((r) => r.id);
  const fields = FIELDS.filter((f) => f.key !== 'seq' && (!household || f.level === 'household' || f.level === 'place')).flatMap((f) => {
    const byRecord = new Map(readCells(db, ids, f.key).map((c) => [c.recordId, c]));
    const present = records.map((r) => byRecord.get(r.id)).map((c) => (c && c.position >= 0 ? c : null));
    if (present.every((c) => c === null)) return [];
    const values = new Set(present.filter((c) => c !== null && c.value !== null).map((c) => String(c?.value)));
    return [{
      field: f.key, label: f.label,
      cells: present.map((c) => (c ? { recordId: c.recordId, text: c.text, differs: values.size > 1, editable: true } : null)),
    }];
  });
  const householdKey = records.find((r) => r.householdKey)?.householdKey ?? null;
  const issues = db.prepare(`SELECT key, rule, severity, status, message, field FROM issues
      WHERE ${household ? 'household_key = ?' : 'EXISTS (SELECT 1 FROM json_each(person_keys) WHERE value = ?)'} ORDER BY status, severity, rule, key`)
    .all(key) as { key: string; rule: string; severity: Severity; status: IssueStatus; message: string; field: string | null }[];
  const members = householdKey
    ? (db.prepare(`SELECT person_key AS key, max(name) AS name FROM records WHERE household_key = ? AND person_key IS NOT NULL GROUP BY person_key ORDER BY min(id)`)
      .all(householdKey) as { key: string; name: string }[])
    : [];
  const name = records.find((r) => r.name)?.name ?? key;
  return {
    key, title: household ? API_MESSAGES.householdTitle(records.find((r) => r.kind === 'national')?.name ?? name) : name, householdKey,
    records: records.map((r) => ({ id: r.id, kind: r.kind, kindLabel: kindLabel(r.kind), file: r.file, sheet: r.sheet, row: r.row, name: r.name, personKey: r.personKey })),
    fields,
    issues: issues.map((i) => ({ key: i.key, ruleTitle: RULE_BY_ID.get(i.rule)?.title ?? i.rule, severity: i.severity, status: i.status, message: i.message, field: i.field })),
    history: listCorrections(db, { recordIds: ids, limit: 200 }).entries,
    members,
  };
}

/** One imported ledger as rows of current cell text, corrected cells listed per row. */
export function ledgerPage(db: Db, sourceId: number, offset: number, limit: number): LedgerPage {
  const source = listSources(db).find((s) => s.id === sourceId);
  if (!source) throw new UserError('NOT_FOUND', API_MESSAGES.noSuchLedger(sourceId));
  const headers: { header: string; field: string | null }[] = [];
  for (const sheet of source.sheets) for (const c of sheet.columns) if (!headers.some((h) => h.header === c.header)) headers.push({ header: c.header, field: c.field });
  const columnsBySheet = new Map<string, ColumnMapping[]>(source.sheets.map((s) => [s.name, s.columns]));
  const corrected = correctedCells(db, sourceId);
  // Where each shown column sits in a sheet's raw row: sheets of one source may order their columns differently.
  const positionCache = new Map<string, number[]>();
  const positionsOf = (sheet: string): number[] => {
    let positions = positionCache.get(sheet);
    if (!positions) {
      const columns = columnsBySheet.get(sheet) ?? [];
      positions = headers.map((h) => columns.findIndex((c) => c.header === h.header));
      positionCache.set(sheet, positions);
    }
    return positions;
  };
  const total = (db.prepare('SELECT count(*) AS n FROM records WHERE source_id = ?').get(sourceId) as { n: number }).n;
  const rows = db.prepare('SELECT id, sheet, row_number, raw FROM records WHERE source_id = ? ORDER BY id LIMIT ? OFFSET ?')
    .all(sourceId, limit, offset) as { id: number; sheet: string; row_number: number; raw: string }[];
  return {
    total,
    columns: headers.map((h, i) => ({ key: `c${i}`, header: h.header, field: h.field })),
    rows: rows.map((r) => {
      const raw = JSON.parse(r.raw) as string[];
      const positions = positionsOf(r.sheet);
      const fixes = corrected.get(r.id);
      const fixed: number[] = [];
      const cells = headers.map((h, i) => {
        const k = positions[i] ?? -1;
        const fix = h.field ? fixes?.get(h.field) : undefined;
        if (fix) fixed.push(i);
        return fix ? fix.text : k >= 0 ? (raw[k] ?? '') : '';
      });
      return { id: r.id, sheet: r.sheet, row: r.row_number, cells, corrected: fixed };
    }),
  };
}

export const familyLabel = (family: string): string => (Object.hasOwn(RULE_FAMILIES, family) ? RULE_FAMILIES[family as RuleFamily] : family);
