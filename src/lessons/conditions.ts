/**
 * The condition language of a lesson step's `check` (grammar in format.ts): parsed into a small
 * AST by hand, checked against FACTS, evaluated on a fact record. Never `eval` or `Function`: the
 * app runs under a CSP without 'unsafe-eval', and a lesson is data that may one day come from a link.
 * Nothing here throws: a bad condition is an error value with the offset where it went wrong.
 */

import { FEATURE_IDS } from '../data/datasetSpec';
import { isLayerType } from '../models/catalog';
import { RACE_OPTIMIZERS } from '../models/optimizers';
import { FACTS, type FactName } from './format';

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ValueType = 'number' | 'string' | 'boolean';

export type Operand =
  | { kind: 'literal'; value: number | string | boolean }
  | { kind: 'fact'; name: string; at: number };

export type Condition =
  | { kind: 'or' | 'and'; left: Condition; right: Condition }
  | { kind: 'not'; expr: Condition }
  | { kind: 'cmp'; op: CmpOp; left: Operand; right: Operand }
  /** A lone operand: a boolean fact (or literal). */
  | { kind: 'truthy'; operand: Operand };

export type FactValue = number | string | boolean | null;
/** What the conditions read: every FACTS name, plus `layer.<Type>` and `feature.<id>` entries. */
export type Facts = Readonly<Record<string, FactValue>>;

/**
 * Why a condition does not parse, as data: `code` names the message (`cond.err.<code>` in
 * i18n/messages/conditions.messages.ts, rendered by conditionText.ts) and `vars` fills it; `error` is
 * the same in English for the curriculum's validator and logs; `at` is the 0-based offset.
 */
export type ConditionErrorCode =
  | 'empty'
  | 'unterminated'
  | 'badChar'
  | 'trailing'
  | 'unclosed'
  | 'expected'
  | 'needsLeft'
  | 'endsEarly'
  | 'unexpected'
  | 'unknownFact'
  | 'notBoolean'
  | 'typeMismatch'
  | 'orderNeedsNumbers';
export type ConditionErrorVars = Readonly<Record<string, string>>;
export interface ConditionFailure {
  ok: false;
  error: string;
  at: number;
  code: ConditionErrorCode;
  vars: ConditionErrorVars;
}

export type Parsed = { ok: true; ast: Condition } | ConditionFailure;

type Token =
  | { t: 'num'; value: number; at: number }
  | { t: 'str'; value: string; at: number }
  | { t: 'id'; value: string; at: number }
  | { t: 'op'; value: CmpOp | '(' | ')'; at: number }
  | { t: 'end'; at: number };

class ConditionError {
  constructor(
    readonly message: string,
    readonly at: number,
    readonly code: ConditionErrorCode,
    readonly vars: ConditionErrorVars = {},
  ) {}
}

