/**
 * What can wait waits for the first page to show (TARGETS P5, issue #11): the session socket and
 * the bell start once no PageLoader is on the screen and a frame has been painted, or at the
 * latest after the limit. The browser journey 'first load: the socket and the bell wait…'
 * (apps/web-e2e/journeys/first-load.js) checks the order in Chromium.
 */
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

async function freshModule() {
  vi.resetModules();
  return import('./page-shown');
}

describe('page shown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits while a PageLoader is on the screen, and resolves a frame after it went', async () => {
    vi.useFakeTimers();
    const { checkPageShown, usePageLoaderMark, whenPageShown } = await freshModule();
    function Loader() {
      usePageLoaderMark();
      return <span>loading</span>;
    }
    let resolved = false;
    void whenPageShown().then(() => (resolved = true));
    const view = render(<Loader />);
    checkPageShown();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(resolved).toBe(false);
    view.unmount();
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(resolved).toBe(true);
    // From then on nothing waits.
    await expect(whenPageShown()).resolves.toBeUndefined();
  });

  it('with no loader, a frame after the first check', async () => {
    vi.useFakeTimers();
    const { checkPageShown, whenPageShown } = await freshModule();
    let resolved = false;
    void whenPageShown().then(() => (resolved = true));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(resolved).toBe(false); // nobody said the layout rendered
    checkPageShown();
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(resolved).toBe(true);
  });

  it("resolves as soon as the browser reports the page's paint (a largest-contentful-paint entry), before the frames", async () => {
    vi.useFakeTimers();
    let report: (() => void) | null = null;
    vi.stubGlobal(
      'PerformanceObserver',
      class {
        constructor(callback: () => void) {
          report = callback;
        }
        observe = vi.fn();
        disconnect = vi.fn();
      },
    );
    try {
      const { checkPageShown, whenPageShown } = await freshModule();
      let resolved = false;
      void whenPageShown().then(() => (resolved = true));
      checkPageShown();
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(resolved).toBe(false); // no paint reported yet
      (report as (() => void) | null)?.();
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(resolved).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a page that never comes still lets them start after the limit', async () => {
    vi.useFakeTimers();
    const { checkPageShown, usePageLoaderMark, whenPageShown } = await freshModule();
    function Loader() {
      usePageLoaderMark();
      return null;
    }
    render(<Loader />);
    let resolved = false;
    void whenPageShown().then(() => (resolved = true));
    checkPageShown();
    await act(() => vi.advanceTimersByTimeAsync(3900));
    expect(resolved).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(resolved).toBe(true);
  });
});
