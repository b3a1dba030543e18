import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import 'antd/dist/antd.css';
import './styles.css';
import { App } from './app/App';

// The first render is a transition: React then renders in slices and gives the phone's main
// thread back between them, instead of one long task before anything can respond (TARGETS P5,
// Lighthouse's total blocking time; apps/web-e2e/journeys/lighthouse.js).
startTransition(() => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
