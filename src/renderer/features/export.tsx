import { useEffect, useState } from 'react';
import type { CallOutput, CorrectionEntry, ExportOutcome, WorkspaceInfo } from '../../shared/api/contract';
import { EXPORT_KINDS, type ExportKind } from '../../shared/domain/exports';
import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { api, downloadUrl } from '../api';
import { JobProgress, Status, useAction, useJob } from '../ui';

/** 导出: every export with the masking choice and where it went; the export log and the 修改记录 audit log. */
export function ExportScreen({ info }: { info: WorkspaceInfo | null }) {
  const [what, setWhat] = useState<ExportKind>('ledger');
  const [ledger, setLedger] = useState('');
  const [village, setVillage] = useState('');
  const [fullIds, setFullIds] = useState(false);
  const [result, setResult] = useState<ExportOutcome | null>(null);
  const [exports, setExports] = useState<CallOutput<'export:log'>>([]);
  const [log, setLog] = useState<{ total: number; entries: CorrectionEntry[] }>({ total: 0, entries: [] });
  const action = useAction();
  const job = useJob();
  const refresh = async () => {
    setExports(await api['export:log']({}));
    setLog(await api['corrections:log']({ offset: 0, limit: 500 }));
  };
  useEffect(() => { void refresh(); }, []);
  const run = async () => {
    const r = await action.run('正在导出', () => job.follow({ kind: 'export', what, ...(ledger ? { ledger } : {}), ...(village ? { village } : {}), fullIds }),
      ({ exported: x }) => (x ? `已导出 ${x.rows} 行到 ${x.files.length} 个文件。` : '导出已取消，没有留下未写完的文件。'));
    if (r?.exported) { setResult(r.exported); await refresh(); }
  };
  const kinds = [...new Map(info?.sources.map((s) => [s.kind, s.kindLabel])).entries()];
  return (
    <section className="screen export">
      <h2>导出</h2>
      <div className="card">
        <label>导出内容 <select name="what" value={what} onChange={(e) => setWhat(e.target.value as ExportKind)}>
          {Object.entries(EXPORT_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
        {what === 'ledger' && <label>台账 <select name="ledger" value={ledger} onChange={(e) => setLedger(e.target.value)}>
          <option value="">全部台账</option>{kinds.map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>}
        <label>村 <select name="village" value={village} onChange={(e) => setVillage(e.target.value)}>
          <option value="">全部村</option>{info?.villages.map((v) => <option key={v}>{v}</option>)}</select></label>
        <label className="check"><input type="checkbox" checked={fullIds} disabled={what === 'notice'} onChange={(e) => setFullIds(e.target.checked)} />
          显示完整身份证号（仅供内部留存；默认隐藏第7–14位）</label>
        <button type="button" className="primary" disabled={action.busy} onClick={() => void run()}>导出</button>
        <JobProgress status={job.status} onCancel={job.cancel} />
        {result && <ul data-testid="export-files">{result.files.map((f) => <li key={f.path}><a href={downloadUrl(f.name)} download={f.name}>{f.name}</a> <small>{f.path}</small></li>)}</ul>}
      </div>
      <h3>导出记录</h3>
      <table className="log"><thead><tr><th>时间</th><th>内容</th><th>文件</th><th>身份证号</th><th>行数</th><th>操作员</th></tr></thead>
        <tbody>{exports.map((e) => <tr key={e.at + e.files.join()}><td>{e.at.slice(0, 19).replace('T', ' ')}</td><td>{EXPORT_KINDS[e.what]}</td><td>{e.files.join('、')}</td><td>{e.fullIds ? '完整' : '已隐藏'}</td><td>{e.rows}</td><td>{e.actor}</td></tr>)}</tbody></table>
      <h3>修改记录（共 {log.total} 条）</h3>
      <table className="log" data-testid="correction-log"><thead><tr><th>时间</th><th>操作员</th><th>操作</th><th>台账位置</th><th>姓名</th><th>字段</th><th>原值</th><th>新值</th><th>原因</th></tr></thead>
        <tbody>{log.entries.map((e) => <tr key={e.id}><td>{e.at.slice(0, 19).replace('T', ' ')}</td><td>{e.actor}</td><td>{{ edit: '修改', undo: '撤销', redo: '重做' }[e.action] ?? e.action}</td>
          <td>{e.file} {e.sheet} 第 {e.row} 行</td><td>{e.name}</td><td>{FIELD_BY_KEY.get(e.field)?.label ?? e.field}</td><td>{e.oldText}</td><td>{e.newText}</td><td>{e.reason}{e.note ? `（${e.note}）` : ''}</td></tr>)}</tbody></table>
      <Status {...action} />
    </section>
  );
}
