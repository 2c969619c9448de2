import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_KINDS, type ExportKind } from '../../shared/domain/exports';
import { FIELDS } from '../../shared/domain/fields';
import { isLedgerKindId } from '../../shared/domain/ledgerKinds';
import { listCorrections } from '../corrections/correctionLog';
import { adoptValue, bulkCorrect, correctRecords, redo, undo, type CorrectionResult } from '../corrections/corrections';
import { importVerification } from '../corrections/verificationImport';
import { badInput, UserError } from '../errors';
import { runExport } from '../export/runExport';
import { saveSetting } from '../settings/settings';
import { openWorkspace, type Db } from '../workspace/workspace';

/** `correct`, `undo`, `redo`, `log`, `verify-import` and `export`: what a clerk does after the check. */

export const CORRECTION_USAGE = `  duizhang correct <工作区.db> --record <记录> --field <字段> (--value <值> | --adopt) --reason <原因> [--note 说明] [--issue 问题编号]
  duizhang correct <工作区.db> --issues <问题编号,…> (--from <台账类型> | --value <值>) --reason <原因>
                                   记录：记录号，或“文件!工作表!行号”；--adopt 以此为准（所有台账取该值）
  duizhang undo <工作区.db> | duizhang redo <工作区.db>
  duizhang log <工作区.db> [--limit 条数]       修改记录
  duizhang verify-import <工作区.db> <已填写的入户核实表.xlsx>
  duizhang export <工作区.db> --what ${Object.keys(EXPORT_KINDS).join('|')} --out <目录> [--ledger 台账类型] [--village 村]
                                   [--household 户编号] [--full-ids 内部留存，不隐藏身份证号]`;

function withWorkspace<T>(file: string | undefined, run: (db: Db) => T): T {
  if (!file) throw badInput(`缺少工作区。\n${CORRECTION_USAGE}`);
  const db = openWorkspace(file);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** A field by its key (household_size) or by its Chinese label (家庭人口数). */
function parseField(text: string | undefined): string {
  const def = FIELDS.find((f) => f.key === text || f.label === text);
  if (!def) throw badInput(`不认识的字段“${text ?? ''}”。可用：${FIELDS.filter((f) => f.key !== 'seq').map((f) => `${f.key}（${f.label}）`).join('、')}`);
  return def.key;
}

/** Record ids, or "文件!工作表!行号" as the issue list shows a record's place. */
function parseRecords(db: Db, spec: string): number[] {
  return spec.split(',').map((part) => {
    const text = part.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const [file, sheet, row] = text.split('!');
    const found = db.prepare(`SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.file_name = ? AND r.sheet = ? AND r.row_number = ?`)
      .get(file ?? '', sheet ?? '', Number(row)) as { id: number } | undefined;
    if (!found) throw new UserError('NOT_FOUND', `找不到记录“${text}”（应为记录号，或“文件!工作表!行号”）。`);
    return found.id;
  });
}

const describeResult = (r: CorrectionResult): string => r.changed === 0
  ? '没有需要修改的单元格（值已相同）。'
  : `已修改 ${r.changed} 个单元格，复查 ${r.households} 户：关闭问题 ${r.closed} 个，这些户仍有待处理问题 ${r.open} 个。`;

function cmdCorrect(args: string[], out: NodeJS.WritableStream): void {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      record: { type: 'string' }, field: { type: 'string' }, value: { type: 'string' }, adopt: { type: 'boolean' }, reason: { type: 'string' },
      note: { type: 'string' }, issue: { type: 'string' }, issues: { type: 'string' }, from: { type: 'string' }, operator: { type: 'string' },
    },
  });
  withWorkspace(positionals[0], (db) => {
    if (values.operator) saveSetting(db, 'operator', values.operator);
    const meta = { reason: values.reason ?? '', note: values.note, issueKey: values.issue };
    if (values.issues) {
      if (values.from && !isLedgerKindId(values.from)) throw badInput(`不认识的台账类型“${values.from}”。`);
      const action = values.from ? { adoptFrom: values.from } : values.value !== undefined ? { value: values.value } : null;
      if (!action) throw badInput(`批量修改需要 --from <台账类型> 或 --value <值>。\n${CORRECTION_USAGE}`);
      const result = bulkCorrect(db, values.issues.split(',').map((k) => k.trim()), action, meta);
      out.write(`${describeResult(result)}\n`);
      for (const s of result.skipped) out.write(`  未处理 ${s.key}：${s.reason}\n`);
      return;
    }
    if (!values.record || !values.field) throw badInput(`缺少 --record 或 --field。\n${CORRECTION_USAGE}`);
    const records = parseRecords(db, values.record);
    const field = parseField(values.field);
    if (values.adopt) {
      const [record] = records;
      if (records.length !== 1 || record === undefined) throw badInput('--adopt（以此为准）只能指定一条记录。');
      out.write(`${describeResult(adoptValue(db, record, field, meta))}\n`);
    } else {
      if (values.value === undefined) throw badInput(`缺少 --value（或用 --adopt 以此为准）。\n${CORRECTION_USAGE}`);
      out.write(`${describeResult(correctRecords(db, records, field, values.value, meta))}\n`);
    }
  });
}

