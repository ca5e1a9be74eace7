/** The MailTLS mark (assets/icon.svg), drawn inline so it follows the page's scale; decorative. */
export function Mark({ size = 32 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 512 512"
      aria-hidden="true"
      focusable="false"
      className="mark"
    >
      <rect x="24" y="24" width="464" height="464" rx="112" fill="#1d4ed8" />
      <rect x="88" y="140" width="336" height="236" rx="36" fill="#ffffff" />
      <path
        d="M112 168 L256 276 L400 168"
        fill="none"
        stroke="#1d4ed8"
        strokeWidth="24"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d="M352 250 L428 278 V336 C428 384 396 414 352 432 C308 414 276 384 276 336 V278 Z"
        fill="#16a34a"
        stroke="#0f2f6b"
        strokeWidth="14"
        strokeLinejoin="round"
      />
      <path
        d="M318 338 L344 364 L390 314"
        fill="none"
        stroke="#ffffff"
        strokeWidth="22"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
