/** Findings as the engine reports them: an id with its catalogue severity, the port and evidence. */
import { smtpRatings } from '../../catalogue/ratings.js';
import type { Finding, FindingId, Severity } from '../../contract.js';
import { printable } from '../core/printable.js';

export function makeFinding(
  id: FindingId,
  options: { port?: number; detail?: string; severity?: Severity } = {},
): Finding {
  const finding: Finding = { id, severity: options.severity ?? smtpRatings[id].severity };
  if (options.port !== undefined) finding.port = options.port;
  if (options.detail !== undefined) finding.detail = printable(options.detail.slice(0, 300));
  return finding;
}
