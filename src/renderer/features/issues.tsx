import type { ColDef, GridApi, IDatasource, SelectionChangedEvent } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { CallInput, IssueListRow, WorkspaceInfo } from '../../shared/api/contract';
import { CORRECTION_REASONS } from '../../shared/domain/corrections';
import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';
import { ISSUE_STATUSES, RULE_FAMILIES, SEVERITIES, type IssueStatus } from '../../shared/domain/rules';
import { api } from '../api';
import type { Navigate } from '../main';
import { Status, useAction } from '../ui';

type Filters = Omit<CallInput<'issues:list'>, 'offset' | 'limit' | 'sort' | 'desc'>;

const COLUMNS: ColDef<IssueListRow>[] = [
  { field: 'village', headerName: '村', width: 100, sortable: true },
  { field: 'names', headerName: '姓名', width: 90, sortable: true },
  { field: 'family', headerName: '类别', width: 110, sortable: false },
  { field: 'ruleTitle', headerName: '问题类型', width: 200, sortable: true, colId: 'rule' },
  { field: 'severity', headerName: '严重程度', width: 90, sortable: true, valueFormatter: (p) => (p.value ? SEVERITIES[p.value as keyof typeof SEVERITIES] : '') },
  { field: 'status', headerName: '状态', width: 90, sortable: true, valueFormatter: (p) => (p.value ? ISSUE_STATUSES[p.value as IssueStatus] : '') },
  { field: 'message', headerName: '说明', flex: 1, minWidth: 300, sortable: false, tooltipField: 'message' },
  { field: 'ledgers', headerName: '涉及台账', width: 180, sortable: false },
];

/** 问题: the issue list, paged, sorted and filtered in SQLite; select many to set their status or correct them at once. */
export function IssuesScreen({ info, navigate, onChanged }: { info: WorkspaceInfo | null; navigate: Navigate; onChanged: () => Promise<void> }) {
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [counts, setCounts] = useState<{ total: number; byStatus: Record<IssueStatus, number> } | null>(null);
  const [selected, setSelected] = useState<IssueListRow[]>([]);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [adoptFrom, setAdoptFrom] = useState('national');
  const grid = useRef<GridApi<IssueListRow> | null>(null);
  const action = useAction();

  const datasource = useMemo<IDatasource>(() => ({
    getRows: (params) => {
      const sort = params.sortModel[0];
      api['issues:list']({
        ...filters, offset: params.startRow, limit: params.endRow - params.startRow,
        ...(sort ? { sort: sort.colId as 'village', desc: sort.sort === 'desc' } : {}),
      }).then((page) => {
        setCounts({ total: page.total, byStatus: page.counts });
        params.successCallback(page.rows, page.total);
      }, () => params.failCallback());
    },
  }), [filters]);

  const set = (key: keyof Filters, value: string) => setFilters({ ...filters, [key]: value === '' ? undefined : value });
  const refresh = async () => { grid.current?.deselectAll(); grid.current?.refreshInfiniteCache(); await onChanged(); };
  const keys = selected.map((s) => s.key);
  const setStatus = async (status: 'open' | 'confirmed' | 'deferred') => {
    const done = await action.run('正在更新状态', () => api['issues:setStatus']({ keys, status, ...(reason ? { reason } : {}), ...(until ? { until } : {}) }),
      (r) => `已将 ${r.updated} 个问题标记为“${ISSUE_STATUSES[status]}”。`);
    if (done) await refresh();
  };
  const bulkCorrect = async () => {
    const done = await action.run('正在批量更正', () => api['issues:bulkCorrect']({ keys, adoptFrom, reason: reason || '系统数据为准' }),
      (r) => `已修改 ${r.changed} 个单元格，关闭问题 ${r.closed} 个${r.skipped ? `，${r.skipped} 个问题无法按此方式处理` : ''}。`);
    if (done) await refresh();
  };

  return (
    <section className="screen issues">
      <h2>问题清单</h2>
      <div className="filters">
        <select aria-label="村" value={filters.village ?? ''} onChange={(e) => set('village', e.target.value)}>
          <option value="">全部村</option>{info?.villages.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
        <select aria-label="类别" value={filters.family ?? ''} onChange={(e) => set('family', e.target.value)}>
          <option value="">全部类别</option>{Object.entries(RULE_FAMILIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <select aria-label="严重程度" value={filters.severity ?? ''} onChange={(e) => set('severity', e.target.value)}>
          <option value="">全部严重程度</option>{Object.entries(SEVERITIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <select aria-label="状态" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">全部状态</option>{Object.entries(ISSUE_STATUSES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <select aria-label="台账" value={filters.ledger ?? ''} onChange={(e) => set('ledger', e.target.value)}>
          <option value="">全部台账</option>{LEDGER_KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
        </select>
        <input aria-label="搜索" placeholder="姓名或身份证号" defaultValue={filters.search ?? ''} onKeyDown={(e) => { if (e.key === 'Enter') set('search', e.currentTarget.value); }} />
      </div>
      <div className="grid">
        <AgGridReact<IssueListRow>
          theme={themeQuartz} localeText={AG_GRID_LOCALE_CN} columnDefs={COLUMNS} rowModelType="infinite" datasource={datasource}
          cacheBlockSize={200} rowSelection={{ mode: 'multiRow', enableClickSelection: false, headerCheckbox: false }} getRowId={(p) => p.data.key}
          onGridReady={(e) => { grid.current = e.api; }}
          onSelectionChanged={(e: SelectionChangedEvent<IssueListRow>) => setSelected(e.api.getSelectedRows())}
          onRowDoubleClicked={(e) => { const r = e.data; if (r?.personKey && !r.personKey.startsWith('R')) navigate.person(r.personKey); else if (r?.householdKey) navigate.person(r.householdKey, true); }}
        />
      </div>
      <footer className="grid-footer" data-testid="issue-counts">
        共 {counts?.total ?? 0} 个（{Object.entries(ISSUE_STATUSES).map(([k, v]) => `${v} ${counts?.byStatus[k as IssueStatus] ?? 0}`).join('，')}）；已选 {selected.length} 个。双击一行查看此人各台账。
      </footer>
      {selected.length > 0 && (
        <div className="card bulk">
          <label>理由/原因 <input list="reasons" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <datalist id="reasons">{CORRECTION_REASONS.map((r) => <option key={r} value={r} />)}</datalist>
          <label>暂缓到 <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} /></label>
          <button type="button" onClick={() => void setStatus('confirmed')}>核实无误</button>
          <button type="button" onClick={() => void setStatus('deferred')}>暂缓</button>
          <button type="button" onClick={() => void setStatus('open')}>改回待处理</button>
          <label>以
            <select value={adoptFrom} onChange={(e) => setAdoptFrom(e.target.value)}>{LEDGER_KINDS.filter((k) => k.roll).map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}</select>
            为准</label>
          <button type="button" onClick={() => void bulkCorrect()}>批量更正</button>
        </div>
      )}
      <Status {...action} />
    </section>
  );
}
