import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportFormats, type ExportFormat } from '../../../../electron/contract.js';
import { useApp } from '../context.js';
import { Select } from '../Select.js';

export function ExportStep() {
  const { t } = useTranslation();
  const [format, setFormat] = useState<ExportFormat>('mailtls');
  const exported = useApp((s) => s.exported);
  const htmlAvailable = useApp((s) => s.availability.htmlReport !== 'not-available');
  const libraryAvailable = useApp((s) => s.availability.saveProfile !== 'not-available');
  const exportProfile = useApp((s) => s.exportProfile);
  const exportHtmlReport = useApp((s) => s.exportHtmlReport);
  const exportAuditJson = useApp((s) => s.exportAuditJson);
  // A profile needs a setting that qualified; the report is for every finished test.
  const qualified = useApp((s) => s.runs.main.report?.recommendation.security != null);
  const keepInLibrary = useApp((s) => s.keepInLibrary);
  const busy = exported.status === 'running';
  let status = '';
  if (exported.status === 'done' && exported.value) {
    status = exported.value.savedAs
      ? t('export.saved', { name: exported.value.savedAs })
      : t('export.notSaved');
  } else if (exported.status === 'error' && exported.error) {
    status = `${t(`errors.${exported.error.code}`)} ${exported.error.message}`;
  }
  return (
    <>
      <p>{qualified ? t('export.intro') : t('export.reportOnly')}</p>
      {qualified ? (
        <div className="inline-form">
          <Select
            label={t('export.format')}
            value={format}
            options={exportFormats.map((f) => ({ value: f, label: t(`export.formats.${f}`) }))}
            onChange={setFormat}
          />
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void exportProfile(format)}
          >
            {t('export.save')}
          </button>
        </div>
      ) : null}
      <div className="actions">
        {htmlAvailable ? (
          <button type="button" className="button" disabled={busy} onClick={() => void exportHtmlReport()}>
            {t('export.report')}
          </button>
        ) : null}
        <button type="button" className="button" disabled={busy} onClick={() => void exportAuditJson()}>
          {t('export.auditJson')}
        </button>
        {libraryAvailable && qualified ? (
          <button type="button" className="button" disabled={busy} onClick={() => void keepInLibrary()}>
            {t('export.library')}
          </button>
        ) : null}
      </div>
      <p role="status" className="status-line">
        {status}
      </p>
    </>
  );
}
