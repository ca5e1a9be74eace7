import type { MailTlsApi } from '../../../electron/contract.js';
import { createHttpBridge, takeToken } from './http.js';

/** The preload's API in the desktop app; the HTTP twin in browser mode. */
export function selectBridge(): MailTlsApi | null {
  if (window.mailtls) return window.mailtls;
  const token = takeToken(window.location, window.history, window.sessionStorage);
  return token ? createHttpBridge({ token }) : null;
}
