// GIFT `[html]` questions as Moodle's editor writes them: paragraphs and `<br>` keep their lines, a link written
// with GIFT escapes keeps its URL, a picture is never dropped silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { questionHash } from '../../src/content/questions.js';

const path = 'test/fixtures/gift/html-editor.gift';
const { deck, findings } = parseContent(readFileSync(path, 'utf8'), path);
const [pricing, diagram, noAlt] = deck.questions;

describe('GIFT [html] text', () => {
  it('paragraphs are lines; an escaped link shows as text (url); a picture Moodle keeps is its alt text', () => {
    expect(pricing!.prompt).toBe('The pricing page is on the AWS site (https://aws.amazon.com/s3/pricing/).\n[image: Storage tiers]\nWhich class is cheapest for archives :');
    expect(pricing!.options.map((o) => o.text)).toEqual(['Glacier Deep Archive', 'S3 Standard']);
    expect(pricing!.correct).toEqual(['A']);
  });

  it('<br> inside a paragraph and list items are lines; a picture at an http(s) URL is shown as a link', () => {
    expect(diagram!.prompt).toBe('Line one\nline two\n- first point\n- second point\nVPC diagram (https://example.com/vpc.png)\nWhich one is a subnet?');
    expect(noAlt!.prompt).toBe('[image: chart.png]\nWhat does the chart show?');
  });

  it('pictures that cannot be shown are a warning at the question line', () => {
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code} ${f.message}`)).toEqual([
      '2 warning image pictures are not part of a GIFT export; shown by their alt text or file name (tiers.png)',
      '14 warning image pictures are not part of a GIFT export; shown by their alt text or file name (chart.png)',
    ]);
  });

  it('ids are hashed from the text as read before, so they do not change', () => {
    const before = 'The pricing page is on the AWS site.Which class is cheapest for archives :';
    expect(pricing!.id).toBe(`${deck.id}:${questionHash(before, [{ id: 'A', text: 'Glacier Deep Archive' }, { id: 'B', text: 'S3 Standard' }])}`);
  });
});
