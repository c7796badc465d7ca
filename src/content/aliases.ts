// Slugs and the other names a concept answers to, derived from its name alone (no per-deck lists).
import { trailingRunStart } from './spans.js';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Matching form of text in any script: NFKC (full-width letters become ASCII), lowercase, ß → ss,
 * diacritics removed ("Größe" and "grösse" both become "grosse"; "Ошибка" → "ошибка"; "東京" stays).
 */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC');
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
};
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** A folded character as ASCII: transliterated (Cyrillic, Greek), else its code point ("東" → "u6771"). */
const asciiOf = (ch: string): string => {
  if (/[a-z0-9]/.test(ch)) return ch;
  if (!/[\p{L}\p{N}]/u.test(ch)) return /\p{M}/u.test(ch) ? '' : '-';
  return CYRILLIC[ch] ?? GREEK[ch] ?? `u${(ch.codePointAt(0) ?? 0).toString(16)}`;
};

/**
 * kebab-case key of a name, ASCII in any script so that it fits every platform's button ids:
 * "Stage variables" → "stage-variables", "Größe" → "grosse", "Ошибка" → "oshibka", "東京" → "u6771u4eac".
 * Users never need to type it: `explain` matches names in their own script (see `words`).
 */
export function slugify(text: string): string {
  const folded = fold(text);
  const ascii = NON_ASCII.test(folded) ? Array.from(folded, asciiOf).join('') : folded;
  return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Query/name form used for matching: folded words in any script, separated by single spaces. */
export function words(text: string): string {
  const folded = fold(text);
  if (!NON_ASCII.test(folded)) return folded.replace(/[^a-z0-9]+/g, ' ').trim();
  return folded.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
}

/** Common abbreviations of English/technical words. */
const ABBREVIATIONS: Record<string, string[]> = {
  variable: ['var'],
  variables: ['vars'],
  configuration: ['config', 'conf'],
  configurations: ['configs'],
  application: ['app'],
  applications: ['apps'],
  environment: ['env'],
  environments: ['envs'],
  database: ['db'],
  databases: ['dbs'],
  identifier: ['id'],
  identifiers: ['ids'],
  information: ['info'],
  authentication: ['authn', 'auth'],
  authorization: ['authz', 'auth'],
  authorizer: ['authz'],
  authorizers: ['authzs'],
  parameter: ['param'],
  parameters: ['params'],
  repository: ['repo'],
  repositories: ['repos'],
  specification: ['spec'],
  development: ['dev'],
  production: ['prod'],
  document: ['doc'],
  documents: ['docs'],
  documentation: ['docs'],
  maximum: ['max'],
  minimum: ['min'],
  function: ['fn', 'func'],
  functions: ['fns', 'funcs'],
  certificate: ['cert'],
  certificates: ['certs'],
  statistics: ['stats'],
  administrator: ['admin'],
  message: ['msg'],
  messages: ['msgs'],
  request: ['req'],
  requests: ['reqs'],
  response: ['res', 'resp'],
  responses: ['resps'],
  instance: ['inst'],
  instances: ['insts'],
  synchronous: ['sync'],
  asynchronous: ['async'],
  kubernetes: ['k8s'],
  permission: ['perm'],
  permissions: ['perms'],
};

const VENDOR_WORDS = new Set(['aws', 'amazon', 'the', 'a', 'an']);
const SPLIT_WORDS = new Set(['for', 'of', 'in', 'on', 'with', 'per', 'from', 'to', 'by', 'at']);

function singularOrPlural(word: string): string[] {
  if (word.length < 3 || /\d/.test(word) || /ing$/.test(word)) return [];
  if (/ies$/.test(word)) return [word.slice(0, -3) + 'y'];
  if (/(ss|us|is)$/.test(word)) return [word + 'es'];
  if (/(ses|xes|zes|ches|shes)$/.test(word)) return [word.slice(0, -2)];
  if (/s$/.test(word)) return [word.slice(0, -1)];
  if (/[^aeiou]y$/.test(word)) return [word.slice(0, -1) + 'ies'];
  if (/(s|x|z|ch|sh)$/.test(word)) return [word + 'es'];
  return [word + 's'];
}

/** A long term such as "Integration timeout for AWS, Lambda…" is known by its head: "Integration timeout". */
export function headOfTerm(term: string): string {
  const ws = term.split(/\s+/);
  if (ws.length <= 3 && !term.includes(',')) return term;
  const cut = ws.findIndex((w, i) => i > 0 && (SPLIT_WORDS.has(w.toLowerCase()) || /,$/.test(ws[i - 1] ?? '')));
  const joined = (cut > 0 ? ws.slice(0, cut) : ws).join(' ');
  const head = joined.slice(0, trailingRunStart(joined, (c) => c === ',' || c === ';' || c === ':'));
  return head || term;
}

const MAX_ALIASED_NAME = 160;

/**
 * `before (inside) after` at the first `(` closed after at least one character. Found by hand: a pattern
 * tried every `(` of a long name to its end (a heading of 8,000 `(` took 0.2 s).
 */
function firstParenthesis(name: string): { before: string; inside: string; after: string } | undefined {
  for (let open = name.indexOf('('); open >= 0; ) {
    const close = name.indexOf(')', open + 1);
    if (close < 0) return undefined;
    if (close > open + 1) return { before: name.slice(0, open).trimEnd(), inside: name.slice(open + 1, close), after: name.slice(close + 1).trimStart() };
    open = name.indexOf('(', close + 1);
  }
  return undefined;
}

/** Every other spelling of `name` a user might type (lowercase, words separated by spaces). */
export function deriveAliases(name: string): string[] {
  // Nobody types a longer name; its word groups would grow with the square of its length.
  if (name.length > MAX_ALIASED_NAME) return [];
  const out = new Set<string>();
  const base = words(name);
  const add = (candidate: string) => {
    const w = words(candidate);
    if (w && w !== base && w.replace(/ /g, '').length >= 2) out.add(w);
  };

  const paren = firstParenthesis(name);
  if (paren) {
    add(`${paren.before} ${paren.after}`);
    add(paren.inside);
  }
  const slashParts = name.split(/\s*\/\s*/);
  if (slashParts.length > 1) {
    slashParts.forEach(add);
    return [...out];
  }
  add(headOfTerm(name));

  const ws = base.split(' ').filter(Boolean);
  const lastWordIsAcronym = /^[A-Z0-9_]{2,6}$/.test(name.trim().split(/\s+/).at(-1) ?? '');
  const stems = new Set<string>([base]);
  let start = 0;
  while (start < ws.length - 1 && VENDOR_WORDS.has(ws[start] ?? '')) start++;
  if (start > 0) stems.add(ws.slice(start).join(' '));
  // Trailing word groups: "aws gateway integration types" -> "gateway integration types", "integration types".
  for (let i = 1; i <= ws.length - 2; i++) stems.add(ws.slice(i).join(' '));

  for (const stem of stems) {
    add(stem);
    const sw = stem.split(' ');
    const last = sw.length - 1;
    if (!lastWordIsAcronym) for (const variant of singularOrPlural(sw[last] ?? '')) add([...sw.slice(0, last), variant].join(' '));
    sw.forEach((w, i) => {
      for (const abbr of ABBREVIATIONS[w] ?? []) add([...sw.slice(0, i), abbr, ...sw.slice(i + 1)].join(' '));
    });
  }
  // "Application Load Balancer" -> "alb"
  const original = name.trim().split(/\s+/);
  if (original.length >= 3 && original.every((w) => /^[A-Z]/.test(w))) add(original.map((w) => w[0]).join(''));
  return [...out];
}
