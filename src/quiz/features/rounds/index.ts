// Channel rounds: `quiz`, the question of the day (startRound), closing and revealing.
import type { Feature } from '../../feature.js';
import { roundServices } from './lifecycle.js';
import { quizCommand } from './quiz-command.js';

export const rounds = {
  name: 'rounds',
  commands: [quizCommand],
  services: roundServices,
} satisfies Feature;
