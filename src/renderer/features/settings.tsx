import { useEffect, useState } from 'react';
import type { RuleInfo } from '../../shared/api/contract';
import { SEVERITIES, type Severity } from '../../shared/domain/rules';
import { api } from '../api';
import { Status, useAction } from '../ui';

const LABELS: Record<string, string> = {
  operator: '操作员姓名', asOf: '数据日期（按此计算年龄）', povertyLine: '各年度贫困线（元/人/年）', monitoringThreshold: '各年度监测线', schoolAge: '义务教育年龄',
  rangerAge: '护林员年龄', publicPostAge: '公益性岗位年龄', marriageAge: '法定婚龄', exitYearRange: '脱贫年度范围', minMonthsToEliminate: '风险消除最短月数',
  localRegions: '本县行政区划代码', noticeMask: '公示名单身份证号保留位数（前, 后）',
};

/** 设置: operator name, thresholds, and each rule on/off and its severity. */
export function SettingsScreen({ onChanged }: { onChanged: () => Promise<void> }) {
  const [settings, setSettings] = useState<Record<string, unknown>>({});
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [rules, setRules] = useState<RuleInfo[]>([]);
  const action = useAction();
  const show = (s: Record<string, unknown>) => { setSettings(s); setDrafts(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))); };
  useEffect(() => { void api['settings:get']({}).then(show); void api['rules:list']({}).then(setRules); }, []);
  const save = async (key: string) => {
    const value = drafts[key] ?? '';
    const text = typeof settings[key] === 'string' || settings[key] === null ? (value === '' && key === 'asOf' ? 'null' : JSON.stringify(value)) : value;
    const s = await action.run('正在保存', () => api['settings:set']({ key, value: text }), () => `已保存“${LABELS[key] ?? key}”。`);
    if (s) { show(s); await onChanged(); }
  };
  const setRule = async (id: string, change: { enabled?: boolean; severity?: Severity }) => {
    const r = await action.run('正在保存规则设置', () => api['rules:set']({ id, ...change }), () => '已保存，下次检查时生效。');
    if (r) setRules(r);
  };
  return (
    <section className="screen settings">
      <h2>设置</h2>
      <table className="settings-table"><tbody>{Object.keys(settings).map((k) => (
        <tr key={k}><th>{LABELS[k] ?? k}</th>
          <td><input name={`setting-${k}`} value={drafts[k] ?? ''} onChange={(e) => setDrafts({ ...drafts, [k]: e.target.value })} /></td>
          <td><button type="button" onClick={() => void save(k)}>保存</button></td></tr>
      ))}</tbody></table>
      <h3>规则</h3>
      <table className="rules-table"><thead><tr><th>启用</th><th>规则</th><th>类别</th><th>严重程度</th><th>说明</th></tr></thead>
        <tbody>{rules.map((r) => (
          <tr key={r.id}><td><input type="checkbox" aria-label={`启用 ${r.title}`} checked={r.enabled} onChange={(e) => void setRule(r.id, { enabled: e.target.checked })} /></td>
            <td>{r.title}<br /><small>{r.id}</small></td><td>{r.family}</td>
            <td><select value={r.severity} onChange={(e) => void setRule(r.id, { severity: e.target.value as Severity })}>
              {Object.entries(SEVERITIES).map(([k, v]) => <option key={k} value={k}>{v}{k === r.defaultSeverity ? '（默认）' : ''}</option>)}</select></td>
            <td className="explain">{r.explanation}</td></tr>
        ))}</tbody></table>
      <Status {...action} />
    </section>
  );
}
