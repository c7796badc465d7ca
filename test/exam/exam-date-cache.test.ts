import { describe, expect, it } from 'vitest';
import { withCachedExamDates } from '../../src/exam/exam-date-cache.js';
import type { ExamDate, ExamStore } from '../../src/exam/store.js';

/** An exam store that keeps dates per channel and exam in a map and counts reads. */
function countingStore() {
  const dates = new Map<string, ExamDate>();
  const reads: string[] = [];
  const key = (c: string, e: string) => `${c}/${e}`;
  const store = {
    async examDate(channelKey: string, examId: string) {
      reads.push(key(channelKey, examId));
      return dates.get(key(channelKey, examId)) ?? null;
    },
    async setExamDate(channelKey: string, examId: string, value: { date: string; setBy: string } | null) {
      if (value) dates.set(key(channelKey, examId), { channelKey, examId, ...value });
      else dates.delete(key(channelKey, examId));
    },
  } as unknown as ExamStore;
  return { store, dates, reads };
}

describe('the exam date cache', () => {
  it('reads a channel once per ttl, sees its own changes at once and others after the ttl', async () => {
    const { store, dates, reads } = countingStore();
    let t = 0;
    const cached = withCachedExamDates(store, { ttlMs: 60_000, now: () => t });
    expect(await cached.examDate('c1', 'dva-c02')).toBeNull();
    expect(await cached.examDate('c1', 'dva-c02')).toBeNull();
    expect(reads).toEqual(['c1/dva-c02']);

    await cached.setExamDate('c1', 'dva-c02', { date: '2027-01-15', setBy: 'u' });
    expect((await cached.examDate('c1', 'dva-c02'))?.date).toBe('2027-01-15');
    expect(reads).toEqual(['c1/dva-c02', 'c1/dva-c02']);

    // Another process changes it: seen only once the ttl has passed.
    dates.set('c1/dva-c02', { channelKey: 'c1', examId: 'dva-c02', date: '2027-02-01', setBy: 'v' });
    t = 59_999;
    expect((await cached.examDate('c1', 'dva-c02'))?.date).toBe('2027-01-15');
    t = 60_001;
    expect((await cached.examDate('c1', 'dva-c02'))?.date).toBe('2027-02-01');

    await cached.setExamDate('c1', 'dva-c02', null);
    expect(await cached.examDate('c1', 'dva-c02')).toBeNull();
  });

  it('keeps each exam of a channel apart: setting one leaves the other cached and unchanged', async () => {
    const { store, reads } = countingStore();
    const cached = withCachedExamDates(store, { ttlMs: 60_000, now: () => 0 });
    await cached.setExamDate('c1', 'dva-c02', { date: '2027-01-15', setBy: 'u' });
    await cached.setExamDate('c1', 'saa-c03', { date: '2027-03-01', setBy: 'u' });
    expect((await cached.examDate('c1', 'dva-c02'))?.date).toBe('2027-01-15');
    expect((await cached.examDate('c1', 'saa-c03'))?.date).toBe('2027-03-01');
    await cached.setExamDate('c1', 'saa-c03', null);
    expect((await cached.examDate('c1', 'dva-c02'))?.date).toBe('2027-01-15');
    expect(await cached.examDate('c1', 'saa-c03')).toBeNull();
    expect(reads).toEqual(['c1/dva-c02', 'c1/saa-c03', 'c1/saa-c03']);
  });

  it('does not keep a failed read', async () => {
    const { store, reads } = countingStore();
    let fail = true;
    const flaky = { ...store, examDate: async (c: string, e: string) => (fail ? Promise.reject(new Error('down')) : store.examDate(c, e)) } as ExamStore;
    const cached = withCachedExamDates(flaky, { ttlMs: 60_000, now: () => 0 });
    await expect(cached.examDate('c1', 'dva-c02')).rejects.toThrow('down');
    fail = false;
    expect(await cached.examDate('c1', 'dva-c02')).toBeNull();
    expect(reads).toEqual(['c1/dva-c02']);
  });
});
