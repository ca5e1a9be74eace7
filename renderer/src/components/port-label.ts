import type { PortReport } from '../../../electron/contract.js';

/** The i18n key of what a tested port really did; reports made before `outcome` existed fall back to the mode. */
export function portLabelKey(port: PortReport): string {
  return `test.modes.${port.outcome ?? port.mode}`;
}
