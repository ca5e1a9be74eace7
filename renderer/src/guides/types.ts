import type { Language } from '../../../electron/contract.js';
import type { ClientId } from '../store/types.js';

export type Localized = Record<Language, string>;

/** Values a step asks the person to enter; shown highlighted with a copy button. */
export type GuideValue = 'host' | 'port' | 'security' | 'user' | 'auth' | 'protocol';

export interface GuideStep {
  /** May contain {{host}}, {{port}}, {{security}}, {{user}}, {{auth}}, {{protocol}}: replaced by the values to enter. */
  text: Localized;
  values?: GuideValue[];
  /**
   * The step for a server that offers no log-in over TLS, when the step says more
   * than how to log in (without it, the whole step becomes "leave the log-in off").
   */
  withoutAuth?: Localized;
}

/**
 * How one mail program (or control panel) is set up. Each guide lives in its own
 * file so it can be reviewed and extended on its own. Menu names are the ones the
 * program shows in that language; they change between versions, so the steps say
 * where to look rather than promising exact pixels.
 */
export interface ClientGuide {
  id: ClientId;
  name: Localized;
  /** The program's own words for the security setting and its choices. */
  terms: {
    field: Localized;
    implicitTls: Localized;
    starttls: Localized;
    password: Localized;
  };
  steps: GuideStep[];
  notes: Localized[];
}
