import { render } from 'preact';
import { App } from './App';
import { tabParam } from './text';
import './popup.css';

const root = document.getElementById('app');
if (root) render(<App requestedTabId={tabParam(window.location.search)} />, root);
