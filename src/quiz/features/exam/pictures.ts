// Charts as the reply's picture (MessageView.image). On the console the PNG is written under the
// data folder and the reply names its path; other platforms upload `image.png` (adapters).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Blueprint } from '../../../exam/blueprint.js';
import type { Chart } from '../../../exam/charts.js';
import type { ExamResult } from '../../../exam/mock-exam.js';
import type { MessageView, ViewImage } from '../../views.js';
import type { FeatureContext } from '../../feature.js';
import type { UserRef } from '../../ids.js';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'x';

/** Adds the chart to the view; on the console also writes it and prints where. Never fails the reply. */
/** The chart renderers, loaded on the first picture: echarts and resvg take seconds to import, which every start would otherwise pay. */
export type Charts = typeof import('../../../exam/charts.js');

export async function withPicture(
  ctx: FeatureContext,
  user: UserRef,
  view: MessageView,
  chart: (charts: Charts) => Chart,
  name: string,
  alt: string,
): Promise<MessageView> {
  let picture: Chart;
  try {
    picture = chart(await import('../../../exam/charts.js'));
  } catch (err) {
    ctx.log?.warn({ err }, 'chart rendering failed');
    return view;
  }
  const filename = `${slug(name)}-${slug(user.id)}-${ctx.clock.now().toISOString().replace(/[:.]/g, '-')}.png`;
  const image: ViewImage = { png: picture.png, filename, alt, width: picture.width, height: picture.height };
  const dir = ctx.exams?.chartDir;
  if (user.platform === 'console' && dir) {
    try {
      await mkdir(dir, { recursive: true });
      const path = join(dir, filename);
      await writeFile(path, picture.png);
      return { ...view, image: { ...image, path }, blocks: [...view.blocks, { type: 'text', style: 'muted', text: `Chart (PNG): ${path}` }] };
    } catch (err) {
      ctx.log?.warn({ err, dir }, 'could not write the chart');
    }
  }
  return { ...view, image };
}

/** A mock exam result's chart (score per domain against the passing score) as the view's picture. */
export function withExamResultChart(ctx: FeatureContext, user: UserRef, view: MessageView, bp: Blueprint, result: ExamResult): Promise<MessageView> {
  const verdict = result.notComparable ? 'not comparable to the real exam' : result.passed ? 'pass' : 'fail';
  const title = `${bp.id.toUpperCase()} mock exam: ${result.scaled} / ${bp.scaledScore.max} (${verdict})`;
  return withPicture(ctx, user, view, (charts) => charts.examResultChart(bp, result.perDomain, result.scaled, title), `exam-${bp.id}`, `Score per domain of the mock exam; passing ${bp.passingScore}`);
}
