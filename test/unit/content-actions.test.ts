/**
 * "Turn off" (src/content/actions.ts) on a menu button named by its action (Google's "Turn off ▾"):
 * the click only opens the page's menu, and the result says so instead of "did not take". The
 * words are the catalogue keys here (no browser i18n in unit tests).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { turnOff } from '../../src/content/actions';
import type { ControlTarget } from '../../src/engine/scan';

beforeEach(() => {
  document.body.replaceChildren();
});

function menuButton(onClick: (b: HTMLButtonElement) => void): ControlTarget {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = 'Turn off';
  b.setAttribute('aria-haspopup', 'menu');
  b.setAttribute('aria-expanded', 'false');
  b.addEventListener('click', () => onClick(b));
  document.body.append(b);
  return { control: b, visible: b, offOption: null, surface: null };
}

describe('Turn off on a menu button', () => {
  it('says the page opened its menu and leaves the choice to the person', async () => {
    let clicks = 0;
    const chosen: string[] = [];
    const t = menuButton((b) => {
      clicks++;
      b.setAttribute('aria-expanded', 'true');
      const menu = document.createElement('div');
      menu.setAttribute('role', 'menu');
      for (const label of ['Turn off', 'Turn off and delete activity']) {
        const item = document.createElement('div');
        item.setAttribute('role', 'menuitem');
        item.textContent = label;
        item.addEventListener('click', () => chosen.push(label));
        menu.append(item);
      }
      document.body.append(menu);
    });
    const r = await turnOff(t, 'on', BUILTIN_LEXICON, 0);
    expect(r).toMatchObject({ ok: false, before: 'on', message: 'resultMenuOpened' });
    expect(clicks).toBe(1);
    expect(chosen).toEqual([]);
  });

  it('says the change did not take when the click opened nothing', async () => {
    const t = menuButton(() => undefined);
    const r = await turnOff(t, 'on', BUILTIN_LEXICON, 0);
    expect(r).toMatchObject({ ok: false, before: 'on', message: 'resultNotTaken' });
  });

  it('does not take a dialog button for a menu', async () => {
    const t = menuButton((b) => b.setAttribute('aria-expanded', 'true'));
    t.control.setAttribute('aria-haspopup', 'dialog');
    const r = await turnOff(t, 'on', BUILTIN_LEXICON, 0);
    expect(r.message).toBe('resultNotTaken');
  });
});
