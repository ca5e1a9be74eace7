/**
 * IPC registration: one `ipcMain.handle` per contract channel, each checking
 * the sender frame before the service parses the payload with the channel's
 * zod schema (electron/service/dispatch.ts). Progress of an audit
 * goes back to the calling page only, on `audit:progress`.
 * ipcMain is passed in (tested with a fake in test/shell/ipc.test.ts).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels, eventChannels, type ChannelKey, type Result } from '../contract.js';
import type { Service } from '../service/handlers.js';
import { isTrustedSender } from './policy/navigation.js';

type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

function forbidden(service: Service): Result<never> {
  return {
    ok: false,
    error: {
      code: 'forbidden',
      message:
        service.language() === 'ja'
          ? 'この画面からの要求は受け付けられません。'
          : 'Request refused: unknown sender.',
    },
  };
}

export function senderIsTrusted(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null });
}

/** Registers every channel; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcRegistrar, service: Service): () => void {
  const keys = Object.keys(channels) as ChannelKey[];
  for (const key of keys) {
    ipcMain.handle(channels[key].name, async (event, rawPayload: unknown) => {
      if (!senderIsTrusted(event)) return forbidden(service);
      const sender = event.sender;
      // A page that goes away (window closed, renderer crashed, reload or
      // navigation of the main frame) cancels what it started.
      const controller = new AbortController();
      const gone = () => controller.abort();
      const navigating = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
        // In-page navigation (fragment, history API) keeps the page and its work.
        if (details.isMainFrame && !details.isSameDocument) gone();
      };
      sender.once('destroyed', gone);
      sender.once('render-process-gone', gone);
      sender.on('did-start-navigation', navigating);
      try {
        return await service.dispatch(key, rawPayload, {
          signal: controller.signal,
          onProgress:
            key === 'runAudit'
              ? (progress) => {
                  if (!sender.isDestroyed()) sender.send(eventChannels.auditProgress, progress);
                }
              : undefined,
        });
      } finally {
        sender.removeListener('destroyed', gone);
        sender.removeListener('render-process-gone', gone);
        sender.removeListener('did-start-navigation', navigating);
      }
    });
  }
  return () => {
    for (const key of keys) ipcMain.removeHandler(channels[key].name);
  };
}
