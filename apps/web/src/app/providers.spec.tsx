import { render, screen } from '@testing-library/react';
import { theme as antdTheme } from 'antd';
import type { MappingAlgorithm } from 'antd/es/theme/interface';
import { describe, expect, it, vi } from 'vitest';
import { MAP_TOKEN, SEED } from 'virtual:antd-map-token';
import { createQueryClient } from '../lib/query-client';
import { AppProviders, theme } from './providers';
import { seedKey, THEME_TOKEN } from './theme-token';

function TokenProbe() {
  const { token } = antdTheme.useToken();
  return <output data-testid="token">{JSON.stringify({ primary: token.colorPrimary, primaryBg: token.colorPrimaryBg, error: token.colorError, radius: token.borderRadius })}</output>;
}

// TARGETS P5: antd's token map is derived when the app is built (vite.config.ts), not on a phone.
describe("the app's antd theme", () => {
  it('is derived at build time from the tokens the app gives, exactly as antd derives them', () => {
    const seed = { ...antdTheme.defaultSeed, ...THEME_TOKEN };
    expect(SEED).toBe(seedKey(seed));
    expect(MAP_TOKEN).toEqual(JSON.parse(JSON.stringify(antdTheme.defaultAlgorithm(seed))));
  });

  it('renders without deriving the map again, with the same tokens antd would have derived', () => {
    const derive = vi.spyOn(antdTheme, 'defaultAlgorithm');
    render(
      <AppProviders queryClient={createQueryClient()}>
        <TokenProbe />
      </AppProviders>,
    );
    expect(derive).not.toHaveBeenCalled();
    const expected = antdTheme.getDesignToken({ token: THEME_TOKEN });
    expect(JSON.parse(screen.getByTestId('token').textContent ?? '')).toEqual({
      primary: THEME_TOKEN.colorPrimary,
      primaryBg: expected.colorPrimaryBg,
      error: THEME_TOKEN.colorError,
      radius: THEME_TOKEN.borderRadius,
    });
  });

  it('derives any other seed as antd does', () => {
    const algorithm = theme.algorithm as MappingAlgorithm;
    const other = { ...antdTheme.defaultSeed, colorPrimary: '#722ed1' };
    expect(algorithm(other)).toEqual(antdTheme.defaultAlgorithm(other));
  });
});
