/**
 * The saved-profile library: name, server, verdict and date verified, with re-test,
 * export in every format, rename, delete, and import by file picker or drag and drop
 * (the engine's importers check every file; a refused file changes nothing).
 */
import { useEffect, useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Download, FileUp, Pencil, RefreshCw, ShieldCheck, ShieldX, Trash2 } from 'lucide-react';
import { exportFormats, type Language } from '../../../electron/contract.js';
import type { LibraryEntry, LibraryNotice } from '../store/types.js';
import { useApp } from './context.js';

export function ProfilesScreen() {
  const { t } = useTranslation();
  const library = useApp((s) => s.library);
  const loadLibrary = useApp((s) => s.loadLibrary);
  const importFiles = useApp((s) => s.importFiles);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  useEffect(() => {
    void loadLibrary();
  }, [loadLibrary]);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFiles([...event.dataTransfer.files]);
  };
  const entries = library.value ?? [];
  return (
    <main id="main" className="screen" aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('desk.profiles.title')}</h2>
      <p className="muted">{t('desk.profiles.intro')}</p>
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <FileUp aria-hidden="true" size={22} />
        <p>{t('desk.profiles.drop')}</p>
        <label htmlFor={inputId} className="button">
          {t('desk.profiles.import')}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void importFiles(files);
          }}
        />
      </div>
      <Notice />
      {library.status === 'error' && library.error ? (
        <p role="alert">{`${t(`errors.${library.error.code}`)} ${library.error.message}`}</p>
      ) : null}
      {library.status === 'done' && entries.length === 0 ? <p>{t('desk.profiles.empty')}</p> : null}
      {entries.length > 0 ? (
        <ul className="profiles" aria-label={t('desk.profiles.title')}>
          {entries.map((entry) => (
            <ProfileRow key={entry.id} entry={entry} />
          ))}
        </ul>
      ) : null}
    </main>
  );
}

function noticeText(notice: LibraryNotice, t: ReturnType<typeof useTranslation>['t']): string {
  switch (notice.kind) {
    case 'imported':
    case 'renamed':
    case 'deleted':
      return t(`desk.profiles.${notice.kind}`, { name: notice.name });
    case 'exported':
      return notice.savedAs ? t('export.saved', { name: notice.savedAs }) : t('export.notSaved');
    case 'too-big':
      return t('desk.profiles.tooBig', { file: notice.fileName });
    case 'import-failed':
      return t('desk.profiles.importFailed', { file: notice.fileName, reason: notice.error.message });
    case 'failed':
      return `${t(`errors.${notice.error.code}`)} ${notice.error.message}`;
  }
}

function Notice() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.libraryNotice);
  const bad = notice?.kind === 'import-failed' || notice?.kind === 'too-big' || notice?.kind === 'failed';
  return (
    <p role="status" className={`status-line${bad ? ' status-line--bad' : ''}`}>
      {notice ? noticeText(notice, t) : ''}
    </p>
  );
}

function ProfileRow({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { profile } = entry;
  const retest = useApp((s) => s.retestProfile);
  const rename = useApp((s) => s.renameProfile);
  const remove = useApp((s) => s.deleteProfile);
  const exportSaved = useApp((s) => s.exportSaved);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(profile.name);
  const [confirming, setConfirming] = useState(false);
  const nameId = useId();
  const verified = profile.verifiedWith;
  const qualified = verified?.qualified ?? false;
  const date = verified
    ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(verified.date),
      )
    : t('desk.profiles.never');
  const titleId = `${nameId}-title`;
  return (
    <li className="profile" aria-labelledby={titleId}>
      <div className="profile__main">
        <h3 id={titleId} className="profile__name">
          {profile.name}
        </h3>
        {editing ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setEditing(false);
              void rename(entry.id, name);
            }}
          >
            <div className="field">
              <label htmlFor={nameId}>{t('desk.profiles.name')}</label>
              <input
                id={nameId}
                value={name}
                autoFocus
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <button type="submit" className="button">
              {t('desk.profiles.saveName')}
            </button>
          </form>
        ) : null}
        <p className="mono">
          {profile.outgoing.host} : {profile.outgoing.port} ·{' '}
          {t(`account.securities.${profile.outgoing.security}`)}
        </p>
        <p className={`badge ${qualified ? 'badge--good' : 'badge--bad'}`}>
          {qualified ? (
            <ShieldCheck aria-hidden="true" size={16} />
          ) : (
            <ShieldX aria-hidden="true" size={16} />
          )}
          {qualified ? t('desk.verdict.secure') : t('desk.profiles.notQualified')}
        </p>
        <p className="muted">{t('desk.profiles.verifiedOn', { date })}</p>
      </div>
      <div className="profile__actions">
        <button
          type="button"
          className="button"
          aria-describedby={titleId}
          onClick={() => void retest(entry.id)}
        >
          <RefreshCw aria-hidden="true" size={16} /> {t('desk.profiles.retest')}
        </button>
        <details className="menu">
          <summary className="button" aria-describedby={titleId}>
            <Download aria-hidden="true" size={16} /> {t('desk.profiles.export')}
          </summary>
          <ul className="menu__list">
            {exportFormats.map((format) => (
              <li key={format}>
                <button
                  type="button"
                  className="link-button"
                  onClick={(e) => {
                    e.currentTarget.closest('details')?.removeAttribute('open');
                    void exportSaved(entry.id, format);
                  }}
                >
                  {t(`export.formats.${format}`)}
                </button>
              </li>
            ))}
          </ul>
        </details>
        <button
          type="button"
          className="button"
          aria-describedby={titleId}
          onClick={() => setEditing(!editing)}
        >
          <Pencil aria-hidden="true" size={16} /> {t('desk.profiles.rename')}
        </button>
        {confirming ? (
          <button type="button" className="button button--danger" onClick={() => void remove(entry.id)}>
            <Trash2 aria-hidden="true" size={16} /> {t('desk.profiles.confirmDelete', { name: profile.name })}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            aria-describedby={titleId}
            onClick={() => setConfirming(true)}
          >
            <Trash2 aria-hidden="true" size={16} /> {t('desk.profiles.delete')}
          </button>
        )}
      </div>
    </li>
  );
}
