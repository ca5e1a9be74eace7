/**
 * Recipient-check findings (issue 18), made with the severity and audience the
 * finding catalogue (electron/catalogue/ratings.ts) gives each id; reports carry
 * ids only and every front end words them from the catalogue.
 */
import { recipientRatings } from '../../catalogue/ratings.js';
import type { RecipientFinding, RecipientFindingId, Severity } from '../../contract.js';

export function recipientFinding(
  id: RecipientFindingId,
  options: { host?: string; detail?: string; severity?: Severity } = {},
): RecipientFinding {
  const entry = recipientRatings[id];
  return {
    id,
    severity: options.severity ?? entry.severity,
    audience: entry.audience,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.detail === undefined ? {} : { detail: options.detail }),
  };
}
