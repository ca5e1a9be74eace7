/** Profiles: schema helpers, exporters, importers and the saved-profile library. */
export { exportProfile } from './export.js';
export { importProfile } from './import.js';
export { ProfileLibrary } from './library.js';
export { parseProfile, profileFromReport, profileIdFor, profileSummary, withoutTrust } from './profile.js';
export { AuditSeal } from './trust.js';
export type { ProfileAccount, ProfileSummary } from './profile.js';
