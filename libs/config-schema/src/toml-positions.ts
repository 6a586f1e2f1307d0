import { formatKeyPath, type KeyPath } from './key-path';

export interface SourcePosition {
  line: number;
  col: number;
}

/**
 * Maps every key, table header and array element of a TOML document to the line and column
 * where it is written (1-based), keyed by `formatKeyPath`. smol-toml reports no positions for
 * values, so schema errors find their line here. The document has already parsed, so this
 * scanner may be lenient: it only needs to find where things start, not to validate.
 */
export function indexTomlPositions(source: string): Map<string, SourcePosition> {
  return new Scanner(source).run();
}

class Scanner {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly positions = new Map<string, SourcePosition>();
  /** Next index of each array of tables, keyed by its resolved path. */
  private readonly arrayTables = new Map<string, number>();

  constructor(private readonly src: string) {}

  run(): Map<string, SourcePosition> {
    let table: (string | number)[] = [];
    while (this.i < this.src.length) {
      this.skipBlank(true);
      const ch = this.src[this.i];
      if (ch === undefined) break;
      if (ch === '[') table = this.header();
      else if (ch === '#') this.skipComment();
      else this.keyValue(table);
    }
    return this.positions;
  }

  private pos(): SourcePosition {
    return { line: this.line, col: this.i - this.lineStart + 1 };
  }

  private record(path: KeyPath, at: SourcePosition): void {
    const key = formatKeyPath(path);
    if (!this.positions.has(key)) this.positions.set(key, at);
  }

  private header(): (string | number)[] {
    const at = this.pos();
    const isArray = this.src.startsWith('[[', this.i);
    this.i += isArray ? 2 : 1;
    const resolved = this.resolve(this.dottedKey());
    this.i += isArray ? 2 : 1; // the closing bracket(s)
    if (isArray) {
      const key = formatKeyPath(resolved);
      const index = this.arrayTables.get(key) ?? 0;
      this.arrayTables.set(key, index + 1);
      this.record(resolved, at);
      resolved.push(index);
    }
    this.record(resolved, at);
    return resolved;
  }

  /** Inserts the current index of every array of tables that the header path passes through. */
  private resolve(keys: string[]): (string | number)[] {
    const out: (string | number)[] = [];
    for (const key of keys) {
      out.push(key);
      const next = this.arrayTables.get(formatKeyPath(out));
      if (next !== undefined && out.length < keys.length) out.push(next - 1);
    }
    return out;
  }

  private keyValue(prefix: readonly (string | number)[]): void {
    const at = this.pos();
    const path = [...prefix, ...this.dottedKey()];
    this.record(path, at);
    this.skipBlank(false);
    if (this.src[this.i] === '=') this.i++;
    this.skipBlank(false);
    this.value(path);
  }

  private value(path: (string | number)[]): void {
    const ch = this.src[this.i];
    if (ch === '{') this.inlineTable(path);
    else if (ch === '[') this.array(path);
    else if (ch === '"' || ch === "'") this.string();
    else while (this.i < this.src.length && !/[,\]}\n#]/.test(this.src[this.i]!)) this.i++;
  }

  private inlineTable(path: (string | number)[]): void {
    this.i++;
    for (;;) {
      this.skipBlank(true);
      const ch = this.src[this.i];
      if (ch === undefined) return;
      if (ch === '}') return void this.i++;
      if (ch === ',') this.i++;
      else if (ch === '#') this.skipComment();
      else this.keyValue(path);
    }
  }

  private array(path: (string | number)[]): void {
    this.i++;
    let index = 0;
    for (;;) {
      this.skipBlank(true);
      const ch = this.src[this.i];
      if (ch === undefined) return;
      if (ch === ']') return void this.i++;
      if (ch === ',') this.i++;
      else if (ch === '#') this.skipComment();
      else {
        const element = [...path, index++];
        this.record(element, this.pos());
        this.value(element);
      }
    }
  }

  private dottedKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const ch = this.src[this.i];
      if (ch === '"' || ch === "'") keys.push(this.string());
      else {
        const start = this.i;
        while (this.i < this.src.length && /[A-Za-z0-9_-]/.test(this.src[this.i]!)) this.i++;
        keys.push(this.src.slice(start, this.i));
      }
      this.skipBlank(false);
      if (this.src[this.i] !== '.') return keys;
      this.i++;
    }
  }

  /** Reads any of the four TOML string forms and returns its raw contents. */
  private string(): string {
    const quote = this.src[this.i]!;
    const multi = this.src.startsWith(quote.repeat(3), this.i);
    const close = multi ? quote.repeat(3) : quote;
    this.i += close.length;
    const start = this.i;
    while (this.i < this.src.length && !this.src.startsWith(close, this.i)) {
      if (quote === '"' && this.src[this.i] === '\\') this.i++;
      else if (this.src[this.i] === '\n') this.newline();
      this.i++;
    }
    const raw = this.src.slice(start, this.i);
    this.i += close.length;
    return raw;
  }

  private skipBlank(includingNewlines: boolean): void {
    for (;;) {
      const ch = this.src[this.i];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.i++;
      else if (ch === '\n' && includingNewlines) {
        this.newline();
        this.i++;
      } else return;
    }
  }

  private skipComment(): void {
    while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
  }

  /** Called with `i` on a newline character, before stepping past it. */
  private newline(): void {
    this.line++;
    this.lineStart = this.i + 1;
  }
}
