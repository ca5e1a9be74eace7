import type { ClientId } from '../store/types.js';
import type { ClientGuide } from './types.js';
import { thunderbird } from './thunderbird.js';
import { outlookNew } from './outlook-new.js';
import { outlookClassic } from './outlook-classic.js';
import { appleMailMacos } from './apple-mail-macos.js';
import { appleMailIos } from './apple-mail-ios.js';
import { gmailApp } from './gmail-app.js';
import { becky } from './becky.js';
import { windowsMailOther } from './windows-mail-other.js';
import { controlPanel } from './control-panel.js';

export const guides: Record<ClientId, ClientGuide> = {
  thunderbird,
  'outlook-new': outlookNew,
  'outlook-classic': outlookClassic,
  'apple-mail-macos': appleMailMacos,
  'apple-mail-ios': appleMailIos,
  'gmail-app': gmailApp,
  becky,
  'windows-mail-other': windowsMailOther,
  'control-panel': controlPanel,
};

/** The guide used when the person did not say which program they use. */
export const fallbackGuide: ClientGuide = windowsMailOther;

export type { ClientGuide, GuideStep, GuideValue, Localized } from './types.js';
