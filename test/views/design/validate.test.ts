/** `validateDesignDoc`: CouchDB's save-time checks (§1.2, §8.15). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateDesignDoc, type ValidateDesignDocOptions } from '../../../views/design/index.js';
import { SetteeError } from '../../../views/errors.js';

const MAP = 'function (doc) { emit(doc._id, 1); }';

function rejects(doc: unknown, error: string, reason: string | RegExp, options?: ValidateDesignDocOptions): void {
  assert.throws(
    () => validateDesignDoc(doc, options),
    (err: unknown) => {
      assert.ok(err instanceof SetteeError, String(err));
      assert.equal(err.status, 400);
      assert.equal(err.error, error);
      if (typeof reason === 'string') assert.equal(err.reason, reason);
      else assert.match(err.reason, reason);
      return true;
    },
  );
}

describe('validateDesignDoc: field types', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['language', { language: 1 }, '`language` field must have string type'],
    ['language null', { language: null }, '`language` field must have string type'],
    ['options', { options: [] }, '`options` field must have object type'],
    ['options.include_design', { options: { include_design: 'yes' } }, '`options.include_design` field must have boolean type'],
    ['options.local_seq', { options: { local_seq: 1 } }, '`options.local_seq` field must have boolean type'],
    ['options.partitioned', { options: { partitioned: 'false' } }, '`options.partitioned` field must have boolean type'],
    ['filters', { filters: 'f' }, '`filters` field must have object type'],
    ['filters.<name>', { filters: { f: 1 } }, '`filters.f` field must have object or string type'],
    ['lists.<name>', { lists: { l: true } }, '`lists.l` field must have object or string type'],
    ['shows.<name>', { shows: { s: [] } }, '`shows.s` field must have object or string type'],
    ['updates.<name>', { updates: { u: null } }, '`updates.u` field must have object or string type'],
    ['rewrites', { rewrites: {} }, '`rewrites` field must have string or array type'],
    ['validate_doc_update', { validate_doc_update: 1 }, '`validate_doc_update` field must have string or object type'],
    ['views', { views: [] }, '`views` field must have object type'],
    ['views.lib', { views: { lib: 'x' } }, '`views.lib` field must have object type'],
    ['views.<name>', { views: { v: MAP } }, '`views.v` field must have object type'],
    ['views.<name>.map', { views: { v: { map: 1 } } }, '`views.v.map` field must have string type'],
    ['views.<name>.reduce', { views: { v: { map: MAP, reduce: { f: 1 } } } }, '`views.v.reduce` field must have string type'],
    ['Mango map', { language: 'query', views: { v: { map: MAP } } }, '`views.v.map` field must have object type'],
  ];
  for (const [label, doc, reason] of cases) {
    it(`${label}: "${reason}"`, () => rejects(doc, 'invalid_design_doc', reason));
  }

  it('checks in CouchDB\'s order (language before views)', () => {
    rejects({ views: { v: { map: 1 } }, language: 2 }, 'invalid_design_doc', '`language` field must have string type');
  });

  it('accepts every checked member with a right type', () => {
    const doc = {
      _id: '_design/ok',
      language: 'javascript',
      options: { include_design: true, local_seq: false, partitioned: false, other: 1 },
      filters: { f: 'function () {}', g: {} },
      lists: {},
      shows: {},
      updates: {},
      rewrites: [],
      validate_doc_update: 'function () {}',
      views: { lib: { m: 'exports.x = 1;' }, v: { map: MAP, reduce: '_count', options: { collation: 'raw' } } },
      autoupdate: false,
    };
    assert.equal(validateDesignDoc(doc), doc);
  });

  it('rejects a document that is not an object', () => {
    rejects([], 'invalid_design_doc', 'design document must be a JSON object');
  });
});

describe('validateDesignDoc: views', () => {
  it('"View `v` must contain map function"', () => {
    rejects({ views: { v: { reduce: '_sum' } } }, 'invalid_design_doc', 'View `v` must contain map function');
  });

  it('`lib` is not a view and needs no map', () => {
    validateDesignDoc({ views: { lib: { a: 'exports.a = 1;' } } });
  });

  it('no language means JavaScript: a broken map is a compilation_error', () => {
    rejects(
      { views: { v: { map: 'function (doc) { emit(doc._id, ; }' } } },
      'compilation_error',
      /^Compilation of the map function in the 'v' view failed: SyntaxError: .+/,
    );
  });

  it('a broken JavaScript reduce is a compilation_error', () => {
    rejects(
      { views: { v: { map: MAP, reduce: 'function (k, v) { return sum(v) ' } } },
      'compilation_error',
      /^Compilation of the reduce function in the 'v' view failed: SyntaxError: .+/,
    );
  });

  it('a broken search index function is a compilation_error', () => {
    rejects(
      { indexes: { people: { index: 'function (doc) { index("a", ; }' } } },
      'compilation_error',
      /^Compilation of the index function in the 'people' index failed: SyntaxError: .+/,
    );
  });

  it('unknown built-in reduce: "`_random_junk` is not a supported reduce function."', () => {
    rejects({ views: { v: { map: MAP, reduce: '_random_junk' } } }, 'invalid_design_doc', '`_random_junk` is not a supported reduce function.');
  });

  it('built-ins match by prefix', () => {
    validateDesignDoc({ views: { a: { map: MAP, reduce: '_sum\n' }, b: { map: MAP, reduce: '_statsorama' } } });
  });

  it('built-in names go to validateReduceName when given', () => {
    const seen: string[] = [];
    const validateReduceName = (name: string) => {
      seen.push(name);
      if (name === '_top_0') throw new SetteeError(400, 'invalid_design_doc', 'rank value must be between 1 and 100');
    };
    validateDesignDoc({ views: { a: { map: MAP, reduce: '_count' }, b: { map: MAP, reduce: 'function (k, v) { return 1; }' } } }, { validateReduceName });
    assert.deepEqual(seen, ['_count']);
    rejects({ views: { v: { map: MAP, reduce: '_top_0' } } }, 'invalid_design_doc', 'rank value must be between 1 and 100', { validateReduceName });
  });

  it('options.partitioned: true is refused in a non-partitioned database only', () => {
    const doc = { options: { partitioned: true }, views: { v: { map: MAP } } };
    rejects(doc, 'invalid_design_doc', 'partitioned option cannot be true in a non-partitioned database.');
    validateDesignDoc(doc, { partitioned: true });
  });

  it('unknown languages are accepted without compiling', () => {
    validateDesignDoc({ language: 'erlang', views: { v: { map: 'fun({Doc}) -> Emit(1, 1) end.', reduce: 'not js' } } });
  });

  it('Mango (`query`) maps are objects; only reduce names are checked', () => {
    validateDesignDoc({ language: 'query', views: { v: { map: { fields: { a: 'asc' } }, reduce: '_count' } } });
    rejects({ language: 'query', views: { v: { map: {}, reduce: '_nope' } } }, 'invalid_design_doc', '`_nope` is not a supported reduce function.');
  });

  it('search indexes of odd shapes are not refused on save (dreyfus checks them when opened)', () => {
    validateDesignDoc({ indexes: [] });
    validateDesignDoc({ indexes: { a: { analyzer: 'standard' }, b: 'x' } });
  });

  it('a lib module that does not compile fails when required, not on save', () => {
    validateDesignDoc({ views: { lib: { broken: 'exports.x = ;' }, v: { map: MAP } } });
  });
});
