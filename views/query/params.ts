/**
 * The table of query parameters (`couch_mrview_http:parse_param/4`): what each name,
 * alias included, does to the arguments. Names not in the table are ignored, as CouchDB
 * ignores them.
 */
import { errors } from '../errors.js';
import type { UpdateMode, ViewQueryArgs } from './args.js';
import type { JsonObject } from './json.js';
import {
  parseBoolean,
  parseJson,
  parsePositiveInteger,
  parseText,
  type ParamValue,
} from './scalars.js';

type ParamHandler = (args: ViewQueryArgs, param: ParamValue) => void;

const setStartKey: ParamHandler = (args, param) => {
  args.startKey = parseJson(param);
};
const setEndKey: ParamHandler = (args, param) => {
  args.endKey = parseJson(param);
};
const setStartKeyDocId: ParamHandler = (args, param) => {
  args.startKeyDocId = parseText(param);
};
const setEndKeyDocId: ParamHandler = (args, param) => {
  args.endKeyDocId = parseText(param);
};

/** `stale` is the deprecated spelling of `stable` + `update`. */
const STALE_MODES: ReadonlyMap<string, UpdateMode> = new Map([
  ['ok', 'false'],
  ['update_after', 'lazy'],
]);

const HANDLERS: ReadonlyMap<string, ParamHandler> = new Map<string, ParamHandler>([
  ['reduce', (args, param) => (args.reduce = parseBoolean(param))],
  [
    'key',
    (args, param) => {
      const key = parseJson(param);
      args.startKey = key;
      args.endKey = key;
    },
  ],
  ['keys', (args, param) => (args.keys = parseJson(param))],
  ['startkey', setStartKey],
  ['start_key', setStartKey],
  ['endkey', setEndKey],
  ['end_key', setEndKey],
  ['startkey_docid', setStartKeyDocId],
  ['start_key_doc_id', setStartKeyDocId],
  ['endkey_docid', setEndKeyDocId],
  ['end_key_doc_id', setEndKeyDocId],
  ['limit', (args, param) => (args.limit = parsePositiveInteger(param))],
  ['skip', (args, param) => (args.skip = parsePositiveInteger(param))],
  ['group', (args, param) => (args.group = parseBoolean(param))],
  ['group_level', (args, param) => (args.groupLevel = parsePositiveInteger(param))],
  ['descending', (args, param) => (args.descending = parseBoolean(param))],
  ['inclusive_end', (args, param) => (args.inclusiveEnd = parseBoolean(param))],
  ['include_docs', (args, param) => (args.includeDocs = parseBoolean(param))],
  ['conflicts', (args, param) => (args.conflicts = parseBoolean(param))],
  ['attachments', (args, param) => (args.attachments = parseBoolean(param))],
  ['att_encoding_info', (args, param) => (args.attEncodingInfo = parseBoolean(param))],
  ['update_seq', (args, param) => (args.updateSeq = parseBoolean(param))],
  ['sorted', (args, param) => (args.sorted = parseBoolean(param))],
  [
    'stale',
    (args, param) => {
      const mode = STALE_MODES.get(exactWord(param) ?? '');
      if (mode === undefined) throw errors.queryParse('Invalid value for `stale`.');
      args.stable = true;
      args.update = mode;
    },
  ],
  [
    'stable',
    (args, param) => {
      const word = exactWord(param);
      if (word !== 'true' && word !== 'false') throw errors.queryParse('Invalid value for `stable`.');
      args.stable = word === 'true';
    },
  ],
  [
    'update',
    (args, param) => {
      const word = exactWord(param);
      if (word !== 'true' && word !== 'false' && word !== 'lazy') {
        throw errors.queryParse('Invalid value for `update`.');
      }
      args.update = word;
    },
  ],
  [
    'partition',
    (args, param) => {
      const partition = parseText(param);
      args.partition = typeof partition === 'string' ? partition : JSON.stringify(partition);
    },
  ],
]);

/** Applies one parameter; unknown names (and the empty name) change nothing. */
export function applyParam(args: ViewQueryArgs, name: string, param: ParamValue): void {
  HANDLERS.get(name)?.(args, param);
}

/** Applies query-string parameters in order: a later one overrides an earlier one. */
export function applyQueryString(args: ViewQueryArgs, params: QueryParams): void {
  for (const [name, text] of params) applyParam(args, name, { source: 'query', text });
}

/** Applies the members of a decoded JSON body, in member order. */
export function applyBody(args: ViewQueryArgs, body: JsonObject): void {
  for (const [name, value] of Object.entries(body)) {
    // A caller-built object may hold `undefined`; JSON never does.
    if (value !== undefined) applyParam(args, name, { source: 'body', value });
  }
}

/** Query-string pairs in order: a `URLSearchParams`, or `[name, value]` pairs. */
export type QueryParams = Iterable<readonly [string, string]>;

/**
 * `stale`, `stable` and `update` match their words exactly (no case folding), from the
 * query string or a body string; a body may also give `stable`/`update` as booleans.
 */
function exactWord(param: ParamValue): string | undefined {
  if (param.source === 'query') return param.text;
  const { value } = param;
  if (typeof value === 'string') return value;
  return typeof value === 'boolean' ? String(value) : undefined;
}
