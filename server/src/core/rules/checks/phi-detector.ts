/**
 * Heuristic PHI detector for short strings (names, tags, descriptions). Pure: no model types.
 * Tuned for infrastructure text: ARNs, account ids, CIDRs, versions, ISO dates, UUIDs and
 * semantic names ("patient-records-bucket") must not fire, so every pattern needs separators or
 * a keyword, and boundaries are checked so that a match is never a slice of a longer number.
 */

export type PhiKind = 'ssn' | 'mrn' | 'dob' | 'phone' | 'email' | 'word' | 'pattern';

export interface PhiMatch {
  kind: PhiKind;
  /** What it looks like, for messages ("a US Social Security number"); never the matched text. */
  description: string;
  start: number;
  end: number;
}

export interface PhiDetectorOptions {
  /** Words or phrases that are PHI in this organisation (case-insensitive, whole words). */
  words?: readonly string[];
  /** Custom regular expressions (JavaScript syntax, as validated by the config loader). */
  patterns?: readonly string[];
}

export type PhiDetector = (text: string) => PhiMatch[];

/** Longer text (a huge state machine definition) is only scanned this far. */
const MAX_SCAN = 200_000;

const isLetter = (c: string | undefined) => !!c && /[A-Za-z]/.test(c);
const isLower = (c: string | undefined) => !!c && c >= 'a' && c <= 'z';
const isUpper = (c: string | undefined) => !!c && c >= 'A' && c <= 'Z';
const isDigit = (c: string | undefined) => !!c && c >= '0' && c <= '9';

/** Word boundary that also splits camelCase ("patientDob") and digits ("dob1980"). */
function letterBoundary(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const okBefore = !isLetter(before) || (isLower(before) && isUpper(text[start]));
  const last = text[end - 1];
  const next = text[end];
  const okAfter = !isLetter(next) || (isLower(last) && isUpper(next)) || (isUpper(last) && isUpper(next) && isLower(text[end + 1]));
  return okBefore && okAfter;
}

/** Not a slice of a longer number: no digit, and no digit behind a separator, on either side (a space ends a number). */
function numberBoundary(text: string, start: number, end: number, seps = '-._/'): boolean {
  if (isDigit(text[start - 1]) || isDigit(text[end])) return false;
  if (seps.includes(text[start - 1] ?? 'x') && isDigit(text[start - 2])) return false;
  if (seps.includes(text[end] ?? 'x') && isDigit(text[end + 1])) return false;
  return true;
}

interface Finder {
  kind: PhiKind;
  description: string;
  regex: RegExp;
  /** Accepts or rejects one regex match (validity and boundary checks). */
  accept(m: RegExpExecArray, text: string): boolean;
}

function validSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Month/day in either order (US MM/DD or European DD.MM), both plausible. */
function validDayMonth(a: number, b: number): boolean {
  const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  const dm = b >= 1 && b <= 12 && a >= 1 && a <= 31;
  return md || dm;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Any date shape, used only next to a birth keyword (ISO and compact dates included there). */
const ANY_DATE = new RegExp(
  [
    '\\d{4}[-/._]\\d{1,2}[-/._]\\d{1,2}',
    '\\d{1,2}[-/._]\\d{1,2}[-/._]\\d{2,4}',
    '(?:19|20)\\d{6}',
    `${MONTH}[\\s_-]*\\d{1,2},?[\\s_-]*\\d{4}`,
    `\\d{1,2}[\\s_-]*${MONTH}[\\s_-]*\\d{4}`,
  ].join('|'),
  'gi',
);
const BIRTH_WORD = /dob|d\.o\.b\.?|date[\s_.-]*of[\s_.-]*birth|birth[\s_.-]*date|birthday|born/gi;
/** How close (in characters) a date must be to a birth keyword. */
const BIRTH_WINDOW = 24;

const FINDERS: Finder[] = [
  {
    kind: 'ssn',
    description: 'a US Social Security number',
    regex: /(\d{3})([-._ ])(\d{2})\2(\d{4})/g,
    accept: (m, t) => validSsn(m[1], m[3], m[4]) && numberBoundary(t, m.index, m.index + m[0].length),
  },
  {
    // "SSN 123456789": nine bare digits are only an SSN next to the keyword.
    kind: 'ssn',
    description: 'a US Social Security number',
    regex: /(ssn|social[\s_.-]*security(?:[\s_.-]*(?:number|num|no))?)[\s#:=_.-]*(\d{3})[-._ ]?(\d{2})[-._ ]?(\d{4})/gi,
    accept: (m, t) => letterBoundary(t, m.index, m.index + m[1].length) && validSsn(m[2], m[3], m[4]) && !isDigit(t[m.index + m[0].length]),
  },
  {
    kind: 'mrn',
    description: 'a medical record number',
    regex: /(mrn|medical[\s_.-]*record(?:[\s_.-]*(?:number|num|no))?)[\s#:=_.-]*(?:(?:no|num|number)[\s#:=_.-]*)?(\d(?:[\s_.-]?\d){4,})/gi,
    accept: (m, t) => letterBoundary(t, m.index, m.index + m[1].length) && !isDigit(t[m.index + m[0].length]),
  },
  {
    kind: 'dob',
    description: 'a date of birth (a month/day/year date)',
    regex: /(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})|(\d{2})([-.])(\d{2})\5((?:19|20)\d{2})/g,
    accept: (m, t) => {
      const [a, b] = m[1] ? [m[1], m[2]] : [m[4], m[6]];
      return validDayMonth(Number(a), Number(b)) && numberBoundary(t, m.index, m.index + m[0].length);
    },
  },
  {
    kind: 'phone',
    description: 'a phone number',
    // Area code and exchange start with 2-9 (NANP), which also keeps versions like 1.234.5678 out.
    regex: /(?:\+1[\s.-]?|1[\s.-])?(?:\([2-9]\d{2}\)[\s.-]?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}|\+1[2-9]\d{2}[2-9]\d{6}/g,
    accept: (m, t) => numberBoundary(t, m.index, m.index + m[0].length, '-.'),
  },
];

const ROLE_MAILBOX =
  /^(?:no-?reply|do-?not-?reply|admin|alerts?|devops|ops|security|support|help(?:desk)?|info|oncall|on-call|platform|sre|cloud|aws|billing|root|noc|soc|abuse|postmaster|hostmaster|webmaster|notifications?)(?:[-._+].*)?$/i;

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** E-mail addresses, found from each "@" outwards: a plain regex scan is quadratic on long runs. */
function findEmails(text: string, out: PhiMatch[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1])) start--;
    if (start === at || LOCAL_CHAR.test(text[start - 1] ?? '')) continue;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 256));
    if (!domain) continue;
    // Shared team mailboxes are contacts, not patients.
    if (ROLE_MAILBOX.test(text.slice(start, at))) continue;
    out.push({ kind: 'email', description: 'an e-mail address', start, end: at + 1 + domain[0].length });
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findAll(finder: Finder, text: string, out: PhiMatch[]): void {
  finder.regex.lastIndex = 0;
  for (let m = finder.regex.exec(text); m; m = finder.regex.exec(text)) {
    if (m[0].length === 0) finder.regex.lastIndex++;
    else if (finder.accept(m, text)) out.push({ kind: finder.kind, description: finder.description, start: m.index, end: m.index + m[0].length });
    else finder.regex.lastIndex = m.index + 1; // retry from the next character (a shorter match may fit)
  }
}

