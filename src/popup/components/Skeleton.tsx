/**
 * Shown while the first replies are on their way: the same boxes as the loaded popup (header,
 * choice, deadline, this page), so nothing moves when the values arrive.
 */
import { t } from '../api';

export function Skeleton() {
  return (
    <div class="popup" aria-busy="true">
      <header class="header">
        <span class="bar bar--title" />
      </header>
      <main>
        <p class="visually-hidden" role="status">
          {t('loading')}
        </p>
        <section class="panel choice-panel" aria-hidden="true">
          <span class="bar bar--eyebrow" />
          <span class="bar bar--choice" />
          <span class="bar bar--line" />
          <span class="bar bar--line bar--short" />
          <span class="bar bar--line" />
        </section>
        <section class="panel deadline-panel" aria-hidden="true">
          <span class="bar bar--eyebrow" />
          <span class="bar bar--line" />
          <span class="bar bar--countdown" />
          <span class="bar bar--line bar--short" />
        </section>
        <section class="panel page-panel" aria-hidden="true">
          <span class="bar bar--eyebrow" />
          <span class="bar bar--line" />
          <span class="bar bar--line bar--short" />
        </section>
      </main>
    </div>
  );
}
