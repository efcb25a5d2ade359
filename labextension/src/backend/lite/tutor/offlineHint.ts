import { OFFLINE_RULES, OfflineRule } from './offlineRules';
import { PY_SPACE, PY_WORD, splitLines, strip } from './pythonText';

/**
 * Offline hints: the student's actual error explained at each hint level,
 * with no model. A port of `tutor/offline/provider.py`; the parity fixture
 * `tests/pedagogy/offline_parity.json` holds both to the same texts.
 */

// Terminal colours in tracebacks start with the escape character.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const ERROR_LINE = new RegExp(
  `^[${PY_SPACE}]*((?:[A-Za-z_][${PY_WORD}]*\\.)*[A-Za-z_][${PY_WORD}]*(?:Error|Exception)):[${PY_SPACE}]?(.*)$`,
  'u'
);
// Tracebacks number lines in ASCII digits, so `\d` may stay ASCII here.
const ARROW_LINE = new RegExp(`^-+>[${PY_SPACE}]*(\\d+)`, 'u');
const FILE_LINE = /line (\d+)/;
const PLACEHOLDER = /\{(name|detail|line|line_number|message)\}/g;

type ParsedError = {
  errorType: string;
  message: string;
  lineNumber: number | null;
};

type Rule = Pick<OfflineRule, 'title' | 'levels'>;

const RULES = OFFLINE_RULES.rules.map(rule => ({
  ...rule,
  types: new Set(rule.error_types.map(shortType)),
  pattern: new RegExp(rule.message_pattern)
}));

/** The last `SomethingError: message` line of a traceback, and where it happened. */
function parseError(errorOutput: string): ParsedError | null {
  const lines = splitLines(errorOutput.replace(ANSI, '')).reverse();
  const found = lines
    .map(line => ERROR_LINE.exec(line))
    .find(match => match !== null);
  if (!found) {
    return null;
  }
  let lineNumber: number | null = null;
  for (const line of lines) {
    const where = ARROW_LINE.exec(strip(line)) ?? FILE_LINE.exec(line);
    if (where) {
      lineNumber = parseInt(where[1], 10);
      break;
    }
  }
  return { errorType: found[1], message: strip(found[2]), lineNumber };
}

/**
 * The hint for `level` (1 to 4) about this code and error, labelled as
 * offline. Without an error, the message of the exercise's failing check
 * (`failingCheck`) says what is still wrong; an error in the cell comes first.
 */
export function offlineHint(
  level: number,
  cellCode: string,
  errorOutput: string,
  failingCheck: string | null = null
): string {
  const parsed = errorOutput ? parseError(errorOutput) : null;
  const [found, name] = parsed
    ? findRule(parsed)
    : [OFFLINE_RULES.fallback, ''];
  const rule =
    parsed === null && failingCheck ? OFFLINE_RULES.failing_check : found;
  const [line, lineNumber] = offendingLine(cellCode, parsed, name);
  const text =
    rule.levels[Math.min(Math.max(level, 1), rule.levels.length) - 1];
  const values: { [key: string]: string } = {
    name,
    detail: parsed ? parsed.message : '',
    line,
    line_number: lineNumber === null ? '?' : String(lineNumber),
    message: failingCheck ?? ''
  };
  // Only these placeholders are filled: the texts' code examples have braces.
  const filled = text.replace(PLACEHOLDER, (_, key: string) => values[key]);
  return `**Offline hint** · ${rule.title}\n\n${filled}`;
}

function shortType(errorType: string): string {
  return errorType.substring(errorType.lastIndexOf('.') + 1);
}

function findRule(parsed: ParsedError): [Rule, string] {
  const type = shortType(parsed.errorType);
  for (const rule of RULES) {
    if (!rule.types.has(type)) {
      continue;
    }
    const match = rule.pattern.exec(parsed.message);
    if (match) {
      return [rule, match.slice(1).find(group => group) ?? parsed.message];
    }
  }
  return [OFFLINE_RULES.fallback, parsed.message];
}

function offendingLine(
  cellCode: string,
  parsed: ParsedError | null,
  name: string
): [string, number | null] {
  const lines = splitLines(cellCode);
  const number = parsed?.lineNumber;
  if (number && number <= lines.length) {
    return [strip(lines[number - 1]), number];
  }
  // Without a line number, the last line using the name is where it went wrong.
  for (let n = lines.length; n > 0; n--) {
    if (name && lines[n - 1].includes(name)) {
      return [strip(lines[n - 1]), n];
    }
  }
  for (let n = lines.length; n > 0; n--) {
    if (strip(lines[n - 1])) {
      return [strip(lines[n - 1]), n];
    }
  }
  return ['this cell', null];
}
