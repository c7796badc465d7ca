// npm run bench:content — parse 50 generated decks with 1,000 questions in total and print the time;
// then three generated task-list banks (~730 kB, 700 questions each, one with CRLF), in memory and as a
// whole `npm run content:check -- <bank>` process; then Anki packages of 20,000 notes (schema 11, and schema 18
// in raw zstd frames) through parseSource. Figures only: the machine is shared, nothing is asserted.
//   BENCH_ONLY=packages npm run bench:content     # the packages only
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDecks, parseDeck } from '../src/content/index.js';
import { generateBank } from '../test/fixtures/dialects/generate-bank.js';
import { parseSource } from '../src/content/import/index.js';
import { BASIC, CLOZE, collection11, collection18, metaOf, packageOf, zstdRaw } from '../test/content/anki-packages.js';

const DECKS = 50;
const QUESTIONS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const letters = ['A', 'B', 'C', 'D', 'E'];

function question(deck: number, n: number): string {
  const style = n % 5;
  const prompt = `**Deck ${deck}, question ${n}: which option describes service feature ${deck * 1000 + n} best when traffic grows and costs must stay low?**`;
  const opts = [0, 1, 2, 3].map((i) => `option ${i + 1} for feature ${deck}-${n}, with a [link](https://docs.example.com/${deck}/${n}/${i}) and *emphasis*`);
  let options: string;
  let answer: string;
  switch (style) {
    case 0:
      options = opts.map((o, i) => `- ${letters[i]}) ${o}`).join('\n');
      answer = letters[n % 4] as string;
      break;
    case 1:
      options = opts.map((o, i) => `${i + 1}. ${o}`).join('\n');
      answer = `${(n % 4) + 1}`;
      break;
    case 2:
      options = opts.map((o, i) => `${letters[i]}. ${o}`).join('\n');
      answer = letters[n % 4] as string;
      break;
    case 3:
      options = opts.map((o) => `1. ${o}`).join('\n');
      answer = '1, 2';
      break;
    default:
      options = opts.map((o, i) => `${i + 1}. ${letters[i]}. ${o}`).join('\n');
      answer = letters[n % 4] as string;
  }
  const heading = n % 7 === 3 ? ` ### ${n}` : `### Q${n}`;
  const twoWording = style === 3 ? '\n\n**Which TWO apply? (Select TWO.)**' : '';
  return `${heading}

${prompt}${twoWording}

${options}

<details>
<summary>Explanation</summary>
<div>

See [the docs](https://docs.example.com/${deck}/${n}) and [our notes](../notes-${deck}). <!-- reviewer note -->
Feature ${deck}-${n} explained in a sentence or two, with \u200bzero-width spaces and\u00a0no-break spaces.

<mark style="color:white">${answer}</mark> 

</div>
</details>
`;
}

