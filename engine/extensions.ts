/** The extensions a full server runs on top of documents: view routes (and search, chaining). */
import { registerViewRoutes } from './server/view-routes.js';
import { registerSearchRoutes } from './server/search-routes.js';
import type { ServiceExtension } from './service.js';

export function serviceExtensions(): ServiceExtension[] {
  return [{ routes: [registerViewRoutes, registerSearchRoutes] }];
}
