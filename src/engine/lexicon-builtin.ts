/**
 * The built-in word lists, compiled: the lexicon the CLI's page bundle (src/cli/page-entry.ts),
 * the background and the tests pass to the engine. Not imported by the content script, which
 * gets the same lists from the background (`content→background:get-rules`) and compiles them
 * itself.
 */
import { WORDS } from './lexicon-words';
import { compileWords, type Lexicon } from './lexicon';

const compiled = compileWords(WORDS);
if (!compiled) throw new Error('the built-in word lists (src/engine/lexicon-words.ts) do not compile');
export const BUILTIN_LEXICON: Lexicon = compiled;
