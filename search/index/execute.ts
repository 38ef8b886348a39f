/**
 * Runs a plan against the index: every kind of query has its handler (a new kind fails
 * to compile until it has one), producing all matching documents with their scores.
 * Boolean queries follow Lucene: MUST clauses intersect, SHOULD clauses only add score
 * beside a MUST (and otherwise at least one must match), MUST_NOT clauses subtract, and
 * a query of only MUST_NOT clauses matches nothing. Prefix, wildcard, regexp and range
 * queries are constant-score (their boost); fuzzy queries score their expansions with
 * BM25. What each field matched is recorded for highlighting.
 */
import { termDocs, termHits } from './bm25.js';
import { compareCodePoints } from './document.js';
import { anchoredRegex, fuzzyTerms, prefixTerms, rangeTerms, wildcardRegex } from './expand.js';
import { addOptional, constantHits, exclude, intersect, NO_HITS, scale, union, type Hits } from './hits.js';
import { phraseHits } from './phrase.js';
import type { Plan, PlanKind } from './plan.js';
import { BUCKET_SHIFT } from './postings-block.js';
import { ID_FIELD, type IndexReader } from './reader.js';
import { scanTerms, type ScanRange, type TermVerdict } from './scan.js';

export type TermMatcher = (term: string) => boolean;

export interface Execution {
  readonly reader: IndexReader;
  /** field → tests for the terms the query matched there, for highlighting */
  readonly matched: Map<string, TermMatcher[]>;
}

type Handler<K extends PlanKind> = (plan: Extract<Plan, { kind: K }>, execution: Execution) => Hits;

const HANDLERS: { [K in PlanKind]: Handler<K> } = {
  all: (plan, { reader }) => constantHits(allDocs(reader), plan.boost),
  none: () => NO_HITS,
  term: (plan, execution) => {
    note(execution, plan.field, (term) => term === plan.term);
    return termHits(execution.reader, plan.field, plan.term, plan.boost);
  },
  phrase: (plan, execution) => {
    const terms = new Set(plan.terms.map(({ term }) => term));
    note(execution, plan.field, (term) => terms.has(term));
    return phraseHits(execution.reader, plan.field, plan.terms, plan);
  },
  prefix: (plan, execution) => {
    const { field, prefix } = plan;
    return constantScan(execution, plan, { from: prefix, prefix }, (term) => term.startsWith(prefix), () => prefixTerms(execution.reader, field, prefix));
  },
  wildcard: (plan, execution) => {
    const { regex, literalPrefix } = wildcardRegex(plan.pattern);
    const test = (term: string) => regex.test(term);
    return constantScan(execution, plan, { from: literalPrefix, prefix: literalPrefix }, test, () => [...prefixTerms(execution.reader, plan.field, literalPrefix)].filter(test));
  },
  regexp: (plan, execution) => {
    const regex = anchoredRegex(plan.pattern);
    if (!regex) return NO_HITS;
    const test = (term: string) => regex.test(term);
    return constantScan(execution, plan, { from: '' }, test, () => [...execution.reader.terms(plan.field)].filter(test));
  },
  termRange: (plan, execution) => {
    const inRange = (term: string): TermVerdict => {
      if (plan.lower !== undefined && (compareCodePoints(term, plan.lower) < 0 || (!plan.includeLower && term === plan.lower))) return 'skip';
      if (plan.upper === undefined) return 'take';
      const order = compareCodePoints(term, plan.upper);
      return order < 0 || (order === 0 && plan.includeUpper) ? 'take' : 'stop';
    };
    return constantScan(execution, plan, { from: plan.lower ?? '' }, (term) => inRange(term) === 'take', () => rangeTerms(execution.reader, plan.field, plan), inRange);
  },
  fuzzy: (plan, execution) => {
    const expansions = fuzzyTerms(execution.reader, plan.field, plan.term, plan);
    const terms = new Set(expansions.map(({ term }) => term));
    note(execution, plan.field, (term) => terms.has(term));
    const lists = expansions.map(({ term, boost }) => termHits(execution.reader, plan.field, term, plan.boost * boost));
    return union(lists, execution.reader.maxDoc());
  },
  numericRange: (plan, { reader }) => {
    const docs = new Set<number>();
    for (const { value, doc } of reader.numbers(plan.field, plan.lower, plan.upper)) {
      if (value < plan.lower || value > plan.upper) continue;
      if ((value === plan.lower && !plan.includeLower) || (value === plan.upper && !plan.includeUpper)) continue;
      docs.add(doc);
    }
    return constantHits([...docs].sort((a, b) => a - b), plan.boost);
  },
  boolean: (plan, execution) => {
    const run = (occur: string) => plan.clauses.filter((clause) => clause.occur === occur).map((clause) => execute(clause.plan, execution));
    const musts = run('must').sort((a, b) => a.docs.length - b.docs.length);
    const shoulds = run('should');
    const mustNots = run('must_not');
    let hits: Hits;
    if (musts.length > 0) {
      hits = musts.reduce((all, next) => intersect(all, next));
      for (const should of shoulds) hits = addOptional(hits, should);
    } else hits = union(shoulds, execution.reader.maxDoc());
    for (const mustNot of mustNots) hits = exclude(hits, mustNot);
    return scale(hits, plan.boost);
  },
};

export function execute(plan: Plan, execution: Execution): Hits {
  return (HANDLERS[plan.kind] as Handler<PlanKind>)(plan, execution);
}

/** Every live document, ascending. */
export function allDocs(reader: IndexReader): number[] {
  const docs: number[] = [];
  for (const { bucket, bits } of reader.liveBlocks()) {
    const base = bucket << BUCKET_SHIFT;
    for (let byte = 0; byte < bits.length; byte++) {
      const value = bits[byte]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (value & (1 << bit)) docs.push(base + byte * 8 + bit);
    }
  }
  return docs;
}

/**
 * The documents of every term `accept` takes, each scoring the plan's boost: one scan of
 * the postings (or, for `_id`, of the listed ids).
 */
function constantScan(
  execution: Execution,
  plan: { field: string; boost: number },
  range: ScanRange,
  accept: TermMatcher,
  idTerms: () => Iterable<string>,
  judge: (term: string) => TermVerdict = (term) => (accept(term) ? 'take' : 'skip'),
): Hits {
  note(execution, plan.field, accept);
  const { reader } = execution;
  const matched = new Uint8Array(reader.maxDoc());
  if (plan.field === ID_FIELD) for (const term of idTerms()) for (const doc of termDocs(reader, ID_FIELD, term)) matched[doc] = 1;
  else scanTerms(reader, plan.field, range, judge, matched);
  const docs: number[] = [];
  for (let doc = 0; doc < matched.length; doc++) if (matched[doc]) docs.push(doc);
  return constantHits(docs, plan.boost);
}

function note(execution: Execution, field: string, matcher: TermMatcher): void {
  const list = execution.matched.get(field);
  if (list) list.push(matcher);
  else execution.matched.set(field, [matcher]);
}
