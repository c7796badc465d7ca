// The console check from issue 14, through the real entry point (src/main.ts) as a child process.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runMain } from '../console/spawn-main.js';
import { decodePng } from './png.js';

describe('console: exam and readiness', () => {
  it("printf '/apigw exam 3\\nend\\n/apigw readiness\\n' | npm start prints scores out of 1000, the domains and the PNG paths", async () => {
    const { code, stdout, stderr } = await runMain(['/apigw exam 3', 'end', '/apigw readiness']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Mock exam DVA-C02 · question 1 of 3');
    expect(stdout).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000 · (PASS|FAIL) \(passing 720\)/);
    expect(stdout).toMatch(/Predicted score: \d+ \/ 1000 \(90% band \d+–\d+\) · passing 720/);
    for (const name of ['Development with AWS Services', 'Security', 'Deployment', 'Troubleshooting and Optimization']) expect(stdout).toContain(name);
    const paths = [...stdout.matchAll(/Chart \(PNG\): (\S+\.png)/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    for (const p of paths) expect(decodePng(await readFile(p)).width).toBe(720);
  }, 120_000);
});
