// Shared by the adapters: wait for work up to a platform deadline without abandoning it.

export type Timed<T> = { done: true; value: T } | { done: false };

/** Resolves with the work's result, or `{ done: false }` once `ms` pass first (the timer never outlives the race). */
export async function within<T>(work: Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