function findBirthDates(text: string, out: PhiMatch[]): void {
  const words: [number, number][] = [];
  BIRTH_WORD.lastIndex = 0;
  for (let m = BIRTH_WORD.exec(text); m; m = BIRTH_WORD.exec(text)) {
    if (letterBoundary(text, m.index, m.index + m[0].length)) words.push([m.index, m.index + m[0].length]);
  }
  if (!words.length) return;
  ANY_DATE.lastIndex = 0;
  let w = 0; // dates come in order: skip keywords that ended too far before this one (linear overall)
  for (let m = ANY_DATE.exec(text); m; m = ANY_DATE.exec(text)) {
    const [s, e] = [m.index, m.index + m[0].length];
    if (isDigit(text[s - 1]) || isDigit(text[e])) continue;
    while (w < words.length && words[w][1] < s - BIRTH_WINDOW) w++;
    if (w < words.length && words[w][0] <= e + BIRTH_WINDOW) {
      out.push({ kind: 'dob', description: 'a date of birth', start: s, end: e });
    }
  }
}

/** Builds a detector for the configured words and patterns (compile once, reuse per string). */
export function createPhiDetector(options: PhiDetectorOptions = {}): PhiDetector {
  const words = (options.words ?? [])
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => new RegExp(w.split(/\s+/).map(escapeRegex).join('[\\s_.-]*'), 'gi'));
  const patterns: RegExp[] = [];
  for (const p of options.patterns ?? []) {
    try {
      patterns.push(new RegExp(p, 'g'));
    } catch {
      // The config loader rejects invalid patterns; one that slips through is ignored, never fatal.
    }
  }
  return (input: string) => {
    const text = input.length > MAX_SCAN ? input.slice(0, MAX_SCAN) : input;
    const out: PhiMatch[] = [];
    for (const finder of FINDERS) findAll(finder, text, out);
    findEmails(text, out);
    findBirthDates(text, out);
    for (const regex of words) {
      findAll({ kind: 'word', description: 'a word from the PHI word list (phi.words)', regex, accept: (m, t) => letterBoundary(t, m.index, m.index + m[0].length) }, text, out);
    }
    patterns.forEach((regex, i) => {
      findAll({ kind: 'pattern', description: `a match for custom PHI pattern ${i + 1} (phi.patterns)`, regex, accept: () => true }, text, out);
    });
    return out.sort((a, b) => a.start - b.start);
  };
}

/** "a US Social Security number and an e-mail address": each kind once, in order of appearance. */
export function describeMatches(matches: readonly PhiMatch[]): string {
  const kinds = new Map<PhiKind | string, string>();
  for (const m of matches) {
    // Custom patterns are told apart by number; other kinds once each.
    const key = m.kind === 'pattern' ? m.description : m.kind;
    if (!kinds.has(key)) kinds.set(key, m.description);
  }
  const seen = [...kinds.values()];
  if (seen.length <= 1) return seen[0] ?? '';
  return `${seen.slice(0, -1).join(', ')} and ${seen[seen.length - 1]}`;
}
