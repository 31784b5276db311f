/** Evaluates a rule's declarative predicate against one resource of the model. */
import type { ModelIndex } from '../model/model-index';
import type { Resource, Value } from '../model/types';
import { splitPath } from '../model/values';
import { expandChoices, itemCursor, resolvePath, rootCursor, type Cursor } from './cursor';
import { evaluateLeaf, formatMessage, isLeaf, leafFixValue, type Messages } from './leaf';
import { all, any, fail, PASS, unknown, type Failure, type Outcome } from './outcome';
import type { FollowPred, Pred, ReferencedByPred, Target } from './types';
import { worldsOf } from './worlds';

export interface CheckContext {
  model: ModelIndex;
  /** Settings that named checks read (PHI word lists and patterns). */
  settings: { phiWords: string[]; phiPatterns: string[] };
  evaluate(pred: Pred, cursor: Cursor, messages: Messages): Outcome;
}

export type NamedCheck = (cursor: Cursor, args: Record<string, unknown>, ctx: CheckContext, messages: Messages) => Outcome;

export class Evaluator {
  constructor(
    private readonly model: ModelIndex,
    private readonly named: ReadonlyMap<string, NamedCheck>,
    private readonly settings: CheckContext['settings'],
  ) {}

  /** One predicate on a resource, in every Fn::If alternative of it. */
  run(pred: Pred, resource: Resource, messages: Messages): Outcome {
    return this.check({ check: pred }, resource, messages) ?? PASS;
  }

  /**
   * A rule target on a resource: checked in every alternative (Fn::If world) of the resource, so
   * compound predicates never mix the two branches of one condition. Undefined when `when` rules
   * the target out in every alternative. Failures found in several alternatives are merged.
   */
  check(target: Pick<Target, 'when' | 'check'>, resource: Resource, messages: Messages): Outcome | undefined {
    const outcomes: Outcome[] = [];
    for (const world of this.worlds(resource)) {
      const when = target.when ? this.evaluate(target.when, rootCursor(world), messages, 0) : PASS;
      if (when.status === 'fail') continue;
      outcomes.push(when.status === 'unknown' ? when : this.evaluate(target.check, rootCursor(world), messages, 0));
    }
    if (!outcomes.length) return undefined;
    const outcome = all(outcomes);
    if (outcome.status !== 'fail') return outcome;
    const seen = new Set<string>();
    const failures = outcome.failures.filter((f) => {
      const key = `${f.location.file}|${f.location.range.start.line}:${f.location.range.start.character}|${f.message}`;
      return !seen.has(key) && !!seen.add(key);
    });
    return { status: 'fail', failures };
  }

  private readonly worldCache = new WeakMap<Resource, Resource[]>();

  private worlds(resource: Resource): Resource[] {
    let worlds = this.worldCache.get(resource);
    if (!worlds) {
      worlds = worldsOf(resource);
      this.worldCache.set(resource, worlds);
    }
    return worlds;
  }

  evaluate(pred: Pred, cursor: Cursor, messages: Messages, depth: number): Outcome {
    if (depth > 32) return unknown(cursor.anchor, 'rule nested too deeply');
    const path = splitPath((pred as { path?: string | string[] }).path);
    const msgs: Messages = {
      message: (pred as { message?: string }).message ?? messages.message,
      missingMessage: (pred as { missingMessage?: string }).missingMessage ?? messages.missingMessage,
    };
    if (isLeaf(pred)) return all(resolvePath(cursor, path).map((c) => evaluateLeaf(pred, c, path, msgs)));
    if ('check' in pred) {
      const check = this.named.get(pred.check);
      if (!check) throw new Error(`unknown named check ${pred.check}`);
      return check(cursor, pred.args ?? {}, this.context(depth), msgs);
    }
    if ('referencedBy' in pred) return this.referencedBy(pred, cursor, msgs, depth);
    const targets = resolvePath(cursor, path);
    if ('follow' in pred) return all(targets.map((c) => this.follow(pred, c, msgs, depth)));
    return all(targets.map((c) => this.compound(pred, c, msgs, depth)));
  }

  private context(depth: number): CheckContext {
    return { model: this.model, settings: this.settings, evaluate: (p, c, m) => this.evaluate(p, c, m, depth + 1) };
  }

  private compound(pred: Pred, cursor: Cursor, messages: Messages, depth: number): Outcome {
    const next = (p: Pred, c: Cursor = cursor) => this.evaluate(p, c, messages, depth + 1);
    if ('allOf' in pred) return all(pred.allOf.map((p) => next(p)));
    if ('anyOf' in pred) return any(pred.anyOf.map((p) => next(p)));
    if ('if' in pred) {
      const then = next(pred.then);
      if (then.status === 'pass') return PASS;
      const cond = next(pred.if);
      return cond.status === 'pass' ? then : cond.status === 'fail' ? PASS : cond;
    }
    if ('not' in pred) {
      const inner = next(pred.not);
      if (inner.status === 'fail') return PASS;
      if (inner.status === 'unknown') return inner;
      return fail({ location: locationOf(cursor), message: formatMessage(messages.message, { value: '', path: '' }) });
    }
    if ('each' in pred || 'some' in pred) return this.list(pred, cursor, messages, depth);
    throw new Error(`unsupported predicate: ${Object.keys(pred).join(', ')}`);
  }

