import { stemmer } from 'stemmer';
import { mapTerms, type TokenFilter } from './token.js';

/** Apostrophes EnglishPossessiveFilter recognises (ASCII, right single quote, fullwidth). */
const POSSESSIVE = /['\u2019\uff07][sS]$/;

/** EnglishPossessiveFilter: `fox's` → `fox`. Runs before lower-casing, hence `'S` too. */
export const possessiveFilter: TokenFilter = (tokens) => mapTerms(tokens, (term) => term.replace(POSSESSIVE, ''));

/** PorterStemFilter: Martin Porter's original algorithm (`running` → `run`). */
export const porterStemFilter: TokenFilter = (tokens) => mapTerms(tokens, (term) => stemmer(term));
