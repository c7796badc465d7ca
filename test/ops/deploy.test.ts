// The deployment files: the compose file validated by docker-compose itself (when installed;
// CI installs Debian's package), and the Dockerfile's promises checked in its text.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../console/spawn-main.js';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

describe('docker-compose.yml', () => {
  it.runIf(hasCompose)('is valid for docker-compose and wires Postgres health into the bot start', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: ROOT,
      env: { ...process.env, STUDYBOT_ENV_FILE: '.env.example' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/depends_on:\s+postgres:\s+condition: service_healthy/);
    expect(out).toMatch(/healthcheck:[\s\S]*pg_isready/);
    expect(out).toMatch(/pgdata:\/var\/lib\/postgresql\/data/);
    expect(out).toContain('DATABASE_URL: postgres://studybot:');
    // The env file's variables reach the bot.
    expect(out).toContain('SLACK_BOT_TOKEN:');
  });

  it('.env.example lists every variable the config reads', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const source = readFileSync(join(ROOT, 'src/config.ts'), 'utf8');
    const read = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(15);
    for (const name of read) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];

  it('is multi-stage: dependencies installed without dev packages, a slim runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(stages.at(-1)![1]).toMatch(/alpine|slim|distroless/);
    expect(text).toMatch(/COPY --from=deps/);
  });

  it('runs as a non-root user, with a healthcheck and the real entry point', () => {
    const runtime = text.slice(text.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER (?!root)\S+/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "--max-semi-space-size=64", "--import", "tsx\/esm", "src\/main\.ts"\]/m);
    for (const dir of ['src', 'adapters', 'migrations', 'content']) expect(runtime).toContain(`COPY ${dir} ./${dir}`);
  });

  it('.dockerignore keeps secrets and local state out of the build context', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', 'data', '.git']) expect(ignore).toContain(entry);
  });
});