/** A token as the author wrote it (for messages). */
function tokenText(tok: Token): string {
  if (tok.t === 'end') return '';
  if (tok.t === 'str') return `'${tok.value}'`;
  return String(tok.value);
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?/;
const OPS = ['==', '!=', '<=', '>=', '<', '>', '(', ')'] as const;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      out.push({ t: 'op', value: op, at: i });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ConditionError('unterminated string', i, 'unterminated');
      out.push({ t: 'str', value: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'num', value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      out.push({ t: 'id', value: id[0], at: i });
      i += id[0].length;
      continue;
    }
    throw new ConditionError(`unexpected character "${c}"`, i, 'badChar', { char: c });
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const CMP_OPS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];

/** A recursive-descent parser over the tokens; each rule is one method, as the grammar reads. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private isWord(word: string): boolean {
    const tok = this.peek();
    return tok.t === 'id' && tok.value === word;
  }

  parse(): Condition {
    const expr = this.expr();
    const tok = this.peek();
    if (tok.t !== 'end') throw new ConditionError('unexpected text after the condition', tok.at, 'trailing', { token: tokenText(tok) });
    return expr;
  }

  private expr(): Condition {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.unary();
    while (this.isWord('and')) {
      this.i++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Condition {
    if (this.isWord('not')) {
      this.i++;
      return { kind: 'not', expr: this.unary() };
    }
    const tok = this.peek();
    if (tok.t === 'op' && tok.value === '(') {
      this.i++;
      const inner = this.expr();
      const close = this.peek();
      if (close.t === 'end') throw new ConditionError('expected ")"', close.at, 'unclosed', { expected: ')' });
      if (close.t !== 'op' || close.value !== ')') throw new ConditionError('expected ")"', close.at, 'expected', { expected: ')', token: tokenText(close) });
      this.i++;
      return inner;
    }
    return this.cmp();
  }

  private cmp(): Condition {
    const left = this.operand();
    const tok = this.peek();
    if (tok.t === 'op' && CMP_OPS.includes(tok.value)) {
      this.i++;
      return { kind: 'cmp', op: tok.value as CmpOp, left, right: this.operand() };
    }
    return { kind: 'truthy', operand: left };
  }

  private operand(): Operand {
    const tok = this.peek();
    this.i++;
    if (tok.t === 'num') return { kind: 'literal', value: tok.value };
    if (tok.t === 'str') return { kind: 'literal', value: tok.value };
    if (tok.t === 'id') {
      if (tok.value === 'true' || tok.value === 'false') return { kind: 'literal', value: tok.value === 'true' };
      if (KEYWORDS.has(tok.value)) throw new ConditionError(`"${tok.value}" needs something before it`, tok.at, 'needsLeft', { token: tok.value });
      return { kind: 'fact', name: tok.value, at: tok.at };
    }
    if (tok.t === 'end') throw new ConditionError('the condition ends too early', tok.at, 'endsEarly');
    throw new ConditionError(`unexpected "${tok.value}"`, tok.at, 'unexpected', { token: tokenText(tok) });
  }
}

/** The type of a fact name, or null when the name is not a fact (FACTS or a family member). */
export function factType(name: string): ValueType | null {
  if (Object.prototype.hasOwnProperty.call(FACTS, name)) {
    const desc: string = FACTS[name as FactName];
    return desc.startsWith('number') ? 'number' : desc.startsWith('boolean') ? 'boolean' : 'string';
  }
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const family = name.slice(0, dot);
  const member = name.slice(dot + 1);
  if (family === 'layer') return isLayerType(member) ? 'number' : null;
  if (family === 'feature') return (FEATURE_IDS as readonly string[]).includes(member) ? 'boolean' : null;
  if (family === 'race') return (RACE_OPTIMIZERS as readonly string[]).includes(member) ? 'number' : null;
  return null;
}

function operandType(o: Operand): ValueType {
  if (o.kind === 'literal') return typeof o.value as ValueType;
  const type = factType(o.name);
  if (!type) throw new ConditionError(`unknown fact "${o.name}"`, o.at, 'unknownFact', { fact: o.name });
  return type;
}

const describe = (o: Operand) => (o.kind === 'fact' ? `"${o.name}"` : JSON.stringify(o.value));

/** Names exist, comparisons compare like with like, order only numbers, a lone operand is boolean. */
function check(c: Condition): void {
  switch (c.kind) {
    case 'or':
    case 'and':
      check(c.left);
      check(c.right);
      return;
    case 'not':
      check(c.expr);
      return;
    case 'truthy': {
      const type = operandType(c.operand);
      if (type !== 'boolean') throw new ConditionError(`${describe(c.operand)} is a ${type}: compare it with something`, c.operand.kind === 'fact' ? c.operand.at : 0, 'notBoolean', { operand: describe(c.operand), type });
      return;
    }
    case 'cmp': {
      const a = operandType(c.left);
      const b = operandType(c.right);
      const at = c.left.kind === 'fact' ? c.left.at : c.right.kind === 'fact' ? c.right.at : 0;
      if (a !== b) throw new ConditionError(`${describe(c.left)} (${a}) cannot be compared with ${describe(c.right)} (${b})`, at, 'typeMismatch', { left: describe(c.left), leftType: a, right: describe(c.right), rightType: b });
      if (a !== 'number' && c.op !== '==' && c.op !== '!=') throw new ConditionError(`"${c.op}" needs numbers, not ${a}s`, at, 'orderNeedsNumbers', { op: c.op, type: a });
      return;
    }
  }
}

/** Parse and check a condition against FACTS. Never throws. */
export function parseCondition(src: string): Parsed {
  try {
    if (typeof src !== 'string' || src.trim() === '') return { ok: false, error: 'empty condition', at: 0, code: 'empty', vars: {} };
    const ast = new Parser(tokenize(src)).parse();
    check(ast);
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ConditionError) return { ok: false, error: e.message, at: e.at, code: e.code, vars: e.vars };
    return { ok: false, error: String(e), at: 0, code: 'unexpected', vars: { token: String(e).slice(0, 40) } };
  }
}

function valueOf(o: Operand, facts: Facts): FactValue {
  if (o.kind === 'literal') return o.value;
  return Object.prototype.hasOwnProperty.call(facts, o.name) ? (facts[o.name] ?? null) : null;
}

function compare(op: CmpOp, a: FactValue, b: FactValue): boolean {
  // A fact with no value (no run yet, accuracy of a regression) fails every comparison.
  if (a === null || b === null || typeof a !== typeof b) return false;
  if (typeof a === 'number' && Number.isNaN(a)) return false;
  if (typeof b === 'number' && Number.isNaN(b)) return false;
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Whether the condition holds on these facts. */
export function evaluate(c: Condition, facts: Facts): boolean {
  switch (c.kind) {
    case 'or':
      return evaluate(c.left, facts) || evaluate(c.right, facts);
    case 'and':
      return evaluate(c.left, facts) && evaluate(c.right, facts);
    case 'not':
      return !evaluate(c.expr, facts);
    case 'truthy':
      return valueOf(c.operand, facts) === true;
    case 'cmp':
      return compare(c.op, valueOf(c.left, facts), valueOf(c.right, facts));
  }
}
