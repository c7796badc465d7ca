// Every channel answer on an exam's deck reads the channel's exam date (the due-date clamp), and so
// do the question of the day and review: one query per click for a value an admin sets once. A
// short cache per channel takes it off that path; this process's own `exam-date` updates it at
// once, another process's is seen within `ttlMs`.
import type { ExamDate, ExamStore } from './store.js';

export function withCachedExamDates(store: ExamStore, opts: { ttlMs: number; now?: () => number }): ExamStore {
  const now = opts.now ?? Date.now;
  // Per channel and exam (NUL cannot appear in either key).
  const cache = new Map<string, { at: number; value: Promise<ExamDate | null> }>();
  const keyOf = (channelKey: string, examId: string) => `${channelKey}\u0000${examId}`;
  return {
    ...store,
    examDate(channelKey, examId) {
      const key = keyOf(channelKey, examId);
      const hit = cache.get(key);
      if (hit && now() - hit.at < opts.ttlMs) return hit.value;
      const value = store.examDate(channelKey, examId);
      cache.set(key, { at: now(), value });
      value.catch(() => cache.delete(key));
      return value;
    },
    async setExamDate(channelKey, examId, value) {
      const key = keyOf(channelKey, examId);
      cache.delete(key);
      try {
        await store.setExamDate(channelKey, examId, value);
      } finally {
        cache.delete(key);
      }
    },
  };
}
