/**
 * A file name suggested by the renderer, made safe to offer in a save dialog
 * on every platform: no folders, no characters Windows forbids, no control
 * characters, no reserved device names, not hidden, at most 200 characters.
 */
const reserved = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function safeFileName(suggested: string, fallback = 'mailtls-export.txt'): string {
  const lastPart = suggested.split(/[\\/]/).pop() ?? '';
  let name = lastPart.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (reserved.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, 200 - extension.length) + extension;
  }
  return name === '' ? fallback : name;
}
