// Every channel answer on an exam's deck reads the channel's exam date (the due-date clamp), and so
// do the question of the day and review: one query per click for a value an admin sets once. A
// short cache per channel takes it off that path; this process's own `exam-date` updates it at
// once, another process's is seen within `ttlMs`.
import type { ExamDate, ExamStore } from './store.js';

export function withCachedExamDates(store: ExamStore, opts: { ttlMs: number; now?: () => number }): ExamStore {
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<ExamDate | null> }>();
  return {
    ...store,
    examDate(channelKey) {
      const hit = cache.get(channelKey);
      if (hit && now() - hit.at < opts.ttlMs) return hit.value;
      const value = store.examDate(channelKey);
      cache.set(channelKey, { at: now(), value });
      value.catch(() => cache.delete(channelKey));
      return value;
    },
    async setExamDate(channelKey, value) {
      cache.delete(channelKey);
      try {
        await store.setExamDate(channelKey, value);
      } finally {
        cache.delete(channelKey);
      }
    },
  };
}
