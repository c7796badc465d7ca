// Charts as pictures, rendered on the server: echarts' SSR SVG renderer, then @resvg/resvg-js to
// PNG with the system's DejaVu fonts. No browser. The text reply always carries the same facts.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Blueprint } from './blueprint.js';
import type { Readiness } from './readiness.js';

export interface Chart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

const FONT = 'DejaVu Sans';
export const PASS_COLOR = '#d62728';
const BELOW = '#f28e2b';
const ABOVE = '#2e7d32';
/** A domain with no questions in the notes: its bar is only the prior, drawn grey and labelled so. */
export const PRIOR_COLOR = '#9e9e9e';

/** Plot area margins, fixed so tests (and readers) can find the passing line's x. */
export const READINESS_GRID = { left: 310, right: 50, top: 50, bottom: 40 } as const;

// The DejaVu files when present (no scan of every system font per render), else the system's fonts.
const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'].filter((f) => existsSync(f));
const FONT_OPTIONS = DEJAVU.length ? { fontFiles: DEJAVU, loadSystemFonts: false, defaultFontFamily: FONT } : { loadSystemFonts: true, defaultFontFamily: FONT };

export function renderChart(option: echarts.EChartsOption, width: number, height: number): Chart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, { font: FONT_OPTIONS, fitTo: { mode: 'original' } }).render().asPng();
    return { svg, png, width, height };
  } finally {
    chart.dispose();
  }
}

/** The x pixel of a scaled score on the readiness chart. */
export function readinessX(r: Pick<Readiness, 'scaledRange'>, width: number, score: number): number {
  const { min, max } = r.scaledRange;
  const plot = width - READINESS_GRID.left - READINESS_GRID.right;
  return READINESS_GRID.left + ((score - min) / (max - min)) * plot;
}

const domainScaled = (r: Readiness, share: number): number => Math.round(r.scaledRange.min + share * (r.scaledRange.max - r.scaledRange.min));

/**
 * Readiness as horizontal bars, one per domain (its share on the scaled range) plus the whole
 * exam on top, with the passing score as a vertical line. A domain without questions is a grey
 * bar labelled "no questions: prior".
 */
export function readinessChart(r: Readiness, title: string, width = 720): Chart {
  const rows = r.domains.map((d) => ({ label: `${d.domain.id} ${d.domain.name} (${d.domain.weight}%)`, value: domainScaled(r, d.share), prior: !d.total }));
  return scoreBars([...rows, { label: 'Predicted exam score', value: r.scaled }], r.scaledRange, r.passingScore, title, width);
}

/** A mock exam's result: each domain's share right on the scaled range, and the exam's score. */
export function examResultChart(bp: Blueprint, perDomain: { domainId: string; name: string; asked: number; correct: number }[], scaled: number, title: string, width = 720): Chart {
  const range = bp.scaledScore;
  const rows = perDomain.map((d) => ({ label: `${d.domainId} ${d.name} (${d.correct}/${d.asked})`, value: Math.round(range.min + (d.asked ? d.correct / d.asked : 0) * (range.max - range.min)) }));
  return scoreBars([...rows, { label: 'Exam score', value: scaled }], range, bp.passingScore, title, width);
}

/** Horizontal bars on the scaled range (the last row on top) with the passing score marked. */
function scoreBars(rows: { label: string; value: number; prior?: boolean }[], range: { min: number; max: number }, passing: number, title: string, width: number): Chart {
  const ordered = [...rows.slice(0, -1)].reverse().concat(rows.slice(-1));
  const height = READINESS_GRID.top + READINESS_GRID.bottom + ordered.length * 44;
  return renderChart(
    {
      title: { text: title, left: 10, top: 10, textStyle: { fontSize: 14, fontFamily: FONT } },
      grid: { ...READINESS_GRID, containLabel: false },
      xAxis: { type: 'value', min: range.min, max: range.max, splitNumber: 9, axisLabel: { fontFamily: FONT } },
      yAxis: { type: 'category', data: ordered.map((x) => x.label), axisLabel: { fontFamily: FONT, width: READINESS_GRID.left - 20, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barWidth: 22,
          data: ordered.map((x) =>
            x.prior
              ? { value: x.value, itemStyle: { color: PRIOR_COLOR }, label: { formatter: `${x.value} (no questions: prior)` } }
              : { value: x.value, itemStyle: { color: x.value >= passing ? ABOVE : BELOW } },
          ),
          label: { show: true, position: 'right', fontFamily: FONT },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: PASS_COLOR, width: 3, type: 'solid' },
            label: { formatter: `pass ${passing}`, color: PASS_COLOR, fontFamily: FONT },
            data: [{ xAxis: passing }],
          },
        },
      ],
    },
    width,
    height,
  );
}

export interface AccuracyPoint {
  /** "2026-03-02" (a week's Monday) or an exam's date. */
  label: string;
  perDomain: { domainId: string; asked: number; correct: number }[];
}

/** Accuracy per domain over time (lines, percent), with the share the passing score needs as a line. */
export function accuracyChart(bp: Blueprint, points: AccuracyPoint[], title: string, width = 720, height = 400): Chart {
  const needed = Math.round((100 * (bp.passingScore - bp.scaledScore.min)) / (bp.scaledScore.max - bp.scaledScore.min));
  return renderChart(
    {
      title: { text: title, left: 10, top: 10, textStyle: { fontSize: 14, fontFamily: FONT } },
      legend: { top: 36, left: 10, width: width - 160, itemGap: 24, textStyle: { fontFamily: FONT } },
      grid: { left: 50, right: 30, top: 105, bottom: 35 },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { fontFamily: FONT } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: FONT } },
      series: bp.domains.map((d, i) => ({
        type: 'line' as const,
        name: `${d.id} ${d.name}`,
        connectNulls: true,
        data: points.map((p) => {
          const x = p.perDomain.find((e) => e.domainId === d.id);
          return x && x.asked ? Math.round((100 * x.correct) / x.asked) : null;
        }),
        ...(i === 0
          ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: PASS_COLOR, width: 2, type: 'solid' as const }, label: { formatter: `pass ≈ ${needed}%`, color: PASS_COLOR, position: 'insideEndTop' as const }, data: [{ yAxis: needed }] } }
          : {}),
      })),
    },
    width,
    height,
  );
}
