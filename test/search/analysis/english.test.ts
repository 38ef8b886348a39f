import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { namedAnalyzer } from '../../../search/analysis/index.js';
import { terms } from './helpers.js';

describe('english analyzer', () => {
  it('stems with Porter: running → run, and friends', () => {
    assert.deepEqual(terms('english', 'running runs easily generalization'), ['run', 'run', 'easili', 'gener']);
  });

  it("removes possessives ('s, ’s, 'S) before stemming", () => {
    assert.deepEqual(terms('english', "John's dog’s CAT'S"), ['john', 'dog', 'cat']);
  });

  it('drops English stop words before stemming, keeping position gaps', () => {
    assert.deepEqual(
      namedAnalyzer('english').analyze('the cats are running').map((token) => [token.term, token.position]),
      [
        ['cat', 1],
        ['run', 3],
      ],
    );
  });

  it('leaves words of two letters or fewer alone', () => {
    assert.deepEqual(terms('english', 'go us ox'), ['go', 'us', 'ox']);
  });

  it('accepts custom stop words', () => {
    assert.deepEqual(terms('english', 'the running dogs', { stopwords: ['dogs'] }), ['the', 'run']);
  });
});
