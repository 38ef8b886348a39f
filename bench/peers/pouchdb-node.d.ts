/**
 * The slice of pouchdb-node's API the benchmark uses (the package ships no types).
 * Declared here, narrowly, instead of pulling in @types/pouchdb.
 */
declare module 'pouchdb-node' {
  interface PouchQueryResult {
    total_rows?: number;
    offset?: number;
    rows: Array<{ id?: string; key: unknown; value: unknown }>;
  }

  class PouchDB {
    constructor(name: string, options?: Record<string, unknown>);
    bulkDocs(docs: object[]): Promise<unknown[]>;
    get(id: string): Promise<Record<string, unknown> & { _rev: string }>;
    put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>;
    query(view: string, options?: Record<string, unknown>): Promise<PouchQueryResult>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }

  export = PouchDB;
}
