/**
 * A small, dependency-free reader for the `data` part of knowledge files: each getter reads a
 * dotted path, checks its type and range, and records the first problem (with the full field path)
 * instead of throwing. Kind parsers read every field, then call `finish` to get a Result.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** Strictly greater than zero. */
  readonly positive?: boolean;
  readonly integer?: boolean;
}

/** Shared by a reader and every child reader it hands out: the first problem wins. */
interface ProblemSink {
  problem?: CoreError;
}

export class DataReader {
  /**
   * @param root the object to read
   * @param prefix the field path of `root`, e.g. `data`
   */
  constructor(
    private readonly root: unknown,
    private readonly prefix: string,
    private readonly sink: ProblemSink = {},
  ) {}

  private path(path: string): string {
    return path === '' ? this.prefix : `${this.prefix}.${path}`;
  }

  private fail(path: string, message: string): void {
    this.sink.problem ??= {
      code: 'knowledge.invalid-data',
      field: this.path(path),
      message: `${this.path(path)} ${message}`,
    };
  }

  /** The raw value at a dotted path (undefined when any step is missing). */
  raw(path: string): unknown {
    if (path === '') return this.root;
    let cur: unknown = this.root;
    for (const key of path.split('.')) {
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
  }

  has(path: string): boolean {
    return this.raw(path) !== undefined;
  }

  number(path: string, rule: NumberRule = {}): number {
    const v = this.raw(path);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(path, 'must be a finite number.');
      return Number.NaN;
    }
    if (rule.integer === true && !Number.isInteger(v)) this.fail(path, 'must be a whole number.');
    if (rule.positive === true && !(v > 0)) this.fail(path, 'must be greater than 0.');
    if (rule.min !== undefined && v < rule.min) this.fail(path, `must be ≥ ${rule.min}.`);
    if (rule.max !== undefined && v > rule.max) this.fail(path, `must be ≤ ${rule.max}.`);
    return v;
  }

  string(path: string): string {
    const v = this.raw(path);
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(path, 'must be a non-empty string.');
      return '';
    }
    return v;
  }

  boolean(path: string): boolean {
    const v = this.raw(path);
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false.');
    return v === true;
  }

  oneOf<T extends string>(path: string, allowed: readonly T[]): T {
    const v = this.raw(path);
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(path, `must be one of ${allowed.join(', ')}.`);
      return allowed[0] as T;
    }
    return v as T;
  }

  /** A reader for each element of the array at `path` (empty when it is not an array). */
  each(path: string, opts: { nonEmpty?: boolean } = {}): DataReader[] {
    const v = this.raw(path);
    if (!Array.isArray(v)) {
      this.fail(path, 'must be an array.');
      return [];
    }
    if (opts.nonEmpty === true && v.length === 0) this.fail(path, 'must not be empty.');
    return v.map((item, i) => new DataReader(item, `${this.path(path)}[${i}]`, this.sink));
  }

  /** A reader rooted at the object at `path`. */
  at(path: string): DataReader {
    const v = this.raw(path);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(path, 'must be an object.');
    return new DataReader(v, this.path(path), this.sink);
  }

  /** Records a custom problem (cross-field rule) at `path`. */
  require(condition: boolean, path: string, message: string): void {
    if (!condition) this.fail(path, message);
  }

  /** `value` when nothing failed in this reader or any reader it handed out; else the first problem. */
  finish<T>(value: T): Result<T> {
    return this.sink.problem === undefined ? ok(value) : err(this.sink.problem);
  }
}