function deck(d: number, questions: number): string {
  const concepts = Array.from({ length: 12 }, (_, i) => `- **Term ${d}-${i}** - definition of term ${i} in deck ${d}\n  - detail ${i}`).join('\n');
  const body = Array.from({ length: questions }, (_, i) => question(d, i + 1)).join('\n');
  return `---
title: Generated deck ${d}
description: Deck ${d} for the benchmark
tags: [aws, bench]
date: 2024-01-${String((d % 28) + 1).padStart(2, '0')}
weight: ${d}
awsTag: Bench
---

## About

Generated deck number ${d}. {{< youtube abc >}}

## Digests

### Concepts

${concepts}
- Stage ${d} variables are name-value pairs for deck ${d}.

## Questions

${body}`;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function main(): Promise<void> {
  const perDeck = QUESTIONS / DECKS;
  const sources = Array.from({ length: DECKS }, (_, d) => ({ path: `content/bench-${d}.md`, source: deck(d, perDeck) }));
  const bytes = sources.reduce((n, s) => n + s.source.length, 0);

  const inMemory: number[] = [];
  const inMemoryCpu: number[] = [];
  let questions = 0;
  for (let run = 0; run < RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    questions = 0;
    for (const s of sources) questions += parseDeck(s.source, s.path).deck.questions.filter((q) => q.scored).length;
    inMemory.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    inMemoryCpu.push((cpu.user + cpu.system) / 1000);
    if (process.env.BENCH_VERBOSE) console.log(`run ${run}: ${(performance.now() - t0).toFixed(1)} ms`);
  }
  if (questions !== QUESTIONS) throw new Error(`expected ${QUESTIONS} scored questions, got ${questions}`);

  const dir = await mkdtemp(join(tmpdir(), 'studybot-bench-'));
  const fromDisk: number[] = [];
  try {
    await Promise.all(sources.map((s, i) => writeFile(join(dir, `bench-${i}.md`), s.source)));
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const { decks, findings } = await loadDecks([dir]);
      fromDisk.push(performance.now() - t0);
      if (decks.length !== DECKS || findings.some((f) => f.severity === 'error')) throw new Error('generated decks did not load cleanly');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`bench:content — ${DECKS} decks, ${QUESTIONS} questions, ${(bytes / 1024).toFixed(0)} KiB of markdown, ${availableParallelism()} CPUs, node ${process.version}`);
  console.log(`parseDeck (in memory): median ${fmt(median(inMemory))} over ${RUNS} runs (first ${fmt(inMemory[0] ?? 0)}, min ${fmt(Math.min(...inMemory))}, max ${fmt(Math.max(...inMemory))})`);
  console.log(`parseDeck CPU time (user+system, less sensitive to other load on the machine): median ${fmt(median(inMemoryCpu))}`);
  console.log(`loadDecks (from disk, incl. cross-deck checks): median ${fmt(median(fromDisk))} over ${RUNS} runs (min ${fmt(Math.min(...fromDisk))}, max ${fmt(Math.max(...fromDisk))})`);
  const verdict = median(fromDisk) < 300 && median(inMemory) < 300 ? 'met' : median(inMemoryCpu) < 300 ? 'met in CPU time, not in wall time (machine busy?)' : 'NOT met';
  console.log(`goal: under 300 ms — ${verdict}`);
}

const BANKS = 3;
const BANK_QUESTIONS = 700;

async function banks(): Promise<void> {
  const sources = Array.from({ length: BANKS }, (_, i) => ({
    path: `content/bank-${i}.md`,
    source: generateBank({ questions: BANK_QUESTIONS, seed: i, crlf: i === 1 }),
  }));
  const bytes = sources.reduce((n, s) => n + s.source.length, 0);
  const wall: number[] = [];
  const cpu: number[] = [];
  let questions = 0;
  for (let run = 0; run < RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    questions = 0;
    for (const s of sources) {
      const r = parseDeck(s.source, s.path);
      if (r.dialect !== 'task-list bank') throw new Error(`${s.path}: read as ${r.dialect ?? 'nothing'}`);
      questions += r.deck.questions.filter((q) => q.scored).length;
    }
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  if (questions !== BANKS * BANK_QUESTIONS) throw new Error(`expected ${BANKS * BANK_QUESTIONS} scored questions, got ${questions}`);

  const dir = await mkdtemp(join(tmpdir(), 'studybot-banks-'));
  const processRuns: number[] = [];
  try {
    const file = join(dir, 'bank-0.md');
    await writeFile(file, sources[0]?.source ?? '');
    for (let run = 0; run < Math.min(RUNS, 5); run++) {
      const t0 = performance.now();
      const r = spawnSync('npm', ['run', '--silent', 'content:check', '--', file], { encoding: 'utf8' });
      processRuns.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`content:check exited ${r.status}: ${r.stdout.slice(-500)}${r.stderr.slice(-500)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`task-list banks — ${BANKS} banks, ${questions} questions, ${(bytes / 1024).toFixed(0)} KiB (one CRLF)`);
  console.log(`parseDeck (in memory, all ${BANKS}): median ${fmt(median(wall))} over ${RUNS} runs (min ${fmt(Math.min(...wall))}, max ${fmt(Math.max(...wall))}); CPU median ${fmt(median(cpu))}`);
  console.log(`npm run content:check -- <one bank> (whole process): median ${fmt(median(processRuns))} over ${processRuns.length} runs (min ${fmt(Math.min(...processRuns))})`);
  const verdict = median(wall) < 300 ? 'met' : median(cpu) < 300 ? 'met in CPU time, not in wall time (machine busy?)' : 'NOT met';
  console.log(`goals: parse under 300 ms — ${verdict}; content:check under 1 s — ${median(processRuns) < 1000 ? 'met' : 'NOT met'}`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

const PACKAGE_NOTES = 20_000;

async function packages(): Promise<void> {
  const notes = Array.from({ length: PACKAGE_NOTES }, (_, i) =>
    i % 4 === 3
      ? { mid: CLOZE.id, fields: [`Amazon {{c1::S3}} stores objects of up to {{c2::5 TB}}; note ${i}, with a sentence of study text.`, 'See the S3 FAQ.'], ords: [0, 1] }
      : { mid: BASIC.id, fields: [`Which AWS service offers <b>feature ${i}</b> for workloads that need it?`, `Service ${i % 300}<br>Because it is regional and managed.`] },
  );
  const shapes = [
    ['schema 11 (collection.anki2)', packageOf({ 'collection.anki2': await collection11({ notes }) })],
    ['schema 18 (collection.anki21b, raw zstd frames)', packageOf({ 'collection.anki21b': zstdRaw(await collection18({ notes })), meta: metaOf(3) })],
  ] as const;
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  for (const [name, bytes] of shapes) {
    const wall: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 5); run++) {
      const t0 = performance.now();
      const r = await parseSource(bytes, 'content/bench.apkg');
      wall.push(performance.now() - t0);
      if (r.deck.questions.length !== PACKAGE_NOTES * 1.25) throw new Error(`${name}: ${r.deck.questions.length} cards`);
    }
    console.log(`Anki package, ${PACKAGE_NOTES} notes, ${name}, ${(bytes.length / 1024).toFixed(0)} KiB: median ${fmt(median(wall))} over ${wall.length} runs (first ${fmt(wall[0] ?? 0)}, with sql.js loading)`);
  }
}

if (process.env.BENCH_ONLY !== 'packages') {
  await main();
  await banks();
}
await packages();
