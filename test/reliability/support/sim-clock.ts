// A simulated clock that several processes share without talking: a piecewise-linear map from real
// time (Date.now(), the same on every process of one machine) to simulated time, passed to each
// child in an environment variable. Piece k starts at real instant `fromReal`, reads `simAt` there
// and runs `speed` times faster than real time; the clock jumps forward between pieces (a night
// between two day segments). Before the first piece it reads the first piece's `simAt`.
import type { Clock } from '../../../src/quiz/api.js';

export interface ClockPiece {
  /** Real instant (epoch ms) the piece starts. */
  fromReal: number;
  /** Simulated instant (epoch ms) at `fromReal`. */
  simAt: number;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
}

export const CLOCK_ENV = 'SIM_CLOCK_PIECES';

export function simulatedMs(pieces: readonly ClockPiece[], real = Date.now()): number {
  let piece = pieces[0];
  if (!piece) throw new Error('a simulated clock needs at least one piece');
  for (const p of pieces) if (p.fromReal <= real) piece = p;
  return piece.simAt + Math.max(0, real - piece.fromReal) * piece.speed;
}

export function simulatedClock(pieces: readonly ClockPiece[]): Clock {
  const sorted = [...pieces].sort((a, b) => a.fromReal - b.fromReal);
  // Never backwards: each piece must start after the previous one's last reading.
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const end = prev.simAt + (sorted[i]!.fromReal - prev.fromReal) * prev.speed;
    if (sorted[i]!.simAt < end) throw new Error(`clock piece ${i} starts at ${new Date(sorted[i]!.simAt).toISOString()}, before ${new Date(end).toISOString()}`);
  }
  return { now: () => new Date(simulatedMs(sorted)) };
}

export const encodePieces = (pieces: readonly ClockPiece[]) => JSON.stringify(pieces);

export function decodePieces(text: string | undefined): ClockPiece[] {
  if (!text) throw new Error(`${CLOCK_ENV} is not set`);
  const parsed = JSON.parse(text) as ClockPiece[];
  if (!Array.isArray(parsed) || !parsed.every((p) => [p.fromReal, p.simAt, p.speed].every(Number.isFinite))) {
    throw new Error(`${CLOCK_ENV} is not a list of clock pieces: ${text}`);
  }
  return parsed;
}
