import { Children, startTransition, useEffect, useState, type ReactNode } from 'react';

/** A new task, so that the browser lays out and paints what was committed before the next step. */
function nextTask(callback: () => void): () => void {
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}

/**
 * Renders its children only after the page around it has been shown, and one child at a time:
 * each is rendered as a transition (React renders it in slices and gives the main thread back
 * in between) and committed, laid out and painted in tasks of its own before the next one
 * starts. All of them at once would be one commit and one layout of the whole lower page, each
 * a long task on a phone however the render is sliced (TARGETS P5, Lighthouse's total blocking
 * time; apps/web-e2e/journeys/lighthouse.js). For the lower part of a long page, below the fold.
 * Once every child has been shown, children that appear later render at once, in their place.
 */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const parts = Children.toArray(children);
  const [shown, setShown] = useState(0);
  const [done, setDone] = useState(false);
  const total = parts.length;
  useEffect(() => {
    if (done) return;
    if (shown >= total) {
      setDone(true);
      return;
    }
    // The first step right after the page's commit; each next one after the previous painted.
    const step = () => startTransition(() => setShown((n) => n + 1));
    if (shown === 0) {
      step();
      return;
    }
    return nextTask(step);
  }, [shown, total, done]);
  // By the keys Children.toArray gives (from each child's place), so no child remounts.
  return done ? parts : parts.slice(0, shown);
}
