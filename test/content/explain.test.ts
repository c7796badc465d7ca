import { describe, expect, it } from 'vitest';
import { explain } from '../../src/content/index.js';
import { deriveAliases } from '../../src/content/aliases.js';
import { parseFixture } from './helpers.js';

const found = (r: ReturnType<typeof explain>) => (r.kind === 'found' ? r.concept.slug : `${r.kind}`);

describe('explain', () => {
  const ecs = parseFixture('terminology.md').deck;

  it('finds by slug, display name, alias and typo', () => {
    expect(found(explain(ecs, 'task-definition'))).toBe('task-definition');
    expect(found(explain(ecs, 'Task Definition'))).toBe('task-definition');
    expect(found(explain(ecs, 'task definitions'))).toBe('task-definition');
    expect(found(explain(ecs, 'task-defintion'))).toBe('task-definition');
    expect(found(explain(ecs, 'capacity provider'))).toBe('capacity-providers');
    expect(found(explain(ecs, '  CLUSTER '))).toBe('cluster');
    expect(found(explain(ecs, 'what is a task definition?'))).toBe('task-definition');
    expect(found(explain(ecs, "What's the cluster"))).toBe('cluster');
  });

  it('returns suggestions (closest first) for an unknown name', () => {
    const vpc = parseFixture('concepts-only.md').deck;
    const r = explain(vpc, 'gateway');
    expect(r.kind).toBe('suggestions');
    if (r.kind === 'suggestions') expect(r.matches.map((c) => c.slug).sort()).toEqual(['internet-gateway', 'nat-gateway']);
    expect(found(explain(ecs, 'launch'))).toBe('launch-types');
  });

  it('a deck without a concept section answers from its About paragraphs', () => {
    const deck = parseFixture('about-only.md').deck;
    expect(explain(deck).kind).toBe('list');
    expect(found(explain(deck, 'about'))).toBe('secrets-manager');
    expect(found(explain(deck, 'secrets manager'))).toBe('secrets-manager');
    expect(found(explain(deck, 'rotate'))).toBe('secrets-manager');
  });

  it('a deck with no concepts at all lists nothing and suggests nothing', () => {
    const deck = parseFixture('crlf.md').deck;
    expect(explain(deck)).toMatchObject({ kind: 'list', concepts: [] });
    expect(explain(deck, 'fargate')).toMatchObject({ kind: 'suggestions', matches: [] });
  });
});

describe('aliases are derived from the name', () => {
  it.each([
    ['Stage variables', ['stage variable', 'stage vars']],
    ['AWS Gateway Integration types', ['gateway integration types', 'integration types', 'integration type']],
    ['Identity and Access Management (IAM)', ['identity and access management', 'iam']],
    ['Application Load Balancer', ['alb', 'application load balancers', 'app load balancer', 'load balancer']],
    ['Import/Export', ['import', 'export']],
    ['Policy', ['policies']],
  ])('%s', (name, expected) => {
    expect(deriveAliases(name)).toEqual(expect.arrayContaining(expected));
  });

  it('never lists the name itself and keeps acronyms unpluralised', () => {
    expect(deriveAliases('Deployment')).toEqual(['deployments']);
    expect(deriveAliases('HTTP')).toEqual([]);
  });
});
