// Preload (sandboxed): exposes window.vagt over two IPC channels and nothing else. The
// renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type VagtBridge } from '../shared/contract/bridge';
import type { Reply } from '../shared/contract/client';
import type { HostEvent } from '../shared/contract/events';

const bridge: VagtBridge = {
  mode: 'electron',
  invoke: (method: string, input: unknown) =>
    ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input) as Promise<Reply>,
  onEvent(listener: (event: HostEvent) => void) {
    const handler = (_e: IpcRendererEvent, event: HostEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('vagt', bridge);
