/**
 * Every call the renderer may make: name → input schema → output type. The handler map in src/main/api satisfies
 * `Handlers`, the HTTP transport, the preload and the renderer's client are derived from `CALLS`, and every input is
 * parsed with its schema before a handler sees it (the renderer is untrusted).
 */
import { z } from 'zod';
import type { ExportKind } from '../domain/exports';
import type { ReadinessItem } from '../domain/readiness';
import type { IssueStatus, RuleFamily, Severity } from '../domain/rules';

const text = z.string().max(2000);
const name = z.string().min(1).max(200);

export interface SourceInfo { id: number; kind: string; kindLabel: string; fileName: string; rows: number; sheets: string[]; importedAt: string; skipped: number }
export interface WorkspaceInfo {
  path: string | null;
  sources: SourceInfo[];
  records: number;
  lastCheck: string | null;
  operator: string;
  villages: string[];
  canUndo: boolean;
  canRedo: boolean;
}
export interface ImportOutcome { file: string; ok: boolean; message: string; kind?: string; rows?: number; skipped?: { sheet: string; row: number; reason: string }[] }
export interface PreviewColumn { index: number; header: string; field: string | null }
export interface PreviewOutcome {
  file: string;
  ok: boolean;
  message: string;
  kind?: string;
  kindLabel?: string;
  /** The mapping came from a template saved when a file with the same headers was corrected. */
  usedTemplate?: boolean;
  sheets?: { name: string; headerRows: [number, number]; village: string | null; columns: PreviewColumn[]; sample: { row: number; values: Record<string, string | number | null> }[]; warnings: string[] }[];
}
export interface CheckOutcome { open: number; closed: number; notes: string[]; byFamily: { family: RuleFamily; severity: Severity; count: number }[] }
/** Long work (import, check, export) runs in a worker thread as a job the desk polls and may cancel. */
export type JobKind = 'import' | 'check' | 'export';
export interface JobStatus {
  id: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Progress in the job's own unit (rows of the file being imported, rules checked); total 0 while unknown. */
  done: number;
  total: number;
  /** What the job is doing now, for the progress bar. */
  label: string;
  /** Import: one outcome per file finished so far (also after a cancel). */
  imported: ImportOutcome[];
  checked: CheckOutcome | null;
  exported: ExportOutcome | null;
  error: { code: string; message: string } | null;
}
export interface Dashboard {
  open: number;
  byFamily: { family: RuleFamily; familyLabel: string; severity: Severity; count: number }[];
  byVillage: { village: string; severity: Severity; count: number }[];
  readiness: { village: string; households: number; passRate: Record<ReadinessItem, number | null> }[];
  lastImport: string | null;
  lastCheck: string | null;
}
export interface IssueListRow {
  key: string; rule: string; ruleTitle: string; family: string; severity: Severity; status: IssueStatus; village: string | null;
  householdKey: string | null; personKey: string | null; names: string; field: string | null; message: string; ledgers: string;
}
export interface IssuePage { total: number; rows: IssueListRow[]; counts: Record<IssueStatus, number> }
export interface PersonCell { recordId: number; text: string; differs: boolean; editable: boolean }
export interface PersonView {
  key: string;
  title: string;
  householdKey: string | null;
  /** One column per record (ledger, file, row), one row per field. */
  records: { id: number; kind: string; kindLabel: string; file: string; sheet: string; row: number; name: string | null; personKey: string | null }[];
  fields: { field: string; label: string; cells: (PersonCell | null)[] }[];
  issues: { key: string; ruleTitle: string; severity: Severity; status: IssueStatus; message: string; field: string | null }[];
  history: CorrectionEntry[];
  members: { key: string; name: string }[];
}
export interface CorrectionEntry { id: number; at: string; actor: string; action: string; reason: string; note: string | null; file: string; sheet: string; row: number; name: string | null; field: string; oldText: string; newText: string }
export interface CorrectionOutcome { changed: number; closed: number; open: number }
export interface LedgerPage { columns: { key: string; header: string; field: string | null }[]; total: number; rows: { id: number; sheet: string; row: number; cells: string[]; corrected: number[] }[] }
export interface ExportOutcome { files: { name: string; path: string }[]; rows: number }
export interface BackupInfo { name: string; at: string; reason: string; bytes: number }
export interface RuleInfo { id: string; title: string; family: string; severity: Severity; defaultSeverity: Severity; enabled: boolean; explanation: string }

const severity = z.enum(['error', 'warning', 'info']);
const status = z.enum(['open', 'resolved', 'confirmed', 'deferred']);
/** Column corrections: header text → canonical field key, or null for "keep the text only". */
const mapping = z.record(z.string().max(500), z.string().max(100).nullable());
const upload = z.object({ name, data: z.string(), kind: z.string().optional(), map: mapping.optional() });
const exportRequest = {
  what: z.enum(['ledger', 'issues', 'verify', 'readiness', 'notice']), ledger: text.optional(), village: text.optional(),
  household: text.optional(), fullIds: z.boolean().optional(),
};
const job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), files: z.array(upload).min(1).max(50), backup: z.boolean().optional() }),
  z.object({ kind: z.literal('check') }),
  z.object({ kind: z.literal('export'), ...exportRequest }),
]);
export type JobRequest = z.infer<typeof job>;
const correctionMeta = { reason: name, note: text.optional(), issueKey: text.optional() };

