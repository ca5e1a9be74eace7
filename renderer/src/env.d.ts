import type { MailTlsApi } from '../../electron/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode, where the HTTP twin is used. */
    mailtls?: MailTlsApi;
  }
}
