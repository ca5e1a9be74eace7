import type { MailTlsApi } from '../../../electron/contract.js';
import { createHttpBridge, takeToken } from './http.js';

/** Offers content as a file download (browser mode has no save dialog). */
const download: MailTlsApi['saveFile'] = async ({ suggestedName, mimeType, content }) => {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.click();
  // The download has started from the click; the object URL is no longer needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return { ok: true, value: { savedAs: suggestedName } };
};

/** The preload's API in the desktop app; the HTTP twin in browser mode. */
export function selectBridge(): MailTlsApi | null {
  if (window.mailtls) return window.mailtls;
  const token = takeToken(window.location, window.history, window.sessionStorage);
  return token ? createHttpBridge({ token, saveFile: download }) : null;
}
