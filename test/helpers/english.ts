/** Commands, names and record values that stay as they are in Japanese text. */
const asTheyAre = [
  'mailtls login',
  'mailtls serve',
  'npm start',
  'Becky! Internet Mail',
  'MTA-STS enforce',
  'mode: none',
  'mode: testing',
  'mode: enforce',
];

const word = '(?:[A-Z]{2,}|[A-Za-z][a-z]+)';
const run = new RegExp(`\\b${word}(?:[ ,:]+${word})+\\b`, 'g');

/**
 * English sentences in `text`: two or more words in a row, one of them a plain
 * lowercase word ("TLS established", "The server answered"). Acronyms alone (TLS
 * SMTP), host names, ports, identifiers and single brand names are not sentences.
 */
export function englishSentences(text: string): string[] {
  let rest = text;
  for (const name of asTheyAre) rest = rest.split(name).join(' ');
  return (rest.match(run) ?? []).filter((found) => /\b[a-z]{2,}\b/.test(found));
}
