/**
 * A drawing of the chosen program's server-settings dialog with MailTLS's values
 * filled in and the fields to change highlighted (pictures.ts has the data).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import {
  pictures,
  type ClientPictureSpec,
  type PictureField,
  type PictureFrame,
} from '../guides/pictures.js';
import type { ClientId } from '../store/types.js';
import type { Setting } from './setting.js';

const width = 560;
const rowHeight = 46;
const inputX = 300;
/** Labels wider than their column are squeezed rather than run into the input. */
const fit = (label: string, room: number) =>
  [...label].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 6.6), 0) > room
    ? { textLength: room, lengthAdjust: 'spacingAndGlyphs' as const }
    : {};
const top: Record<PictureFrame, number> = { windows: 52, mac: 52, phone: 84, web: 84 };

/** A field is to be changed unless it is about a log-in the server does not offer. */
const changes = (field: PictureField, setting: Setting) => setting.authOffered || field.value !== 'auth';

/** A desktop window: its outline and title bar. */
function Window({ height, rx }: { height: number; rx: number }) {
  return (
    <>
      <rect className="pic__window" x="1" y="1" width={width - 2} height={height - 2} rx={rx} />
      <rect className="pic__bar" x="1" y="1" width={width - 2} height="34" rx={rx} />
    </>
  );
}

function Frame({ frame, title, height }: { frame: PictureFrame; title: string; height: number }) {
  switch (frame) {
    case 'windows':
      return (
        <>
          <Window height={height} rx={6} />
          <text className="pic__title" x="16" y="23">
            {title}
          </text>
          <text className="pic__muted" x={width - 28} y="23">
            ✕
          </text>
        </>
      );
    case 'mac':
      return (
        <>
          <Window height={height} rx={10} />
          {['#ff5f57', '#febc2e', '#28c840'].map((fill, i) => (
            <circle key={fill} cx={20 + i * 20} cy="18" r="6" fill={fill} />
          ))}
          <text className="pic__title" x={width / 2} y="23" textAnchor="middle">
            {title}
          </text>
        </>
      );
    case 'phone':
      return (
        <>
          <rect className="pic__window" x="1" y="1" width={width - 2} height={height - 2} rx="28" />
          <rect className="pic__notch" x={width / 2 - 50} y="10" width="100" height="18" rx="9" />
          <text className="pic__title" x={width / 2} y="62" textAnchor="middle">
            {title}
          </text>
        </>
      );
    case 'web':
      return (
        <>
          <Window height={height} rx={6} />
          <rect className="pic__url" x="60" y="8" width={width - 120} height="20" rx="10" />
          <text className="pic__title" x="16" y="62">
            {title}
          </text>
        </>
      );
  }
}

export function ClientPicture({
  client,
  setting,
  spec = pictures[client],
}: {
  client: ClientId;
  setting: Setting;
  /** Another dialog of the program (e.g. its incoming server); its outgoing server by default. */
  spec?: ClientPictureSpec;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const titleId = useId();
  const start = top[spec.frame];
  const height = start + spec.fields.length * rowHeight + 24;
  const title = spec.title[language];
  return (
    <figure className="picture">
      <svg
        className="pic"
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>
          {t('desk.apply.pictureLabel', { client: setting.guide.name[language], title })}
        </title>
        <Frame frame={spec.frame} title={title} height={height} />
        {spec.fields.map((field, i) => {
          const y = start + i * rowHeight;
          const highlight = changes(field, setting);
          const label = field.label[language];
          if (field.kind === 'check') {
            const on = field.on && highlight;
            return (
              <g key={label} className={highlight ? 'pic__field pic__field--change' : 'pic__field'}>
                {highlight ? (
                  <rect className="pic__halo" x="12" y={y - 4} width={width - 24} height="36" rx="6" />
                ) : null}
                <rect className="pic__box" x="24" y={y + 5} width="18" height="18" rx="4" />
                {on ? <path className="pic__tick" d={`M28 ${y + 14} l4 4 l8 -9`} /> : null}
                <text className="pic__label" x="52" y={y + 19} {...fit(label, width - 80)}>
                  {label}
                </text>
              </g>
            );
          }
          const value = setting.values[field.value];
          return (
            <g key={label} className={highlight ? 'pic__field pic__field--change' : 'pic__field'}>
              {highlight ? (
                <rect className="pic__halo" x="12" y={y - 4} width={width - 24} height="36" rx="6" />
              ) : null}
              <text className="pic__label" x="24" y={y + 19} {...fit(label, inputX - 36)}>
                {label}
              </text>
              <rect className="pic__input" x={inputX} y={y} width={width - inputX - 24} height="28" rx="4" />
              <text className="pic__value" x={inputX + 10} y={y + 19} {...fit(value, width - inputX - 60)}>
                {value}
              </text>
              {field.kind === 'select' ? (
                <text className="pic__muted" x={width - 42} y={y + 19}>
                  ▾
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t('desk.apply.pictureCaption')}</figcaption>
    </figure>
  );
}
