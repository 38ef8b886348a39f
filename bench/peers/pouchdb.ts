/**
 * The PouchDB peer (pouchdb-node 9, LevelDB): the only module that loads PouchDB. It is
 * what a Node user would pick for persistent CouchDB-style views, so it is measured on
 * the same documents, the same map functions and the same queries as Settee.
 */
import PouchDB from 'pouchdb-node';

const CONFLICT = 409;

export interface PouchQueryResult {
  total_rows?: number;
  rows: Array<{ id?: string; key: unknown; value: unknown }>;
}

/** A PouchDB database in a directory of its own. */
export class PouchPeer {
  private constructor(private readonly db: PouchDB) {}

  static open(dir: string): PouchPeer {
    return new PouchPeer(new PouchDB(dir));
  }

  async bulkDocs(docs: object[]): Promise<void> {
    const results = await this.db.bulkDocs(docs);
    const failed = results.find((result) => typeof result === 'object' && result !== null && 'error' in result);
    if (failed) throw new Error(`PouchDB bulkDocs failed: ${JSON.stringify(failed)}`);
  }

  async put(doc: object): Promise<string> {
    return (await this.db.put(doc)).rev;
  }

  /** A stored document; `T` is the shape the caller wrote. */
  async get<T extends object>(id: string): Promise<T & { _rev: string }> {
    return (await this.db.get(id)) as unknown as T & { _rev: string };
  }

  /** Saves a design document unless one with this id exists (fixtures are shared between scenarios). */
  async ensureDesign(id: string, views: Record<string, { map: string; reduce?: string }>): Promise<void> {
    try {
      await this.db.put({ _id: id, views });
    } catch (err) {
      if ((err as { status?: number }).status !== CONFLICT) throw err;
    }
  }

  /** A persistent view query, e.g. `query('b/ref', { stale: 'ok', limit: 10 })`. */
  query(view: string, options: Record<string, unknown> = {}): Promise<PouchQueryResult> {
    return this.db.query(view, options);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
