/**
 * Imported first by main.tsx, before anything that builds a zod schema
 * (electron/contract.ts builds them on import). Without `jitless`, zod probes
 * for eval with `new Function("")`; the CSP (no 'unsafe-eval') blocks it and
 * reports a violation on every page load.
 */
import { z } from 'zod';

z.config({ jitless: true });
