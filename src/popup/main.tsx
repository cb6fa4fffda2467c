import { render } from 'preact';
import { App } from './App';
import { tabParam } from './text';
import { t } from './api';
import './popup.css';

// The page's language is the catalogue's (screen readers pick their voice by it).
document.documentElement.lang = t('locale');
const root = document.getElementById('app');
if (root) render(<App requestedTabId={tabParam(window.location.search)} />, root);
