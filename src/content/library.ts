// The decks the bot serves: loaded from a folder, reloaded on demand or on file changes,
// keeping the last good version of a deck whose file breaks.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Deck, Finding, ParseResult } from './types.js';
import { cannotServe, combineDecks, listNoteFiles, parseFiles, sortFindings, withoutPlainReadmes, type ParseCache, type SourceParser } from './load.js';
import { isDraft } from './parse.js';
import { formatFinding } from './report.js';
import { DEFAULT_LIMITS, type IntakeLimits } from './limits/index.js';
import { ParseWorker } from './parse-in-worker.js';
import { parseSource } from './import/index.js';

/** What the quiz core needs from a deck catalogue. */
export interface DeckCatalog {
  decks(): Deck[];
  byId(id: string): Deck | undefined;
  byCommand(command: string): Deck | undefined;
  /** Why the deck behind this command is not served (it failed to load), if that is the case. */
  failureFor?(command: string): DeckFailure | undefined;
}

/** A deck file that failed to load and has no last good version: its command answers with `reason`. */
export interface DeckFailure {
  deckId: string;
  command: string;
  path: string;
  /** The first error, as `path:line: message`, the path relative to the content folder (users see it). */
  reason: string;
}

export interface DeckLibraryOptions {
  log?: Logger;
  /** 'worker' (default): parse in a worker thread, off the event loop that serves chat; 'inline': on it. */
  parseIn?: 'worker' | 'inline';
  /** Size and nesting limits per file (docs/content-intake.md). */
  limits?: Partial<IntakeLimits>;
  /** Time one file may take in the parse worker before it is stopped and reported. */
  fileTimeoutMs?: number;
  /** Heap of the parse worker in MB. */
  maxHeapMb?: number;
}

export interface WatchOptions {
  /** Quiet time after the last file event before reloading. Default 250 ms. */
  debounceMs?: number;
  onReload?: (findings: Finding[]) => void;
}

export class DeckLibrary implements DeckCatalog {
  private readonly roots: string[];
  private readonly log: Logger | undefined;
  /** Last good parse per file path. */
  private good = new Map<string, ParseResult>();
  private readonly parsed: ParseCache = new Map();
  private served: Deck[] = [];
  private failed: DeckFailure[] = [];
  /** Errors of the previous reload; undefined before the first. */
  private loggedErrors: Set<string> | undefined;
  private readonly limits: IntakeLimits;
  private readonly parser: SourceParser;
  private readonly worker: ParseWorker | undefined;
  private latestFindings: Finding[] = [];
  private watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloading: Promise<Finding[]> | undefined;
  private again = false;
  /** In-memory catalogue: nothing to reload. */
  private fixed = false;

  constructor(roots: string | string[] = 'content', opts: DeckLibraryOptions = {}) {
    this.roots = Array.isArray(roots) ? roots : [roots];
    this.log = opts.log;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    if (opts.parseIn === 'inline') {
      this.parser = (source, path) => parseSource(source, path, this.limits);
    } else {
      const worker = new ParseWorker({ limits: this.limits, fileTimeoutMs: opts.fileTimeoutMs, maxHeapMb: opts.maxHeapMb, log: opts.log });
      this.worker = worker;
      this.parser = (source, path) => worker.parse(source, path);
    }
  }

  /** Creates a library and loads it once. */
  static async load(roots: string | string[] = 'content', opts: DeckLibraryOptions = {}): Promise<DeckLibrary> {
    const lib = new DeckLibrary(roots, opts);
    await lib.reload();
    return lib;
  }

  /** An in-memory catalogue (tests, tools): no files, `reload()` is a no-op. */
  static fromDecks(decks: Deck[]): DeckLibrary {
    const lib = new DeckLibrary([]);
    const combined = combineDecks(decks);
    lib.served = combined.decks;
    lib.latestFindings = combined.findings;
    lib.fixed = true;
    return lib;
  }

  decks(): Deck[] {
    return this.served;
  }

  byId(id: string): Deck | undefined {
    return this.served.find((d) => d.id === id);
  }

