import type { CellValueChangedEvent, ColDef } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { LedgerPage, WorkspaceInfo } from '../../shared/api/contract';
import { CORRECTION_REASONS } from '../../shared/domain/corrections';
import { api } from '../api';
import { Status, useAction } from '../ui';

type Row = Record<string, string | number | number[]> & { id: number; corrected: number[] };

/** 台账: one ledger as imported with its current values; corrected cells marked; edit with a reason; Ctrl+Z / Ctrl+Y. */
export function LedgerScreen({ info, onChanged }: { info: WorkspaceInfo | null; onChanged: () => Promise<void> }) {
  const [sourceId, setSourceId] = useState<number | null>(info?.sources[0]?.id ?? null);
  const [page, setPage] = useState<LedgerPage | null>(null);
  const [reason, setReason] = useState<string>(CORRECTION_REASONS[2]);
  const action = useAction();
  const load = async (id: number) => {
    const p = await action.run('正在读取台账', () => api['ledger:rows']({ sourceId: id, offset: 0, limit: 200000 }), (x) => `共 ${x.total} 行`);
    if (p) setPage(p);
  };
  useEffect(() => { if (sourceId !== null) void load(sourceId); }, [sourceId]);
  // Reloads quietly: the status line keeps saying what the correction did.
  const after = async (work: Promise<unknown>) => {
    if ((await work) !== undefined && sourceId !== null) { await onChanged(); setPage(await api['ledger:rows']({ sourceId, offset: 0, limit: 200000 })); }
  };
  const undoRedo = (call: 'corrections:undo' | 'corrections:redo') =>
    after(action.run(call === 'corrections:undo' ? '正在撤销' : '正在重做', () => api[call]({}), (r) => `${call === 'corrections:undo' ? '已撤销' : '已重做'}：${r.changed} 个单元格，关闭问题 ${r.closed} 个。`));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).tagName === 'INPUT') return;
      if (e.key === 'z') { e.preventDefault(); void undoRedo('corrections:undo'); }
      if (e.key === 'y') { e.preventDefault(); void undoRedo('corrections:redo'); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const columns: ColDef<Row>[] = [
    { field: 'sheet', headerName: '工作表', width: 110, pinned: 'left' }, { field: 'row', headerName: '行', width: 70, pinned: 'left' },
    ...(page?.columns ?? []).map((c, i): ColDef<Row> => ({
      field: c.key, headerName: c.header, editable: c.field !== null && c.field !== 'seq', minWidth: 90,
      cellClassRules: { corrected: (p) => p.data?.corrected.includes(i) ?? false },
    })),
  ];
  const rows: Row[] = (page?.rows ?? []).map((r) => ({ id: r.id, sheet: r.sheet, row: r.row, corrected: r.corrected, ...Object.fromEntries(r.cells.map((t, i) => [`c${i}`, t])) }));
  const edited = (e: CellValueChangedEvent<Row>) => {
    const column = page?.columns.find((c) => c.key === e.colDef.field);
    if (!column?.field || !e.data) return;
    const saved = action.run('正在保存修改并复查', () => api['records:correct']({ recordIds: [e.data?.id ?? 0], field: column.field ?? '', value: String(e.newValue ?? ''), reason }),
      (r) => `已修改 ${r.changed} 个单元格，关闭问题 ${r.closed} 个。`);
    // A refused value goes back to what the ledger holds; an accepted one reloads with the re-check's result.
    void saved.then((r) => (r === undefined && sourceId !== null ? api['ledger:rows']({ sourceId, offset: 0, limit: 200000 }).then(setPage) : after(Promise.resolve(r))));
  };
  return (
    <section className="screen ledger">
      <h2>台账</h2>
      <div className="filters">
        <select aria-label="台账" value={sourceId ?? ''} onChange={(e) => setSourceId(Number(e.target.value))}>
          {info?.sources.map((s) => <option key={s.id} value={s.id}>{s.kindLabel}：{s.fileName}</option>)}
        </select>
        <label>修改原因 <select value={reason} onChange={(e) => setReason(e.target.value)}>{CORRECTION_REASONS.map((r) => <option key={r}>{r}</option>)}</select></label>
        <button type="button" disabled={!info?.canUndo || action.busy} onClick={() => void undoRedo('corrections:undo')}>撤销（Ctrl+Z）</button>
        <button type="button" disabled={!info?.canRedo || action.busy} onClick={() => void undoRedo('corrections:redo')}>重做（Ctrl+Y）</button>
        <span className="legend"><span className="corrected-swatch" /> 已更正的单元格</span>
      </div>
      <div className="grid">
        <AgGridReact<Row> theme={themeQuartz} localeText={AG_GRID_LOCALE_CN} columnDefs={columns} rowData={rows} getRowId={(p) => String(p.data.id)}
          onCellValueChanged={edited} stopEditingWhenCellsLoseFocus />
      </div>
      <Status {...action} />
    </section>
  );
}
