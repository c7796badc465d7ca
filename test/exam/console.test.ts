// The console check from issue 14, through the real entry point (src/main.ts) as a child process.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runMain } from '../console/spawn-main.js';
import { decodePng } from './png.js';

describe('console: exam and readiness', () => {
  it("printf '/apigw exam 3\\nend\\nend exam\\n/apigw readiness\\n' | npm start prints scores out of 1000, the domains and the PNG paths", async () => {
    const { code, stdout, stderr } = await runMain(['/apigw exam 3', 'end', 'end exam', '/apigw readiness']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Mock exam DVA-C02 · question 1 of 3');
    // End asks first (3 unanswered); the shipped notes cannot fill a draw by weight: no pass/fail.
    expect(stdout).toContain('Mock exam DVA-C02 · End now? 3 unanswered count as wrong.');
    expect(stdout).toContain('Not covered: 3 Deployment.');
    expect(stdout).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · no pass\/fail \(not comparable to the real exam\)/);
    expect(stdout).toMatch(/Predicted score: \d+ \/ 1000 \(90% band \d+–\d+\) · passing 720/);
    for (const name of ['Development with AWS Services', 'Security', 'Deployment', 'Troubleshooting and Optimization']) expect(stdout).toContain(name);
    const paths = [...stdout.matchAll(/Chart \(PNG\): (\S+\.png)/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    for (const p of paths) expect(decodePng(await readFile(p)).width).toBe(720);
  }, 120_000);
});
