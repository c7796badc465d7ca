import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditCoalescer } from '../../src/quiz/coalescer.js';

describe('EditCoalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most once per interval per key, with the latest state', async () => {
    let count = 0;
    const sent: { key: string; count: number }[] = [];
    const c = new EditCoalescer(3000, async (key) => void sent.push({ key, count }));
    for (let i = 0; i < 50; i++) {
      count++;
      c.touch('m1');
      await vi.advanceTimersByTimeAsync(100); // 50 touches over 5 s
    }
    c.touch('m2');
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent.filter((s) => s.key === 'm1').map((s) => s.count)).toEqual([30, 50]);
    expect(sent.filter((s) => s.key === 'm2')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(3); // nothing more without new touches
  });

  it('flush() sends pending edits now; cancel() drops one', async () => {
    const sent: string[] = [];
    const c = new EditCoalescer(3000, async (key) => void sent.push(key));
    c.touch('a');
    c.touch('b');
    c.cancel('b');
    await c.flush();
    expect(sent).toEqual(['a']);
    expect(c.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual(['a']);
  });

  it('survives a failing send and keeps working', async () => {
    const sent: string[] = [];
    let fail = true;
    const c = new EditCoalescer(1000, async (key) => {
      if (fail) {
        fail = false;
        throw new Error('429');
      }
      sent.push(key);
    });
    c.touch('a');
    await vi.advanceTimersByTimeAsync(1000);
    c.touch('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['a']);
  });
});