/** Phantom output type: the schema validates input; outputs come from our own main process. */
const returns = <T>(): T => undefined as unknown as T;

export const contract = {
  'workspace:info': { input: z.object({}), output: returns<WorkspaceInfo>() },
  'workspace:open': { input: z.object({ path: name, create: z.boolean().optional() }), output: returns<WorkspaceInfo>() },
  'workspace:openSample': { input: z.object({}), output: returns<WorkspaceInfo>() },
  /** Backups of the given workspace file, or of the open one. */
  'backups:list': { input: z.object({ path: name.optional() }), output: returns<{ workspace: string; backups: BackupInfo[] }>() },
  /** Put a backup (by its name in the list) back in place of the workspace, then open it. */
  'backups:restore': { input: z.object({ path: name.optional(), backup: name }), output: returns<WorkspaceInfo>() },
  'import:preview': { input: z.object({ files: z.array(upload).min(1).max(50) }), output: returns<PreviewOutcome[]>() },
  /**
   * Start long work in a worker thread; one job at a time, and while it runs other changes to the workspace wait.
   * Import: files whose mapping the clerk corrected (`map`) save it as a template for the next file with the same
   * headers; the workspace is backed up first unless `backup` is false.
   */
  'jobs:start': { input: job, output: returns<JobStatus>() },
  'jobs:status': { input: z.object({ id: name }), output: returns<JobStatus>() },
  /** Stop a job: what it had not committed is rolled back (an import keeps the files it finished). */
  'jobs:cancel': { input: z.object({ id: name }), output: returns<JobStatus>() },
  'dashboard:get': { input: z.object({}), output: returns<Dashboard>() },
  'issues:list': {
    input: z.object({
      offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000),
      sort: z.enum(['village', 'rule', 'severity', 'status', 'names']).optional(), desc: z.boolean().optional(),
      village: text.optional(), family: text.optional(), rule: text.optional(), severity: severity.optional(), status: status.optional(),
      ledger: text.optional(), search: text.optional(),
    }),
    output: returns<IssuePage>(),
  },
  'issues:setStatus': {
    input: z.object({ keys: z.array(text).min(1).max(10000), status: z.enum(['open', 'confirmed', 'deferred']), reason: text.optional(), until: text.optional() }),
    output: returns<{ updated: number }>(),
  },
  'issues:bulkCorrect': {
    input: z.object({ keys: z.array(text).min(1).max(10000), adoptFrom: text.optional(), value: text.optional(), reason: name, note: text.optional() }),
    output: returns<CorrectionOutcome & { skipped: number }>(),
  },
  'person:get': { input: z.object({ key: name, household: z.boolean().optional() }), output: returns<PersonView>() },
  'records:correct': { input: z.object({ recordIds: z.array(z.number().int()).min(1).max(10000), field: name, value: text, ...correctionMeta }), output: returns<CorrectionOutcome>() },
  'records:adopt': { input: z.object({ recordId: z.number().int(), field: name, ...correctionMeta }), output: returns<CorrectionOutcome>() },
  'corrections:undo': { input: z.object({}), output: returns<CorrectionOutcome>() },
  'corrections:redo': { input: z.object({}), output: returns<CorrectionOutcome>() },
  'corrections:log': { input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }), output: returns<{ total: number; entries: CorrectionEntry[] }>() },
  'ledger:rows': { input: z.object({ sourceId: z.number().int(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(200000) }), output: returns<LedgerPage>() },
  'settings:get': { input: z.object({}), output: returns<Record<string, unknown>>() },
  'settings:set': { input: z.object({ key: name, value: text }), output: returns<Record<string, unknown>>() },
  'rules:list': { input: z.object({}), output: returns<RuleInfo[]>() },
  'rules:set': { input: z.object({ id: name, enabled: z.boolean().optional(), severity: severity.optional() }), output: returns<RuleInfo[]>() },
  'export:log': { input: z.object({}), output: returns<{ at: string; what: ExportKind; files: string[]; fullIds: boolean; rows: number; actor: string }[]>() },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.infer<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K]['output'];
export const CALLS = Object.keys(contract) as CallName[];

/** What every transport returns: a value, or a code and a Chinese message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** The renderer's view of the API, whatever the transport. */
export type Api = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(contract, name);
}

/** Parse an untrusted input; the error message names the offending field in Chinese. */
export function parseInput<K extends CallName>(call: K, input: unknown): { ok: true; value: CallInput<K> } | { ok: false; message: string } {
  const parsed = contract[call].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as CallInput<K> };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `请求参数有误：${issue ? `${issue.path.join('.') || '（整体）'} ${issue.message}` : '格式不对'}` };
}
