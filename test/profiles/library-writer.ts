/**
 * Child process for the crash test: saves two alternating versions of one large
 * profile into the library as fast as it can until it is killed.
 */
import { ProfileLibrary } from '../../electron/engine/profiles/index.js';
import { bigProfile } from './fixtures.js';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: library-writer DATA_DIR');
const library = new ProfileLibrary(dataDir);
let round = 0;
for (;;) {
  await library.save(bigProfile(round % 2 === 0 ? 'A' : 'B'));
  if (round === 0) process.stdout.write('ready\n');
  round += 1;
}
