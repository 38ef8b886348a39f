/** The extensions a full server runs: view and search indexing and their routes. */
import type { ServiceExtension } from './service.js';

export function serviceExtensions(): ServiceExtension[] {
  return [];
}
