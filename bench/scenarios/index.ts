/**
 * The scenarios, in the order they run (later ones reuse the fixtures earlier ones
 * loaded). Each is imported only when selected, so a scenario whose subsystem does not
 * load (e.g. mid-integration) fails alone, with its error in the report's notes.
 */
import type { Scenario } from '../lib/context.js';

export interface ScenarioEntry {
  name: string;
  load(): Promise<Scenario>;
}

export const SCENARIOS: readonly ScenarioEntry[] = [
  { name: 'bulk-write', load: async () => (await import('./bulk-write.js')).bulkWrite },
  { name: 'view-build', load: async () => (await import('./view-build.js')).viewBuild },
  { name: 'query-latency', load: async () => (await import('./query-latency.js')).queryLatency },
  { name: 'collation', load: async () => (await import('./collation.js')).collation },
];
