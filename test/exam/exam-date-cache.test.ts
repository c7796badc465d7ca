import { describe, expect, it } from 'vitest';
import { withCachedExamDates } from '../../src/exam/exam-date-cache.js';
import type { ExamDate, ExamStore } from '../../src/exam/store.js';

/** An exam store that keeps dates in a map and counts reads. */
function countingStore() {
  const dates = new Map<string, ExamDate>();
  const reads: string[] = [];
  const store = {
    async examDate(channelKey: string) {
      reads.push(channelKey);
      return dates.get(channelKey) ?? null;
    },
    async setExamDate(channelKey: string, value: { examId: string; date: string; setBy: string } | null) {
      if (value) dates.set(channelKey, { channelKey, ...value });
      else dates.delete(channelKey);
    },
  } as unknown as ExamStore;
  return { store, dates, reads };
}

describe('the exam date cache', () => {
  it('reads a channel once per ttl, sees its own changes at once and others after the ttl', async () => {
    const { store, dates, reads } = countingStore();
    let t = 0;
    const cached = withCachedExamDates(store, { ttlMs: 60_000, now: () => t });
    expect(await cached.examDate('c1')).toBeNull();
    expect(await cached.examDate('c1')).toBeNull();
    expect(reads).toEqual(['c1']);

    await cached.setExamDate('c1', { examId: 'dva-c02', date: '2027-01-15', setBy: 'u' });
    expect((await cached.examDate('c1'))?.date).toBe('2027-01-15');
    expect(reads).toEqual(['c1', 'c1']);

    // Another process changes it: seen only once the ttl has passed.
    dates.set('c1', { channelKey: 'c1', examId: 'dva-c02', date: '2027-02-01', setBy: 'v' });
    t = 59_999;
    expect((await cached.examDate('c1'))?.date).toBe('2027-01-15');
    t = 60_001;
    expect((await cached.examDate('c1'))?.date).toBe('2027-02-01');

    await cached.setExamDate('c1', null);
    expect(await cached.examDate('c1')).toBeNull();
  });

  it('does not keep a failed read', async () => {
    const { store, reads } = countingStore();
    let fail = true;
    const flaky = { ...store, examDate: async (k: string) => (fail ? Promise.reject(new Error('down')) : store.examDate(k)) } as ExamStore;
    const cached = withCachedExamDates(flaky, { ttlMs: 60_000, now: () => 0 });
    await expect(cached.examDate('c1')).rejects.toThrow('down');
    fail = false;
    expect(await cached.examDate('c1')).toBeNull();
    expect(reads).toEqual(['c1']);
  });
});
