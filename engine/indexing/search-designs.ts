/**
 * The search indexes of a database's design documents (`indexes: {name: {index,
 * analyzer}}`), parsed once per design-document revision: each index's signature (which
 * names its storage), analyzer and function source, and the worker program that runs a
 * design document's index functions.
 */
import { createHash } from 'node:crypto';
import { errors, searchIndexDefinition, searchIndexNames, searchIndexSignature } from '../../views/index.js';
import { parseAnalyzerSpec, type AnalyzerSpec } from '../../search/analysis/index.js';
import type { Database } from '../documents/database.js';
import type { Doc } from '../documents/types.js';
import type { IndexProgram } from '../workers/protocol.js';

export interface SearchIndexInfo {
  ddocId: string;
  name: string;
  signature: string;
  /** undefined when the analyzer is not usable: querying the index is then a 400 */
  analyzer: AnalyzerSpec | undefined;
  analyzerError: unknown;
  source: string;
}

export interface SearchDesign {
  id: string;
  rev: string;
  indexes: Map<string, SearchIndexInfo>;
  autoupdate: boolean;
  /** Everything a worker needs to run this design document's index functions. */
  program: IndexProgram;
}

export class SearchDesigns {
  private readonly cache = new Map<string, SearchDesign>();

  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number,
  ) {}

  /** `_design/<name>`; 404 when missing or deleted. */
  get(name: string): SearchDesign {
    const id = `_design/${name}`;
    const doc = this.db.get(id);
    const cached = this.cache.get(id);
    if (cached && cached.rev === doc._rev) return cached;
    const design = parseSearchDesign(doc, this.timeoutMs);
    this.cache.set(id, design);
    return design;
  }

  /** One index; 404 `not_found` "<name> not found." when absent, 400 for a bad definition or analyzer. */
  index(ddocName: string, indexName: string): { design: SearchDesign; index: SearchIndexInfo } {
    const design = this.get(ddocName);
    const index = design.indexes.get(indexName);
    if (!index) {
      searchIndexDefinition(this.db.get(design.id), indexName);
      throw errors.notFound(`${indexName} not found.`);
    }
    if (!index.analyzer) throw index.analyzerError;
    return { design, index };
  }

  /** Every live design document with at least one search index. */
  all(): SearchDesign[] {
    const { rows } = this.db.allDocs({ startkey: '_design/', endkey: '_design0', inclusive_end: false });
    return rows.map((row) => this.get(row.key.slice('_design/'.length))).filter((design) => design.indexes.size > 0);
  }
}

function parseSearchDesign(doc: Doc, timeoutMs: number): SearchDesign {
  const id = doc._id!;
  const indexes = new Map<string, SearchIndexInfo>();
  const sources: Record<string, string> = {};
  for (const name of searchIndexNames(doc)) {
    let definition;
    try {
      definition = searchIndexDefinition(doc, name);
    } catch {
      continue;
    }
    let analyzer: AnalyzerSpec | undefined;
    let analyzerError: unknown;
    try {
      analyzer = parseAnalyzerSpec(definition.analyzer);
    } catch (err) {
      analyzerError = err;
    }
    indexes.set(name, { ddocId: id, name, signature: searchIndexSignature(doc, name), analyzer, analyzerError, source: definition.index });
    if (analyzer) sources[name] = definition.index;
  }
  const key = createHash('sha256').update(JSON.stringify(['search', sources])).digest('hex');
  return { id, rev: doc._rev!, indexes, autoupdate: doc.autoupdate !== false, program: { key, indexes: sources, timeoutMs } };
}
