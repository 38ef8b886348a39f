/**
 * The report's SVG chart: view build throughput and query latency (p50) against the
 * database size, on log–log axes, one line per series. Scenarios add points through
 * the context (`context.plot(...)`); sizes that were not run are simply absent.
 */

export const PANELS = ['build', 'query'] as const;
export type Panel = (typeof PANELS)[number];

export interface ChartPoint {
  panel: Panel;
  series: string;
  size: number;
  value: number;
}

const PANEL_TITLES: Record<Panel, string> = { build: 'view build throughput (docs/s)', query: 'query latency p50 (ms)' };
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#17becf', '#bcbd22'];
const PANEL = { width: 460, height: 300, left: 64, right: 16, top: 32, bottom: 40 } as const;
const LEGEND_LINE_HEIGHT = 16;
const SIZE_TICKS = [10_000, 100_000, 1_000_000];

export function renderChart(points: readonly ChartPoint[]): string {
  const panels = PANELS.map((panel) => points.filter((point) => point.panel === panel));
  const legendRows = Math.max(...panels.map((list) => new Set(list.map((point) => point.series)).size), 0);
  const width = PANEL.width * PANELS.length;
  const height = PANEL.height + legendRows * LEGEND_LINE_HEIGHT + 8;
  const body = PANELS.map((panel, index) => renderPanel(panel, panels[index]!, index * PANEL.width)).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

function renderPanel(panel: Panel, points: readonly ChartPoint[], offsetX: number): string {
  const plot = { x0: offsetX + PANEL.left, x1: offsetX + PANEL.width - PANEL.right, y0: PANEL.top, y1: PANEL.height - PANEL.bottom };
  const out = [`<text x="${offsetX + PANEL.width / 2}" y="18" text-anchor="middle" font-weight="bold">${PANEL_TITLES[panel]}</text>`];
  out.push(`<rect x="${plot.x0}" y="${plot.y0}" width="${plot.x1 - plot.x0}" height="${plot.y1 - plot.y0}" fill="none" stroke="#999"/>`);
  if (points.length === 0) {
    out.push(`<text x="${(plot.x0 + plot.x1) / 2}" y="${(plot.y0 + plot.y1) / 2}" text-anchor="middle" fill="#999">not measured in this run</text>`);
    return out.join('\n');
  }
  const values = points.map((point) => point.value).filter((value) => value > 0);
  const yLow = Math.floor(Math.log10(Math.min(...values)));
  const yHigh = Math.max(Math.ceil(Math.log10(Math.max(...values))), yLow + 1);
  const sizes = [...new Set([...SIZE_TICKS, ...points.map((point) => point.size)])];
  const xLow = Math.log10(Math.min(...sizes));
  const xHigh = Math.log10(Math.max(...sizes));
  const x = (size: number) => plot.x0 + ((Math.log10(size) - xLow) / (xHigh - xLow || 1)) * (plot.x1 - plot.x0);
  const y = (value: number) => plot.y1 - ((Math.log10(value) - yLow) / (yHigh - yLow)) * (plot.y1 - plot.y0);
  for (const size of SIZE_TICKS) {
    out.push(`<text x="${x(size).toFixed(1)}" y="${plot.y1 + 14}" text-anchor="middle">${tickLabel(size)} docs</text>`);
  }
  for (let exponent = yLow; exponent <= yHigh; exponent++) {
    const at = y(10 ** exponent).toFixed(1);
    out.push(`<line x1="${plot.x0}" x2="${plot.x1}" y1="${at}" y2="${at}" stroke="#eee"/>`);
    out.push(`<text x="${plot.x0 - 4}" y="${at}" text-anchor="end" dominant-baseline="middle">${tickLabel(10 ** exponent)}</text>`);
  }
  const series = [...new Set(points.map((point) => point.series))];
  series.forEach((name, index) => {
    const color = PALETTE[index % PALETTE.length]!;
    const line = points.filter((point) => point.series === name && point.value > 0).sort((a, b) => a.size - b.size);
    const path = line.map((point) => `${x(point.size).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const point of line) out.push(`<circle cx="${x(point.size).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${color}"/>`);
    const legendY = PANEL.height + index * LEGEND_LINE_HEIGHT;
    out.push(`<rect x="${plot.x0}" y="${legendY - 8}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${plot.x0 + 16}" y="${legendY}">${escapeXml(name)}</text>`);
  });
  return out.join('\n');
}

function tickLabel(value: number): string {
  if (value >= 1e6) return `${value / 1e6}M`;
  if (value >= 1e3) return `${value / 1e3}k`;
  return value >= 1 ? String(value) : String(Number(value.toPrecision(1)));
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
