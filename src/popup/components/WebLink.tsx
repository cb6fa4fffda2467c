import type { ComponentChildren } from 'preact';
import { openTab, sentenceFor, SENTENCES } from '../api';
import { isWebUrl } from '../text';

interface Props {
  url: string;
  children: ComponentChildren;
  testId?: string;
  onError: (sentence: string | null) => void;
}

/**
 * A link that opens in a new tab through `browser.tabs.create` (a popup cannot navigate
 * itself to a site). Keeps a real `href` so it is a link to keyboards, screen readers and
 * middle-clicks. Anything but http(s) is rendered as plain text, never as a link.
 */
export function WebLink({ url, children, testId, onError }: Props) {
  if (!isWebUrl(url)) return <span data-testid={testId}>{children}</span>;
  const open = (e: MouseEvent): void => {
    e.preventDefault();
    openTab(url).catch((err: unknown) => onError(sentenceFor(err, SENTENCES.open)));
  };
  return (
    <a href={url} target="_blank" rel="noreferrer" data-testid={testId} onClick={open}>
      {children}
    </a>
  );
}
