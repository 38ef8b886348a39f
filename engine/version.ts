/** Settee's own version, read once from package.json. */
import { readFileSync } from 'node:fs';

const packageJson = new URL('../../package.json', import.meta.url);
export const SETTEE_VERSION: string = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
