import { useEffect, useState } from 'react';
import type { PersonView } from '../../shared/api/contract';
import { CORRECTION_REASONS } from '../../shared/domain/corrections';
import { ISSUE_STATUSES, SEVERITIES } from '../../shared/domain/rules';
import { api } from '../api';
import type { Navigate } from '../main';
import { Status, useAction } from '../ui';

interface Editing { recordId: number; field: string; label: string; ledger: string; text: string }

/** 人员: one person (or household) in every ledger side by side; differing values highlighted; edit or 以此为准 per cell. */
export function PersonScreen({ target, navigate, onChanged }: { target: { key: string; household: boolean } | null; navigate: Navigate; onChanged: () => Promise<void> }) {
  const [view, setView] = useState<PersonView | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<string>(CORRECTION_REASONS[0]);
  const [note, setNote] = useState('');
  const [search, setSearch] = useState('');
  const action = useAction();
  const load = async (key: string, household: boolean) => {
    const v = await action.run('正在读取', () => api['person:get']({ key, household }));
    if (v) setView(v);
  };
  useEffect(() => { if (target) void load(target.key, target.household); }, [target]);
  const reloadAfter = async (work: Promise<unknown> | undefined) => {
    if ((await work) === undefined) return;
    setEditing(null);
    await onChanged();
    // Quietly: the status line keeps saying what the correction did.
    if (view) setView(await api['person:get']({ key: view.key, household: target?.household ?? false }));
  };
  const save = () => editing && reloadAfter(action.run('正在保存修改并复查', () => api['records:correct']({ recordIds: [editing.recordId], field: editing.field, value, reason, note }),
    (r) => `已修改 ${r.changed} 个单元格，关闭问题 ${r.closed} 个。`));
  const adopt = () => editing && reloadAfter(action.run('正在以此为准更正各台账', () => api['records:adopt']({ recordId: editing.recordId, field: editing.field, reason, note }),
    (r) => `已按此值更正 ${r.changed} 个单元格，关闭问题 ${r.closed} 个。`));

  return (
    <section className="screen person">
      <h2>人员与户{view ? `：${view.title}` : ''}</h2>
      <div className="filters">
        <input aria-label="证件号码或户编号" placeholder="输入证件号码或户编号后回车" value={search} onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && search.trim()) void load(search.trim(), !/^\d{17}[\dX]$/i.test(search.trim())); }} />
        {view?.householdKey && <button type="button" onClick={() => navigate.person(view.householdKey ?? '', true)}>查看全户</button>}
        {view?.members.map((m) => <button type="button" className="link" key={m.key} onClick={() => navigate.person(m.key)}>{m.name}</button>)}
      </div>
      {view && (
        <>
          <div className="table-scroll">
            <table className="person-table">
              <thead><tr><th>项目</th>{view.records.map((r) => <th key={r.id} title={`${r.file} 工作表“${r.sheet}”第 ${r.row} 行`}>{r.kindLabel}<br /><small>{r.name ?? ''} 第 {r.row} 行</small></th>)}</tr></thead>
              <tbody>{view.fields.map((f) => (
                <tr key={f.field} className={f.cells.some((c) => c?.differs) ? 'differs' : ''}>
                  <th>{f.label}</th>
                  {f.cells.map((c, i) => (
                    <td key={view.records[i]?.id ?? i} className={c?.differs ? 'differs' : ''} data-field={f.field} data-record={c?.recordId}
                      onClick={() => { if (c) { setEditing({ recordId: c.recordId, field: f.field, label: f.label, ledger: view.records[i]?.kindLabel ?? '', text: c.text }); setValue(c.text); } }}>
                      {c ? c.text : <span className="absent">—</span>}
                    </td>
                  ))}
                </tr>
              ))}</tbody>
            </table>
          </div>
          {editing && (
            <div className="card edit" data-testid="edit-panel">
              <h3>修改 {editing.ledger} 的“{editing.label}”（现为“{editing.text}”）</h3>
              <label>新值 <input name="new-value" value={value} onChange={(e) => setValue(e.target.value)} /></label>
              <label>原因 <select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>{CORRECTION_REASONS.map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>说明 <input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
              <button type="button" className="primary" disabled={action.busy} onClick={() => void save()}>保存修改</button>
              <button type="button" disabled={action.busy} onClick={() => void adopt()}>以此为准（各台账取此值）</button>
              <button type="button" onClick={() => setEditing(null)}>取消</button>
            </div>
          )}
          <h3>问题</h3>
          <ul className="issues-list" data-testid="person-issues">{view.issues.map((i) => (
            <li key={i.key} data-status={i.status}><span className={`sev ${i.severity}`}>{SEVERITIES[i.severity]}</span> [{ISSUE_STATUSES[i.status]}] {i.ruleTitle}：{i.message}</li>
          ))}</ul>
          <h3>修改历史</h3>
          <ul>{view.history.map((h) => <li key={h.id}>{h.at.slice(0, 19).replace('T', ' ')} {h.actor}：{h.file} 第 {h.row} 行 {h.field} “{h.oldText}”→“{h.newText}”（{h.reason}）</li>)}</ul>
        </>
      )}
      <Status {...action} />
    </section>
  );
}
