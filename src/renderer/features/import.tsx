import { useState, type DragEvent } from 'react';
import type { ImportOutcome, PreviewOutcome, WorkspaceInfo } from '../../shared/api/contract';
import { FIELDS } from '../../shared/domain/fields';
import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';
import { api, fileToUpload } from '../api';
import { JobProgress, Status, useAction, useJob } from '../ui';

interface Picked { name: string; data: string; kind: string; map: Record<string, string | null> }

/**
 * 导入: pick or drop several files, see what each was recognised as, correct the ledger kind and any column the
 * header dictionary got wrong (the correction is saved as a template for the next file with the same headers), import.
 */
export function ImportScreen({ info, onChanged }: { info: WorkspaceInfo | null; onChanged: () => Promise<void> }) {
  const [files, setFiles] = useState<Picked[]>([]);
  const [previews, setPreviews] = useState<PreviewOutcome[]>([]);
  const [results, setResults] = useState<ImportOutcome[]>([]);
  const action = useAction();

  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const uploads = await Promise.all([...list].map(fileToUpload));
    const found = await action.run('正在识别文件', () => api['import:preview']({ files: uploads }), (p) => `已识别 ${p.filter((x) => x.ok).length} / ${p.length} 个文件`);
    if (!found) return;
    setPreviews(found);
    setResults([]);
    setFiles(uploads.map((u, i) => ({ ...u, kind: found[i]?.kind ?? '', map: {} })));
  };
  /** Re-read one file with the clerk's corrections, so the sample rows show what will be stored. */
  const revise = async (i: number, change: Partial<Picked>) => {
    const file = files[i];
    if (!file) return;
    const next = { ...file, ...change };
    setFiles(files.map((f, k) => (k === i ? next : f)));
    const [preview] = (await action.run('正在按修改重新识别', () => api['import:preview']({ files: [next] }))) ?? [];
    // Functional: another column may have been re-read while this one was.
    if (preview) setPreviews((current) => current.map((p, k) => (k === i ? preview : p)));
  };
  const drop = (e: DragEvent) => { e.preventDefault(); void pick(e.dataTransfer.files); };
  const job = useJob();
  const runImport = async () => {
    const chosen = files.filter((f) => f.kind !== '');
    const done = await action.run(`正在导入 ${chosen.length} 个文件`, () => job.follow({ kind: 'import', files: chosen }),
      ({ state, imported: r }) => `${state === 'cancelled' ? `已取消：正在导入的文件没有写入，其余 ${chosen.length - r.length} 个文件未导入。` : ''}` +
        `导入${state === 'cancelled' ? '' : '完成'}：成功 ${r.filter((x) => x.ok).length} 个，失败 ${r.filter((x) => !x.ok).length} 个。请到“总览”运行检查。`);
    if (done) { setResults(done.imported); setFiles([]); setPreviews([]); await onChanged(); }
  };

  return (
    <section className="screen import">
      <h2>导入台账</h2>
      <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <p>把国家系统导出、户卡、村表、乡册和各部门名单拖到这里，或</p>
        {/* The browser's own button reads "Choose Files" on an English system: ours always says 选择文件. */}
        <label className="file-button">选择文件…
          <input type="file" multiple accept=".xlsx,.xls,.et,.csv" onChange={(e) => void pick(e.target.files)} />
        </label>
      </div>
      {previews.map((p, i) => (
        <div className="card preview" key={p.file}>
          <h3>{p.file}</h3>
          {!p.ok && <p className="error">{p.message}</p>}
          {p.ok && (
            <>
              <label>台账类型
                <select name="kind" value={files[i]?.kind ?? ''} onChange={(e) => void revise(i, { kind: e.target.value })}>
                  {LEDGER_KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
                </select>
              </label>
              {p.usedTemplate && <p className="hint">列映射沿用了此前为同样表头保存的修改。</p>}
              {p.sheets?.map((s) => (
                // Open where there is something to fix, and kept open while the clerk is mapping columns.
                <details key={s.name} open={s.warnings.length > 0 || Object.keys(files[i]?.map ?? {}).length > 0}>
                  <summary>工作表“{s.name}”：表头第 {s.headerRows[0]}–{s.headerRows[1]} 行{s.village ? `，村：${s.village}` : ''}，{s.columns.filter((c) => c.field).length} 列已识别</summary>
                  {s.warnings.map((w) => <p key={w} className="error">{w}</p>)}
                  <table className="mapping">
                    <thead><tr><th>表头</th><th>识别为</th>{s.sample.map((r) => <th key={r.row}>第 {r.row} 行</th>)}</tr></thead>
                    <tbody>{s.columns.map((c) => (
                      <tr key={c.index}><td>{c.header}</td>
                        <td>
                          <select aria-label={`“${c.header}”识别为`} value={c.field ?? ''}
                            onChange={(e) => void revise(i, { map: { ...files[i]?.map, [c.header]: e.target.value === '' ? null : e.target.value } })}>
                            <option value="">（不识别，仅保留原文）</option>
                            {FIELDS.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
                          </select>
                        </td>
                        {s.sample.map((r) => <td key={r.row}>{c.field ? String(r.values[c.field] ?? '') : ''}</td>)}</tr>
                    ))}</tbody>
                  </table>
                </details>
              ))}
            </>
          )}
        </div>
      ))}
      {files.length > 0 && <button type="button" className="primary" disabled={action.busy} onClick={() => void runImport()}>导入 {files.length} 个文件</button>}
      <JobProgress status={job.status} onCancel={job.cancel} />
      {results.length > 0 && (
        <div className="card results">
          <h3>导入结果</h3>
          <ul>{results.map((r) => (
            <li key={r.file} className={r.ok ? 'ok' : 'error'}>{r.file}：{r.message}
              {r.skipped && r.skipped.length > 0 && <details><summary>跳过的行</summary><ul>{r.skipped.slice(0, 200).map((s) => <li key={`${s.sheet}-${s.row}`}>工作表“{s.sheet}”第 {s.row} 行：{s.reason}</li>)}</ul></details>}
            </li>
          ))}</ul>
        </div>
      )}
      <p className="hint">已导入 {info?.sources.length ?? 0} 本台账。同名同类型的文件再次导入会替换上次的数据，并报告新增、删除和变化的记录。</p>
      <Status {...action} />
    </section>
  );
}
