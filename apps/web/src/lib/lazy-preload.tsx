import { lazy, type ComponentType } from 'react';

/**
 * `React.lazy` for a part of a page that can be fetched ahead: `preload()` starts loading its
 * chunk, and once it has arrived the part renders straight away instead of suspending. A lazy
 * part that suspends when its page first renders shows its fallback and appears a moment later,
 * pushing what is below it down: the layout shift Lighthouse counted on the case page
 * (CLS 0.16, TARGETS P5). Fetched ahead, the page appears once, whole.
 */
export function lazyWithPreload<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        pending = null; // a failed fetch (offline) is tried again next time
        throw error;
      },
    ));
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Preloadable(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Preloadable, { preload });
}