  /** Case-insensitive; a leading "/" is ignored. */
  byCommand(command: string): Deck | undefined {
    const c = command.trim().replace(/^\//, '').toLowerCase();
    return this.served.find((d) => d.command === c);
  }

  /** Deck files that failed to load and are not served (no last good version), with the reason. */
  failures(): DeckFailure[] {
    return this.failed;
  }

  /**
   * The failure behind a command that no served deck answers (same matching as `byCommand`):
   * the core answers it with `reason` instead of "unknown command".
   */
  failureFor(command: string): DeckFailure | undefined {
    if (this.byCommand(command)) return undefined;
    const c = command.trim().replace(/^\//, '').toLowerCase();
    return this.failed.find((f) => f.command === c);
  }

  /** Findings of the last reload (including "kept the last good version" warnings). */
  findings(): Finding[] {
    return this.latestFindings;
  }

  /**
   * Re-reads every note. A deck whose file is now broken (unparseable, no scored questions)
   * keeps being served in its last good version; its findings are returned. Concurrent calls share one run.
   */
  reload(): Promise<Finding[]> {
    if (this.fixed) return Promise.resolve(this.latestFindings);
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = this.reloadOnce().finally(() => {
      this.reloading = undefined;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.reloading;
  }

  private async reloadOnce(): Promise<Finding[]> {
    const listed = await listNoteFiles(this.roots);
    for (const path of this.parsed.keys()) if (!listed.files.includes(path)) this.parsed.delete(path);
    const parsed = await parseFiles(listed.files, { cache: this.parsed, parser: this.parser, limits: this.limits });
    const { files, results } = withoutPlainReadmes(listed.files, parsed);
    const listing = { ...listed, files };
    const findings: Finding[] = [...listing.findings];
    const next = new Map<string, ParseResult>();
    const failed: ParseResult[] = [];
    results.forEach((result, i) => {
      const path = listing.files[i] as string;
      findings.push(...result.findings);
      if (!cannotServe(result)) {
        next.set(path, result);
        return;
      }
      const previous = this.good.get(path);
      if (previous) {
        next.set(path, previous);
        findings.push({ path, line: 1, severity: 'warning', message: `this file is broken; still serving the last good version of deck "${previous.deck.id}"`, code: 'kept-last-good' });
      } else failed.push(result);
    });
    this.good = next;
    const combined = combineDecks([...next.values()].map((r) => r.deck).filter((d) => !isDraft(d.meta)));
    this.served = combined.decks;
    this.latestFindings = sortFindings([...findings, ...combined.findings]);
    this.failed = failuresOf(failed, [...next.values()], combined.decks, this.latestFindings, (p) => this.shownPath(p));
    this.log?.info(
      {
        decks: this.served.length,
        questions: this.served.reduce((n, d) => n + d.questions.length, 0),
        errors: this.latestFindings.filter((f) => f.severity === 'error').length,
        warnings: this.latestFindings.filter((f) => f.severity === 'warning').length,
      },
      'decks loaded',
    );
    // On reloads, each new error once, naming its file (a hostile note used to take the bot down without a word).
    // The first load's errors are the caller's to print (main.ts logs them at start-up).
    const errors = new Set(this.latestFindings.filter((f) => f.severity === 'error').map(formatFinding));
    if (this.loggedErrors) for (const e of errors) if (!this.loggedErrors.has(e)) this.log?.warn({ finding: e }, 'content file problem');
    this.loggedErrors = errors;
    return this.latestFindings;
  }

  /** Reloads (debounced) when a note changes. Returns a function that stops watching. */
  async watch(opts: WatchOptions = {}): Promise<() => void> {
    const debounceMs = opts.debounceMs ?? 250;
    const trigger = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.reload().then(
          (findings) => opts.onReload?.(findings),
          (err: unknown) => this.log?.error({ err }, 'deck reload failed'),
        );
      }, debounceMs);
    };
    for (const root of this.roots) {
      const isDir = (await stat(root).catch(() => undefined))?.isDirectory() ?? false;
      const target = isDir ? root : dirname(resolve(root));
      const only = isDir ? undefined : basename(root);
      try {
        const watcher = fsWatch(target, { recursive: isDir }, (_event, file) => {
          if (!only || !file || basename(String(file)) === only) trigger();
        });
        watcher.on('error', (err) => this.log?.warn({ err, root }, 'watching decks failed'));
        this.watchers.push(watcher);
      } catch (err) {
        this.log?.warn({ err, root }, 'cannot watch decks; changes need a restart');
      }
    }
    return () => this.close();
  }

  /** A file's path as users may see it: relative to the content folder it was found in. */
  private shownPath(path: string): string {
    const full = resolve(path);
    for (const root of this.roots) {
      const base = resolve(root);
      if (full === base) return basename(full);
      const rel = relative(base, full);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
    }
    return basename(full);
  }

  /** Stops watching and the parse worker. */
  close(): void {
    this.worker?.close();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}

/** Failed files, and decks skipped because their id or command was taken, as command -> reason. */
function failuresOf(failed: ParseResult[], kept: ParseResult[], served: Deck[], findings: Finding[], shown: (path: string) => string): DeckFailure[] {
  const servedSet = new Set(served);
  const reasonFor = (path: string) => findings.find((f) => f.path === path && f.severity === 'error');
  const out: DeckFailure[] = [];
  const add = (deck: Deck) => {
    const reason = reasonFor(deck.path);
    if (reason) out.push({ deckId: deck.id, command: deck.command, path: deck.path, reason: formatFinding({ ...reason, path: shown(reason.path) }) });
  };
  for (const r of failed) add(r.deck);
  for (const r of kept) if (!servedSet.has(r.deck) && !isDraft(r.deck.meta)) add(r.deck);
  return out;
}