  private list(pred: Extract<Pred, { each: Pred } | { some: Pred }>, cursor: Cursor, messages: Messages, depth: number): Outcome {
    const value = cursor.value;
    const inner = 'each' in pred ? pred.each : pred.some;
    if (value === undefined) {
      if ('each' in pred && pred.absent !== 'fail') return PASS;
      const fixValue = 'some' in pred ? pred.fixValue : undefined;
      return fail({
        location: cursor.anchor,
        message: formatMessage(messages.missingMessage, { path: cursor.missingPath.join('.'), value: '', default: '' }),
        fix: fixValue === undefined ? undefined : { mode: 'set', value: [fixValue], resource: cursor.resource, container: cursor.container, missingPath: cursor.missingPath },
      });
    }
    if (value.kind === 'unknown' || value.kind === 'ref') return unknown(locationOf(cursor), value.kind === 'unknown' ? value.reason : 'a reference');
    const items = value.kind === 'seq' ? value.items : [value];
    // An item that is AWS::NoValue in this alternative is not there: nothing to check, nothing matched.
    const present = expandChoices(items.map((item) => itemCursor(cursor, item))).filter((c) => c.value !== undefined);
    const outcomes = present.map((c) => this.evaluate(inner, c, messages, depth + 1));
    if ('each' in pred) return all(outcomes);
    const result = any(outcomes);
    if (result.status !== 'fail' && outcomes.length) return result;
    const fixValue = pred.fixValue;
    return fail({
      location: { file: value.file, range: value.range },
      message: formatMessage(messages.message, { path: '', value: '', default: '' }),
      fix: fixValue === undefined || value.kind !== 'seq' ? undefined : { mode: 'append', value: fixValue, resource: cursor.resource, list: value },
    });
  }

  private follow(pred: FollowPred, cursor: Cursor, messages: Messages, depth: number): Outcome {
    const value = cursor.value;
    if (value === undefined) {
      return fail({
        location: cursor.anchor,
        message: formatMessage(messages.missingMessage, { path: splitPath(pred.path).join('.'), value: '', default: '' }),
        via: { kind: 'followed' },
        fix: { mode: 'set', value: pred.fixValue, resource: cursor.resource, container: cursor.container, missingPath: cursor.missingPath, replaceAt: cursor.replaceAt },
      });
    }
    if (value.kind === 'scalar') {
      const name = String(value.value);
      if (/^default[.:]/.test(name)) {
        return fail({
          location: { file: value.file, range: value.range },
          message: formatMessage(messages.missingMessage, { path: '', value: name, default: '' }),
          via: { kind: 'followed' },
          fix: { mode: 'set', value: undefined, resource: cursor.resource, present: value },
        });
      }
      const external = pred.external ?? 'unknown';
      if (external === 'pass') return PASS;
      if (external === 'unknown') return unknown({ file: value.file, range: value.range }, `${name} is not defined in this template`);
      return fail({ location: { file: value.file, range: value.range }, message: formatMessage(messages.message, { path: '', value: name, default: '' }) });
    }
    if (value.kind !== 'ref') return unknown({ file: value.file, range: value.range }, 'not a reference to a resource in this template');
    const target = this.model.get(value.target);
    if (!target || !pred.follow.includes(target.type)) return unknown({ file: value.file, range: value.range }, `refers to ${value.target}`);
    const inner = this.evaluate(pred.then, rootCursor(target), messages, depth + 1);
    if (inner.status !== 'fail') return inner;
    return fail(...inner.failures.map((f): Failure => ({
      location: { file: value.file, range: value.range },
      message: pred.message ? formatMessage(pred.message, { value: value.target, path: '', default: '' }) : f.message,
      related: [{ location: f.location, message: f.message }, ...(f.related ?? [])],
      fix: f.fix,
      via: { kind: 'followed', resource: target },
    })));
  }

  private referencedBy(pred: ReferencedByPred, cursor: Cursor, messages: Messages, depth: number): Outcome {
    const resource = cursor.resource;
    const via = splitPath(pred.via);
    const referencing = this.model.referencesTo(resource.name)
      .filter((r) => pred.referencedBy.includes(r.from.type) && r.property === via[0]);
    const anchor = { file: resource.file, range: resource.nameRange };
    if (!referencing.length) {
      const unclear = this.model.ofTypes(pred.referencedBy).filter((r) => r !== resource && viaIsUnknown(r, via[0]));
      if (unclear.length) return unknown({ file: unclear[0].file, range: unclear[0].nameRange }, `${unclear[0].name} may apply to ${resource.name}`);
      return fail({ location: anchor, message: formatMessage(messages.missingMessage, { path: '', value: '', default: '' }), via: { kind: 'none-referencing' } });
    }
    if (!pred.then) return PASS;
    const seen = new Set<Resource>();
    const outcomes: Outcome[] = [];
    for (const ref of referencing) {
      if (seen.has(ref.from)) continue;
      seen.add(ref.from);
      outcomes.push(this.evaluate(pred.then, rootCursor(ref.from), messages, depth + 1));
    }
    const result = any(outcomes);
    if (result.status !== 'fail') return result;
    const first = referencing[0].from;
    return fail({
      location: anchor,
      message: formatMessage(messages.message, { value: first.name, path: '', default: '' }),
      related: result.failures.map((f) => ({ location: f.location, message: f.message })).concat({ location: { file: first.file, range: first.nameRange }, message: `${first.name} applies to ${resource.name}` }),
      via: { kind: 'referencing', resource: first },
    });
  }
}

function viaIsUnknown(resource: Resource, key: string): boolean {
  const entry = resource.properties?.entries.find((e) => e.key === key);
  let found = false;
  const visit = (v: Value | undefined) => {
    if (!v) return;
    if (v.kind === 'unknown') found = true;
    else if (v.kind === 'seq') v.items.forEach(visit);
    else if (v.kind === 'choice') v.branches.forEach(visit);
  };
  visit(entry?.value);
  return found;
}

function locationOf(cursor: Cursor) {
  return cursor.value ? { file: cursor.value.file, range: cursor.value.range } : cursor.anchor;
}

export { leafFixValue };