function cmdLog(args: string[], out: NodeJS.WritableStream): void {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string' } } });
  withWorkspace(positionals[0], (db) => {
    const { total, entries } = listCorrections(db, { limit: Number(values.limit ?? 100) || 100 });
    out.write(`修改记录共 ${total} 条${entries.length < total ? `，显示最近 ${entries.length} 条` : ''}：\n`);
    const actions = { edit: '修改', undo: '撤销', redo: '重做' };
    for (const e of entries) {
      const field = FIELDS.find((f) => f.key === e.field)?.label ?? e.field;
      out.write(`${e.at.replace('T', ' ').slice(0, 19)}  ${e.actor}  ${actions[e.action]}  ${e.file}!${e.sheet}!${e.row}  ${e.name ?? ''}  ` +
        `${field}：“${e.oldText}”→“${e.newText}”  原因：${e.reason}${e.note ? `（${e.note}）` : ''}\n`);
    }
  });
}

async function cmdExport(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      what: { type: 'string' }, out: { type: 'string' }, ledger: { type: 'string' }, village: { type: 'string' },
      household: { type: 'string' }, 'full-ids': { type: 'boolean' },
    },
  });
  if (!values.what || !values.out) throw badInput(`缺少 --what 或 --out。\n${CORRECTION_USAGE}`);
  const file = positionals[0];
  if (!file) throw badInput(`缺少工作区。\n${CORRECTION_USAGE}`);
  const db = openWorkspace(file);
  try {
    const result = await runExport(db, {
      what: values.what as ExportKind, outDir: values.out, ledger: values.ledger, village: values.village, household: values.household,
      fullIds: values['full-ids'] === true,
    });
    out.write(`已导出 ${result.rows} 行${values['full-ids'] ? '（含完整身份证号，仅供内部留存）' : '（身份证号已隐藏）'}：\n`);
    for (const f of result.files) out.write(`  ${path.resolve(f)}\n`);
  } finally {
    db.close();
  }
}

function cmdVerifyImport(args: string[], out: NodeJS.WritableStream): void {
  const [dbArg, file] = args;
  if (!file) throw badInput(`缺少已填写的入户核实表。\n${CORRECTION_USAGE}`);
  withWorkspace(dbArg, (db) => {
    const r = importVerification(db, file);
    const verdicts = r.verdicts.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v.verdict]: (acc[v.verdict] ?? 0) + 1 }), {});
    out.write(`已读取 ${r.households} 户的核实结果：修改 ${r.corrections} 个单元格（原因：入户核实），记录核实项目 ${r.checks} 项，` +
      `问题核实结论 ${r.verdicts.length} 条${Object.keys(verdicts).length ? `（${Object.entries(verdicts).map(([k, n]) => `${k} ${n}`).join('，')}）` : ''}。\n`);
    for (const w of r.warnings) out.write(`  注意：${w}\n`);
  });
}

export type CorrectionCommand = 'correct' | 'undo' | 'redo' | 'log' | 'verify-import' | 'export';

export async function runCorrectionCommand(command: CorrectionCommand, args: string[], out: NodeJS.WritableStream): Promise<void> {
  switch (command) {
    case 'correct': return cmdCorrect(args, out);
    case 'undo': return withWorkspace(args[0], (db) => { out.write(`已撤销上一次修改。${describeResult(undo(db))}\n`); });
    case 'redo': return withWorkspace(args[0], (db) => { out.write(`已重做。${describeResult(redo(db))}\n`); });
    case 'log': return cmdLog(args, out);
    case 'verify-import': return cmdVerifyImport(args, out);
    case 'export': return cmdExport(args, out);
  }
}
