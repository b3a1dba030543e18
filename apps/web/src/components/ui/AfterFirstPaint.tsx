import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Renders its children only after the page around it has been shown, as a transition: React
 * renders them in slices and gives the main thread back in between, instead of adding them to
 * the page's first render, one long task on a phone (TARGETS P5, Lighthouse's total blocking
 * time; apps/web-e2e/journeys/lighthouse.js). For the lower part of a long page, below the fold.
 */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    startTransition(() => setShown(true));
  }, []);
  return shown ? children : null;
}
