import { contextBridge, ipcRenderer } from 'electron';
import { CALLS, isCallName } from '../shared/api/contract';

/** Exposes exactly the contract's calls, nothing else: no Node, no ipcRenderer. */
contextBridge.exposeInMainWorld('duizhang', {
  invoke: (call: string, input: unknown) => (isCallName(call) && CALLS.includes(call)
    ? ipcRenderer.invoke(`duizhang:${call}`, input)
    : Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `没有接口“${call}”。` } })),
});
