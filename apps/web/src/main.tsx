import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import 'antd/dist/antd.css';
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
