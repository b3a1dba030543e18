import { useEffect, useRef } from 'react';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart types the dashboard draws (bar, pie), to keep the lazy chunk small.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

/** Whether this browser can draw on a canvas at all (not, e.g., without a 2D context). */
function canDraw(): boolean {
  try {
    return !!document.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
}

function safely(action: () => void) {
  try {
    action();
  } catch {
    // A chart that fails to draw or dispose leaves its box empty.
  }
}

/**
 * A small React wrapper around Apache ECharts: init on mount, setOption on change, resize with its
 * box, dispose on unmount. A chart that cannot draw (no canvas) leaves its box empty rather than
 * taking the page down: every number is also in the page's text and tables.
 */
export function EChart({ option, height = 260, testId }: { option: EChartOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current || !canDraw()) return undefined;
    let c: echarts.ECharts;
    try {
      c = echarts.init(el.current);
    } catch {
      return undefined;
    }
    chart.current = c;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => safely(() => c.resize()));
    observer?.observe(el.current);
    return () => {
      observer?.disconnect();
      safely(() => c.dispose());
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c) safely(() => c.setOption(option, true));
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
