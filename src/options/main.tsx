import { render } from 'preact';
import { App } from './App';
import './options.css';
import { t } from './api';

// The page's language is the catalogue's (screen readers pick their voice by it).
document.documentElement.lang = t('locale');
document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) render(<App />, root);
