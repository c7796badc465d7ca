// Question of the day: the per-channel schedule setting (SchedulePort) and the exactly-once
// scheduler that posts and closes daily rounds. See docs/schedule.md.

export {
  createScheduler,
  DEFAULT_CATCH_UP_MINUTES,
  DEFAULT_CONCURRENCY,
  DEFAULT_LEASE_MS,
  type Scheduler,
  type SchedulerOptions,
  type TickReport,
} from './scheduler.js';
export {
  createSchedulePort,
  parseScheduleArgs,
  timezoneChoices,
  DEFAULT_CLOSE_AFTER_MINUTES,
  DEFAULT_TIME,
  DEFAULT_TIMEZONE,
  DEFAULT_WEEKDAYS,
  type DeckCatalog,
  type ScheduleCommand,
  type SchedulePortOptions,
  type ScheduleSettingsPort,
} from './settings.js';
export { getChannelTimezone, getSchedule, listClaims, type ClaimState, type ScheduleDb } from './store.js';
export { canonicalZone, wallClockInstant, dueSlots, nextSlot } from './time.js';
export { parseWeekdays, formatWeekdays } from './weekdays.js';
export { rateLimitDelayMs } from './rate-limit.js';
