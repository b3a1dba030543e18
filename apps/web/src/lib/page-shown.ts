import { useEffect, useState } from 'react';

/**
 * Whether the page a visitor arrived on has shown its content (TARGETS P5, issue #11): what can
 * wait — the session socket, the notification bell and its list — waits for it, so that on a
 * phone's first load it does not compete with the page for the main thread and the link (the
 * socket alone is four requests and a library to evaluate before the case number shows).
 *
 * The page counts as shown once no PageLoader is on the screen after the app's first render, and
 * a frame has been painted since; at the latest SHOWN_LIMIT_MS after the first check, so that a
 * page that never comes (offline, an error) still gets its bell. From then on nothing waits.
 */
const SHOWN_LIMIT_MS = 4000;

let loaders = 0;
let shown = false;
let limit: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function settle(): void {
  if (shown) return;
  shown = true;
  if (limit) clearTimeout(limit);
  for (const listener of listeners) listener();
  listeners.clear();
}

/**
 * After the next paint has reached the screen: when the browser reports the page's largest paint
 * (a new largest-contentful-paint entry, which it reports once that frame has been shown), else
 * two frames and a little after them — one frame is not enough: its paint may still be on its
 * way to the screen when the task after it runs.
 */
function afterPaint(run: () => void): void {
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (callback: () => void) => setTimeout(callback, 16);
  let done = false;
  let observer: PerformanceObserver | null = null;
  const once = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    run();
  };
  try {
    observer = new PerformanceObserver(() => setTimeout(once, 0));
    observer.observe({ type: 'largest-contentful-paint' });
  } catch {
    observer = null; // no such entries here (jsdom, older browsers): the frames decide
  }
  frame(() => frame(() => setTimeout(once, 50)));
}

/** Called when the app's layout has rendered (AppLayout) and whenever a PageLoader goes. */
export function checkPageShown(): void {
  if (shown) return;
  limit ??= setTimeout(settle, SHOWN_LIMIT_MS);
  if (loaders === 0)
    afterPaint(() => {
      if (loaders === 0) settle();
    });
}

/** Marks a PageLoader on the screen while it is mounted (components/ui/PageLoader.tsx). */
export function usePageLoaderMark(): void {
  useEffect(() => {
    loaders++;
    return () => {
      loaders--;
      checkPageShown();
    };
  }, []);
}

/** Resolves once the page has shown (at once after that). */
export function whenPageShown(): Promise<void> {
  return shown ? Promise.resolve() : new Promise((resolve) => listeners.add(resolve));
}

/** `whenPageShown` for rendering: false until the page has shown. */
export function usePageShown(): boolean {
  const [value, setValue] = useState(shown);
  useEffect(() => {
    if (value) return;
    let active = true;
    void whenPageShown().then(() => active && setValue(true));
    return () => {
      active = false;
    };
  }, [value]);
  return value;
}
