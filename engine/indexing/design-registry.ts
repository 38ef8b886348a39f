/**
 * The design documents of one database, read from the store and parsed into view
 * definitions. Parsed forms are cached by revision, so a query costs one `get` to learn
 * whether its design document changed.
 */
import { createHash } from 'node:crypto';
import { errors, parseReduceSource, viewSignature, type ReduceSpec } from '../../views/index.js';
import type { Database } from '../documents/database.js';
import type { Doc, JsonObject } from '../documents/types.js';
import type { MapProgram } from '../workers/protocol.js';

export type Collation = 'icu' | 'raw';

export interface ViewDefinition {
  ddocId: string;
  name: string;
  signature: string;
  map: string;
  reduce: ReduceSpec | undefined;
  collation: Collation;
  /** Cloudant's chained MapReduce: the database that receives this view's grouped output. */
  dbcopy: string | undefined;
}

export interface DesignInfo {
  id: string;
  rev: string;
  views: Map<string, ViewDefinition>;
  includeDesign: boolean;
  localSeq: boolean;
  autoupdate: boolean;
  /** Everything a worker needs to run this design document's map functions. */
  program: MapProgram;
}

export class DesignRegistry {
  private readonly cache = new Map<string, DesignInfo>();

  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number,
  ) {}

  /** The current design document `_design/<name>`; 404 when missing or deleted. */
  get(name: string): DesignInfo {
    const id = `_design/${name}`;
    const doc = this.db.get(id);
    const cached = this.cache.get(id);
    if (cached && cached.rev === doc._rev) return cached;
    const info = parseDesign(doc, this.timeoutMs);
    this.cache.set(id, info);
    return info;
  }

  /** Every live design document of the database. */
  all(): DesignInfo[] {
    const { rows } = this.db.allDocs({ startkey: '_design/', endkey: '_design0', inclusive_end: false });
    return rows.map((row) => this.get(row.key.slice('_design/'.length)));
  }

  view(ddocName: string, viewName: string): { design: DesignInfo; view: ViewDefinition } {
    const design = this.get(ddocName);
    const view = design.views.get(viewName);
    if (!view) throw errors.notFound('missing_named_view');
    return { design, view };
  }
}

function parseDesign(doc: Doc, timeoutMs: number): DesignInfo {
  const id = doc._id!;
  const views = (doc.views ?? {}) as Record<string, JsonObject>;
  const options = (doc.options ?? {}) as JsonObject;
  const lib = views.lib as JsonObject | undefined;
  const definitions = new Map<string, ViewDefinition>();
  const maps: Record<string, string> = {};
  for (const [name, view] of Object.entries(views)) {
    if (name === 'lib' || typeof view?.map !== 'string') continue;
    const viewOptions = (view.options ?? {}) as JsonObject;
    definitions.set(name, {
      ddocId: id,
      name,
      signature: viewSignature(doc, name),
      map: view.map,
      reduce: typeof view.reduce === 'string' ? parseReduceSource(view.reduce) : undefined,
      collation: viewOptions.collation === 'raw' ? 'raw' : 'icu',
      dbcopy: typeof view.dbcopy === 'string' ? view.dbcopy : undefined,
    });
    maps[name] = view.map;
  }
  const programKey = createHash('sha256').update(JSON.stringify([maps, lib ?? null])).digest('hex');
  return {
    id,
    rev: doc._rev!,
    views: definitions,
    includeDesign: options.include_design === true,
    localSeq: options.local_seq === true,
    autoupdate: doc.autoupdate !== false,
    program: { key: programKey, maps, lib, timeoutMs },
  };
}
