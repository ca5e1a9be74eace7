/** Profiles: schema helpers, exporters, importers and the saved-profile library. */
export { exportProfile } from './export.js';
export { importProfile } from './import.js';
export { ProfileLibrary } from './library.js';
export { parseProfile, profileFromReport, profileIdFor, profileSummary } from './profile.js';
export type { ProfileAccount, ProfileSummary } from './profile.js';
export { maxImportBytes } from '../safe-input.js';
