import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { WorkspaceInfo } from '../shared/api/contract';
import { api } from './api';
import { DashboardScreen } from './features/dashboard';
import { ExportScreen } from './features/export';
import { ImportScreen } from './features/import';
import { IssuesScreen } from './features/issues';
import { LedgerScreen } from './features/ledger';
import { PersonScreen } from './features/person';
import { SettingsScreen } from './features/settings';
import { StartScreen } from './features/start';
import './styles.css';

ModuleRegistry.registerModules([AllCommunityModule]);

const SCREENS = [
  ['start', '开始'], ['import', '导入'], ['dashboard', '总览'], ['issues', '问题'], ['person', '人员'], ['ledger', '台账'],
  ['export', '导出与记录'], ['settings', '设置'],
] as const;
export type Screen = (typeof SCREENS)[number][0];

export interface Navigate {
  (screen: Screen): void;
  person(key: string, household?: boolean): void;
}

function App() {
  const [screen, setScreen] = useState<Screen>('start');
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [person, setPerson] = useState<{ key: string; household: boolean } | null>(null);
  const refresh = useCallback(async () => setInfo(await api['workspace:info']({})), []);
  useEffect(() => { void refresh(); }, [refresh]);
  const navigate = Object.assign((s: Screen) => setScreen(s), {
    person: (key: string, household = false) => { setPerson({ key, household }); setScreen('person'); },
  }) as Navigate;
  const open = info?.path != null;
  return (
    <div className="app">
      <header>
        <h1>对账 · 台账核对</h1>
        <nav>
          {SCREENS.map(([id, label]) => (
            <button key={id} type="button" className={screen === id ? 'active' : ''} disabled={!open && id !== 'start'} onClick={() => setScreen(id)}>{label}</button>
          ))}
        </nav>
        <span className="workspace" title={info?.path ?? ''}>{open ? `工作区：${info?.path?.split(/[\\/]/).pop() ?? ''}（${info?.records ?? 0} 条记录）` : '未打开工作区'}</span>
      </header>
      <main>
        {screen === 'start' && <StartScreen info={info} onOpened={(i) => { setInfo(i); setScreen('dashboard'); }} />}
        {screen === 'import' && <ImportScreen info={info} onChanged={refresh} />}
        {screen === 'dashboard' && <DashboardScreen onChecked={refresh} />}
        {screen === 'issues' && <IssuesScreen info={info} navigate={navigate} onChanged={refresh} />}
        {screen === 'person' && <PersonScreen target={person} navigate={navigate} onChanged={refresh} />}
        {screen === 'ledger' && <LedgerScreen info={info} onChanged={refresh} />}
        {screen === 'export' && <ExportScreen info={info} />}
        {screen === 'settings' && <SettingsScreen onChanged={refresh} />}
      </main>
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
