/**
 * The lower part of a long page comes one panel per commit, each in a task of its own (TARGETS
 * P5, issue #11): one commit of all of them is one long layout task on a phone.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { AfterFirstPaint } from './AfterFirstPaint';

/** What each part saw when it was committed: how many parts were on the page, and how often it mounted. */
const seen: Record<string, { partsOnPage: number; mounts: number }> = {};

function Part({ name }: { name: string }) {
  useEffect(() => {
    const before = seen[name]?.mounts ?? 0;
    seen[name] = { partsOnPage: document.querySelectorAll('[data-part]').length, mounts: before + 1 };
  }, [name]);
  return <p data-part={name}>{name}</p>;
}

function Page({ extra }: { extra: boolean }) {
  return (
    <div>
      <h1>top</h1>
      <AfterFirstPaint>
        <Part name="a" />
        {extra && <Part name="late" />}
        <Part name="b" />
        {false}
        <Part name="c" />
      </AfterFirstPaint>
    </div>
  );
}

describe('AfterFirstPaint', () => {
  it('commits one child at a time, in order, and never remounts one once all are shown', async () => {
    for (const key of Object.keys(seen)) delete seen[key];
    const view = render(<Page extra={false} />);
    // The first child comes with the page's own commit's effects; the next in a later task.
    expect([...document.querySelectorAll('[data-part]')].map((p) => p.textContent)).toEqual(['a']);
    await waitFor(() => expect(document.querySelectorAll('[data-part]')).toHaveLength(3));
    // Each part was committed with only the parts before it on the page.
    expect(seen).toEqual({ a: { partsOnPage: 1, mounts: 1 }, b: { partsOnPage: 2, mounts: 1 }, c: { partsOnPage: 3, mounts: 1 } });
    expect([...document.querySelectorAll('[data-part]')].map((p) => p.textContent)).toEqual(['a', 'b', 'c']);

    // A child that appears later comes at once, in its place, and the others stay mounted.
    view.rerender(<Page extra />);
    await screen.findByText('late');
    expect([...document.querySelectorAll('[data-part]')].map((p) => p.textContent)).toEqual(['a', 'late', 'b', 'c']);
    expect([seen.a.mounts, seen.b.mounts, seen.c.mounts, seen.late.mounts]).toEqual([1, 1, 1, 1]);
  });
});
