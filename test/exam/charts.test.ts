import { describe, expect, it } from 'vitest';
import { accuracyChart, PASS_COLOR, PRIOR_COLOR, READINESS_GRID, readinessChart, readinessX } from '../../src/exam/charts.js';
import { readinessFrom, recallQuestions } from '../../src/exam/readiness.js';
import { decodePng, PNG_SIGNATURE } from './png.js';
import { dva, examQuestions } from './support.js';

const red = [parseInt(PASS_COLOR.slice(1, 3), 16), parseInt(PASS_COLOR.slice(3, 5), 16), parseInt(PASS_COLOR.slice(5, 7), 16)];
const isPassRed = ([r, g, b]: number[]) => Math.abs(r! - red[0]!) < 40 && Math.abs(g! - red[1]!) < 40 && Math.abs(b! - red[2]!) < 40;
const isInk = ([r, g, b]: number[]) => r! + g! + b! < 300;

describe('readiness chart', () => {
  const bp = dva();
  const r = readinessFrom(bp, recallQuestions(examQuestions([4, 4, 4, 4]), { kind: 'guess' }), new Map());

  it('is a valid PNG of the expected size with the domains and the passing line', () => {
    const chart = readinessChart(r, 'DVA-C02 readiness · ann');
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const png = decodePng(chart.png);
    expect([png.width, png.height]).toEqual([720, READINESS_GRID.top + READINESS_GRID.bottom + 5 * 44]);
    expect([chart.width, chart.height]).toEqual([png.width, png.height]);
    // The SVG names the domains and labels the line.
    for (const d of bp.domains) expect(chart.svg).toContain(d.name);
    expect(chart.svg).toContain('pass 720');
    expect(chart.svg.toLowerCase()).toContain(PASS_COLOR);

    // The PNG: a red vertical line at the passing score's x, over the whole plot height…
    const x = Math.round(readinessX(r, png.width, 720));
    const top = READINESS_GRID.top + 5;
    const bottom = png.height - READINESS_GRID.bottom - 5;
    const column = (cx: number) => Array.from({ length: bottom - top }, (_, i) => png.pixel(cx, top + i));
    const redAtLine = [x - 1, x, x + 1].map((cx) => column(cx).filter(isPassRed).length);
    expect(Math.max(...redAtLine)).toBeGreaterThan((bottom - top) * 0.6);
    // …and nowhere else on the plot (40 px either side).
    expect(column(x - 40).filter(isPassRed)).toHaveLength(0);
    expect(column(x + 40).filter(isPassRed)).toHaveLength(0);
    // The labels are drawn with a real font: ink in the label column.
    let ink = 0;
    for (let y = top; y < bottom; y++) for (let cx = 10; cx < READINESS_GRID.left - 10; cx += 2) if (isInk(png.pixel(cx, y))) ink++;
    expect(ink).toBeGreaterThan(200);
  });

  it('moves the line with the passing score', () => {
    const chart = readinessChart({ ...r, passingScore: 550 }, 'x');
    const png = decodePng(chart.png);
    const x = Math.round(readinessX(r, png.width, 550));
    const y = Math.round(png.height / 2);
    expect([x - 1, x, x + 1].some((cx) => isPassRed(png.pixel(cx, y)))).toBe(true);
    const old = Math.round(readinessX(r, png.width, 720));
    expect([old - 1, old, old + 1].some((cx) => isPassRed(png.pixel(cx, y)))).toBe(false);
  });
});

describe('readiness chart: domains without questions', () => {
  const bp = dva();
  const grey = [1, 3, 5].map((i) => parseInt(PRIOR_COLOR.slice(i, i + 2), 16));
  const isGrey = ([r, g, b]: number[]) => Math.abs(r! - grey[0]!) < 6 && Math.abs(g! - grey[1]!) < 6 && Math.abs(b! - grey[2]!) < 6;
  const greyPixels = (png: ReturnType<typeof decodePng>) => {
    let n = 0;
    for (let y = READINESS_GRID.top; y < png.height - READINESS_GRID.bottom; y++) for (let x = READINESS_GRID.left + 2; x < png.width - READINESS_GRID.right; x++) if (isGrey(png.pixel(x, y))) n++;
    return n;
  };

  it('are grey bars labelled as the prior; covered domains are not', () => {
    const partial = readinessFrom(bp, recallQuestions(examQuestions([4, 4, 0, 0]), { kind: 'guess' }), new Map());
    const chart = readinessChart(partial, 'x');
    expect(chart.svg.match(/no questions: prior/g)).toHaveLength(2);
    // Two bars 22 px high, from the axis to the prior (325 of 100–1000): thousands of grey pixels.
    const partialGrey = greyPixels(decodePng(chart.png));
    expect(partialGrey).toBeGreaterThan(2 * 22 * 40);
    const full = readinessChart(readinessFrom(bp, recallQuestions(examQuestions([4, 4, 4, 4]), { kind: 'guess' }), new Map()), 'x');
    expect(full.svg).not.toContain('no questions');
    // Only stray anti-aliased grid pixels come near that grey without such bars.
    expect(greyPixels(decodePng(full.png))).toBeLessThan(partialGrey / 10);
  });
});

describe('accuracy over time chart', () => {
  it('draws one line per domain and the share the passing score needs', () => {
    const bp = dva();
    const chart = accuracyChart(
      bp,
      [
        { label: '2026-03-02', perDomain: [{ domainId: '1', asked: 4, correct: 2 }] },
        { label: '2026-03-09', perDomain: [{ domainId: '1', asked: 5, correct: 4 }, { domainId: '2', asked: 2, correct: 1 }] },
      ],
      'Accuracy by domain',
    );
    expect(decodePng(chart.png)).toMatchObject({ width: 720, height: 400 });
    expect(chart.svg).toContain('pass ≈ 69%');
    expect(chart.svg).toContain('2 Security');
  });
});
