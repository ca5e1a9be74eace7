/**
 * Adapts electron/engine/** to the handlers' `Engine` interface (the only
 * place that knows the engine's own signatures).
 */
import { runAudit } from '../engine/audit/audit.js';
import { discover, listPresets } from '../engine/discover/index.js';
import { checkDnsPosture } from '../engine/dns/index.js';
import { loginTestAnyProtocol, sendTestMessage } from '../engine/login/index.js';
import {
  AuditSeal,
  exportProfile,
  importProfile,
  ProfileLibrary,
  profileFromReport,
} from '../engine/profiles/index.js';
import { checkRecipient } from '../engine/recipient/index.js';
import { renderHtmlReport, renderRecipientHtml } from '../engine/report/index.js';
import type { Engine } from './handlers.js';

export interface EngineOptions {
  /** The data folder; saved profiles live in its `profiles` subfolder. */
  dataDir: string;
  /** `IP:PORT` of the resolver for DNS checks and discovery; the system resolver otherwise. */
  dnsServer?: string;
  /** Test seam (issue 18): the port that stands in for 25 on the recipient's MX hosts. */
  recipientSmtpPort?: number;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const library = new ProfileLibrary(options.dataDir);
  // Issue 13: only audits run here are vouched for; see engine/profiles/trust.ts.
  const seal = await AuditSeal.open(options.dataDir);
  const resolver = options.dnsServer ? { dnsServer: options.dnsServer } : {};
  return {
    runAudit: async (request, { onProgress, signal }) => {
      const report = await runAudit(request, {
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      seal.remember(report);
      return report;
    },
    discover: (email, { signal }) => discover(email, { ...resolver, ...(signal ? { signal } : {}) }),
    listPresets: async () => listPresets(),
    dnsPosture: (request, { signal }) =>
      checkDnsPosture(request.domain, {
        ...resolver,
        ...(request.dkimSelector ? { dkimSelector: request.dkimSelector } : {}),
        ...(request.ip ? { ip: request.ip } : {}),
        ...(request.submissionHost ? { submissionHost: request.submissionHost } : {}),
        ...(signal ? { signal } : {}),
      }),
    loginTest: (request, { signal }) => loginTestAnyProtocol(request, signal ? { signal } : {}),
    sendTest: (request, { signal }) => sendTestMessage(request, signal ? { signal } : {}),
    exportProfile: async (profile, format, { allowInsecure }) =>
      exportProfile(profile, format, { allowInsecure, seal }),
    importProfile: async (fileName, content) => importProfile(fileName, content),
    profileFromReport: async (report, account) =>
      seal.audited(report)
        ? seal.seal(profileFromReport(report, account, { audited: true }))
        : profileFromReport(report, account),
    htmlReport: async (report, language) => renderHtmlReport(report, language),
    recipientCheck: (domain, { signal }) =>
      checkRecipient(domain, {
        ...resolver,
        ...(options.recipientSmtpPort ? { smtpPort: options.recipientSmtpPort } : {}),
        ...(signal ? { signal } : {}),
      }),
    recipientHtmlReport: async (report, language) => renderRecipientHtml(report, language),
    profiles: {
      list: () => library.list(),
      load: async (id) => seal.vouch(await library.load(id)),
      save: (profile) => library.save(profile),
      delete: (id) => library.delete(id),
    },
  };
}
