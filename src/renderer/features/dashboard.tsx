import * as echarts from 'echarts';
import { useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../shared/api/contract';
import { READINESS_ITEMS } from '../../shared/domain/readiness';
import { SEVERITIES } from '../../shared/domain/rules';
import { api } from '../api';
import { JobProgress, Status, useAction, useJob } from '../ui';

function Chart({ option, label }: { option: echarts.EChartsOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    return () => chart.dispose();
  }, [option]);
  return <div className="chart" ref={ref} role="img" aria-label={label} />;
}

/** 总览: open issues by family × severity and by village, readiness per village, last import and check. */
export function DashboardScreen({ onChecked }: { onChecked: () => Promise<void> }) {
  const [data, setData] = useState<Dashboard | null>(null);
  const action = useAction();
  const job = useJob();
  const load = () => action.run('正在读取', () => api['dashboard:get']({})).then((d) => { if (d) setData(d); });
  useEffect(() => { void load(); }, []);
  const check = async () => {
    const r = await action.run('正在检查全部规则', () => job.follow({ kind: 'check' }), ({ state, checked: s }) => (state === 'cancelled' || !s
      ? '检查已取消，问题清单保持上次检查的结果。'
      : `检查完成：待处理 ${s.open} 个，本次关闭 ${s.closed} 个。${s.notes.join('；')}`));
    if (r?.checked) { setData(await api['dashboard:get']({})); await onChecked(); }
  };
  const families = [...new Set(data?.byFamily.map((f) => f.familyLabel) ?? [])];
  const villages = [...new Set(data?.byVillage.map((v) => v.village) ?? [])];
  const severities = Object.keys(SEVERITIES) as (keyof typeof SEVERITIES)[];
  return (
    <section className="screen dashboard">
      <h2>总览</h2>
      <div className="buttons"><button type="button" className="primary" disabled={action.busy} onClick={() => void check()}>运行检查</button></div>
      <JobProgress status={job.status} onCancel={job.cancel} />
      {data && (
        <>
          <p className="summary">待处理问题 <strong data-testid="open-total">{data.open}</strong> 个；最近导入：{data.lastImport?.slice(0, 19).replace('T', ' ') ?? '无'}；最近检查：{data.lastCheck?.slice(0, 19).replace('T', ' ') ?? '尚未检查'}</p>
          <table className="counts" data-testid="family-table">
            <thead><tr><th>问题类别</th>{severities.map((s) => <th key={s}>{SEVERITIES[s]}</th>)}</tr></thead>
            <tbody>{families.map((f) => (
              <tr key={f}><td>{f}</td>{severities.map((s) => <td key={s} data-family={f} data-severity={s}>{data.byFamily.find((x) => x.familyLabel === f && x.severity === s)?.count ?? 0}</td>)}</tr>
            ))}</tbody>
          </table>
          <Chart label="各村待处理问题" option={{
            tooltip: {}, legend: {}, xAxis: { type: 'category', data: villages }, yAxis: { type: 'value' },
            series: severities.map((s) => ({ name: SEVERITIES[s], type: 'bar', stack: 'all', data: villages.map((v) => data.byVillage.find((x) => x.village === v && x.severity === s)?.count ?? 0) })),
          }} />
          <h3>普查迎检准备情况（达标率）</h3>
          <table className="counts">
            <thead><tr><th>村</th><th>户数</th>{READINESS_ITEMS.map((i) => <th key={i.id}>{i.label}</th>)}</tr></thead>
            <tbody>{data.readiness.map((v) => (
              <tr key={v.village}><td>{v.village}</td><td>{v.households}</td>
                {READINESS_ITEMS.map((i) => { const r = v.passRate[i.id]; return <td key={i.id} className={r === null ? 'unknown' : r >= 0.999 ? 'ok' : 'bad'}>{r === null ? '无数据' : `${(r * 100).toFixed(1)}%`}</td>; })}</tr>
            ))}</tbody>
          </table>
        </>
      )}
      <Status {...action} />
    </section>
  );
}
