/**
 * The field type checks CouchDB runs when a design document is saved
 * (`couch_mrview:validate_ddoc_fields`), as data: each rule is a path of steps, a step
 * names a member (or every member) and the JSON types it may have. A missing member
 * passes; `null` has no type and fails. The first failure throws
 * ``"`<dot.joined.path>` field must have <type> type"`` (types joined with " or ").
 */
import { errors } from '../errors.js';

export const FIELD_TYPES = ['string', 'object', 'boolean', 'array'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A step's key: one member name, or every member of the object. */
export const EVERY_MEMBER = Symbol('every member');

interface Step {
  readonly key: string | typeof EVERY_MEMBER;
  readonly types: readonly FieldType[];
}

const step = (key: string | typeof EVERY_MEMBER, ...types: FieldType[]): Step => ({ key, types });

/** In CouchDB's order; `mapType` is `object` for `language: "query"` (Mango), else `string`. */
function fieldRules(mapType: FieldType): Step[][] {
  return [
    [step('filters', 'object'), step(EVERY_MEMBER, 'object', 'string')],
    [step('language', 'string')],
    [step('lists', 'object'), step(EVERY_MEMBER, 'object', 'string')],
    [step('options', 'object')],
    [step('options', 'object'), step('include_design', 'boolean')],
    [step('options', 'object'), step('local_seq', 'boolean')],
    [step('options', 'object'), step('partitioned', 'boolean')],
    [step('rewrites', 'string', 'array')],
    [step('shows', 'object'), step(EVERY_MEMBER, 'object', 'string')],
    [step('updates', 'object'), step(EVERY_MEMBER, 'object', 'string')],
    [step('validate_doc_update', 'string', 'object')],
    [step('views', 'object'), step('lib', 'object')],
    [step('views', 'object'), step(EVERY_MEMBER, 'object'), step('map', mapType)],
    [step('views', 'object'), step(EVERY_MEMBER, 'object'), step('reduce', 'string')],
  ];
}

const HAS_TYPE: Record<FieldType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  boolean: (value) => typeof value === 'boolean',
  array: (value) => Array.isArray(value),
};

/** Throws 400 `invalid_design_doc` for the first member of `doc` with a wrong type. */
export function checkFieldTypes(doc: Readonly<Record<string, unknown>>): void {
  const mapType: FieldType = doc.language === 'query' ? 'object' : 'string';
  for (const rule of fieldRules(mapType)) checkPath(doc, rule, []);
}

function checkPath(value: unknown, steps: readonly Step[], path: readonly string[]): void {
  const [first, ...rest] = steps;
  if (first === undefined || !HAS_TYPE.object(value)) return;
  const object = value as Readonly<Record<string, unknown>>;
  const keys = first.key === EVERY_MEMBER ? Object.keys(object) : [first.key];
  for (const key of keys) {
    const member = Object.hasOwn(object, key) ? object[key] : undefined;
    if (member === undefined) continue;
    const memberPath = [...path, key];
    if (!first.types.some((type) => HAS_TYPE[type](member))) {
      throw errors.invalidDesignDoc(`\`${memberPath.join('.')}\` field must have ${first.types.join(' or ')} type`);
    }
    checkPath(member, rest, memberPath);
  }
}
