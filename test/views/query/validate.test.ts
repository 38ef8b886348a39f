import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseViewQuery,
  UNLIMITED,
  validateViewQuery,
  type ViewInfo,
  type ViewQueryArgs,
} from '../../../views/query/index.js';
import { icuLike, qs, queryParseError } from './helpers.js';

const mapView: ViewInfo = { hasReduce: false, collate: icuLike };
const reduceView: ViewInfo = { hasReduce: true, collate: icuLike };

const query = (text: string, view: ViewInfo) => validateViewQuery(parseViewQuery(qs(text)), view);

/** Parsed arguments with some members replaced by values the parser never produces. */
function withArgs(text: string, overrides: Record<string, unknown>): ViewQueryArgs {
  return { ...parseViewQuery(qs(text)), ...overrides } as ViewQueryArgs;
}

describe('validateViewQuery: the checks of §3.4, in order', () => {
  it('1. group=false with group_level>0', () => {
    const reason = "Can't specify group=false and group_level>0 at the same time";
    queryParseError(() => query('group=false&group_level=1', reduceView), reason);
    queryParseError(() => query('group_level=1&group=false', reduceView), reason);
    queryParseError(() => query('group=false&group_level=1', mapView), reason);
    assert.deepEqual((query('group=false&group_level=0', reduceView) as { group: unknown }).group, { kind: 'all' });
  });

  it('2. reduce that is not a boolean', () => {
    queryParseError(() => validateViewQuery(withArgs('', { reduce: 'yes' }), reduceView), 'Invalid `reduce` value.');
  });

  it('3. reduce=true on a map-only view', () => {
    queryParseError(() => query('reduce=true', mapView), 'Reduce is invalid for map-only views.');
    assert.equal(query('reduce=false', mapView).kind, 'map');
  });

  it('4. multi-key fetch on a reduce view without group=true', () => {
    const reason = 'Multi-key fetches for reduce views must use `group=true`';
    queryParseError(() => query('keys=["a","b"]', reduceView), reason);
    queryParseError(() => query('keys=["a","b"]&group_level=1', reduceView), reason);
    queryParseError(() => query('keys=[]', reduceView), reason);
    queryParseError(() => validateViewQuery(parseViewQuery(qs(''), { keys: [1, 2] }), reduceView), reason);
    assert.equal(query('keys=["a","b"]&group=true', reduceView).kind, 'reduce');
    assert.equal(query('keys=["a","b"]&reduce=false', reduceView).kind, 'map');
  });

  it('5. keys that is not an array', () => {
    queryParseError(() => query('keys=1', mapView), '`keys` must be an array of strings.');
    queryParseError(() => query('keys={"a":1}', mapView), '`keys` must be an array of strings.');
    queryParseError(() => query('keys="a"', reduceView), '`keys` must be an array of strings.');
  });

  it('6. keys together with key, startkey or endkey', () => {
    const reason = '`keys` is incompatible with `key`, `start_key` and `end_key`';
    queryParseError(() => query('keys=["a","b"]&start_key="b"', mapView), reason);
    queryParseError(() => query('keys=["a","b"]&key="a"', mapView), reason);
    queryParseError(() => query('endkey="z"&keys=["a","b"]', mapView), reason);
    assert.deepEqual(query('keys=[]&key="a"', mapView).keys, []);
    assert.equal(query('keys=["a"]&key="a"', mapView).startKey, 'a');
  });

  it('7. docids that are not strings', () => {
    queryParseError(
      () => validateViewQuery(parseViewQuery(qs('key=1'), { startkey_docid: [1] }), mapView),
      '`start_key_docid` must be a string.',
    );
    queryParseError(
      () => validateViewQuery(parseViewQuery(qs('key=1'), { endkey_docid: { id: 'x' } }), mapView),
      '`end_key_docid` must be a string.',
    );
  });

  it('8. a direction that is not a boolean', () => {
    queryParseError(() => validateViewQuery(withArgs('', { descending: 'up' }), mapView), 'Invalid direction.');
  });

  it('9. a negative limit', () => {
    const reason = '`limit` must be a positive integer.';
    queryParseError(() => validateViewQuery(withArgs('', { limit: -1 }), mapView), reason);
    queryParseError(() => validateViewQuery(withArgs('', { limit: 1.5 }), mapView), reason);
    assert.equal(validateViewQuery(withArgs('', { limit: UNLIMITED }), mapView).limit, UNLIMITED);
  });

  it('10. a negative skip', () => {
    queryParseError(() => validateViewQuery(withArgs('', { skip: -1 }), mapView), '`skip` must be >= 0');
  });

  it('11. grouping on a map view, or a negative group_level on a reduce view', () => {
    const reason = 'Invalid use of grouping on a map view.';
    queryParseError(() => query('group=true', mapView), reason);
    queryParseError(() => query('group_level=1', mapView), reason);
    queryParseError(() => query('group=true&reduce=false', reduceView), reason);
    queryParseError(() => query('group_level=1&reduce=false', reduceView), reason);
    assert.equal(query('group_level=0', mapView).kind, 'map');
    assert.equal(query('group=false', mapView).kind, 'map');
    queryParseError(
      () => validateViewQuery(withArgs('', { groupLevel: -1 }), reduceView),
      '`group_level` must be >= 0',
    );
  });

  it('12. stable, update, inclusive_end and sorted of the wrong type', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ stable: 'yes' }, 'Invalid value for `stable`.'],
      [{ update: 'soon' }, 'Invalid value for `update`.'],
      [{ inclusiveEnd: 1 }, 'Invalid value for `inclusive_end`.'],
      [{ sorted: null }, 'Invalid value for `sorted`.'],
    ];
    for (const [overrides, reason] of cases) {
      queryParseError(() => validateViewQuery(withArgs('', overrides), mapView), reason);
    }
  });

  it('13. include_docs on a reduce query', () => {
    queryParseError(() => query('include_docs=true', reduceView), '`include_docs` is invalid for reduce');
    assert.equal(query('include_docs=true&reduce=false', reduceView).kind, 'map');
    assert.equal(query('include_docs=false', reduceView).kind, 'reduce');
    queryParseError(
      () => validateViewQuery(withArgs('', { includeDocs: 'yes' }), mapView),
      'Invalid value for `include_docs`',
    );
  });

  it('14. conflicts on a reduce query', () => {
    queryParseError(() => query('conflicts=true', reduceView), '`conflicts` is invalid for reduce views.');
    queryParseError(() => query('conflicts=false', reduceView), '`conflicts` is invalid for reduce views.');
    assert.equal(query('conflicts=true&reduce=false', reduceView).kind, 'map');
    queryParseError(
      () => validateViewQuery(withArgs('', { conflicts: 'yes' }), mapView),
      'Invalid value for `conflicts`.',
    );
  });

  it('15. partition, then the configured query limit', () => {
    queryParseError(
      () => query('partition=p', mapView),
      '`partition` parameter is not supported in this design doc',
    );
    const limited: ViewInfo = { ...mapView, maxLimit: 10 };
    queryParseError(() => query('limit=11', limited), 'Limit is too large, must not exceed 10');
    assert.equal(query('limit=10', limited).limit, 10);
    assert.equal(query('', limited).limit, 10);
    assert.equal(query('', mapView).limit, UNLIMITED);
  });

  it('reports the earliest failing check', () => {
    queryParseError(() => query('group=true&reduce=true', mapView), 'Reduce is invalid for map-only views.');
    queryParseError(
      () => query('keys=["a","b"]&include_docs=true', reduceView),
      'Multi-key fetches for reduce views must use `group=true`',
    );
    queryParseError(
      () => query('group=true&include_docs=true&reduce=false&conflicts=true&partition=p', reduceView),
      'Invalid use of grouping on a map view.',
    );
    queryParseError(
      () => query('startkey=2&endkey=1&partition=p', mapView),
      '`partition` parameter is not supported in this design doc',
    );
  });
});

describe('validateViewQuery: grouping', () => {
  const groupOf = (text: string) => {
    const resolved = query(text, reduceView);
    assert.equal(resolved.kind, 'reduce');
    return resolved.kind === 'reduce' ? resolved.group : undefined;
  };

  it('reduces everything by default', () => {
    assert.deepEqual(groupOf(''), { kind: 'all' });
    assert.deepEqual(groupOf('group=false'), { kind: 'all' });
  });

  it('groups exactly with group=true', () => {
    assert.deepEqual(groupOf('group=true'), { kind: 'exact' });
  });

  it('lets group_level win over group, level 0 meaning no grouping', () => {
    assert.deepEqual(groupOf('group=true&group_level=0'), { kind: 'all' });
    assert.deepEqual(groupOf('group=true&group_level=2'), { kind: 'level', level: 2 });
    assert.deepEqual(groupOf('group_level=1'), { kind: 'level', level: 1 });
  });
});
