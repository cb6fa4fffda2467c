/**
 * Gives the engine's expressions (lexicon.ts) the built-in word lists. Imported for its effect,
 * first, wherever the engine runs with the words bundled: the CLI's page bundle
 * (src/cli/page-entry.ts) and the unit tests (vitest.config.ts, setupFiles). Not by the content
 * script, which gets the same lists from the background (`content→background:get-rules`).
 */
import { WORDS } from './lexicon-words';
import { useWords } from './lexicon';

if (!useWords(WORDS)) throw new Error('the built-in word lists (src/engine/lexicon-words.ts) do not compile');
