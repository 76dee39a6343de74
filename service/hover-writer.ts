// The hover's text, as Markdown or as plain text (the client's contentFormat decides).
/** Collects hover text as Markdown or plain text. */
export class Writer {
  private readonly blocks: string[] = [];
  constructor(private readonly markdown: boolean) {}

  get empty(): boolean {
    return this.blocks.length === 0;
  }

  b(s: string): string {
    return this.markdown ? `**${s}**` : s;
  }

  c(s: string): string {
    if (!this.markdown) return s;
    const ticks = s.includes('`') ? '``' : '`';
    return `${ticks}${ticks.length > 1 ? ' ' : ''}${s}${ticks.length > 1 ? ' ' : ''}${ticks}`;
  }

  title(name: string, what: string): void {
    this.blocks.push(this.markdown ? `${this.c(name)} — ${what}` : `${name} — ${what}`);
  }

  para(text: string | undefined): void {
    if (!text) return;
    this.blocks.push(this.markdown ? text : stripMarkdown(text));
  }

  field(name: string, value: string): void {
    const line = `${this.b(`${name}:`)} ${value}`;
    const last = this.blocks.length - 1;
    // Consecutive fields form one block (one line each).
    if (last >= 0 && this.blocks[last].startsWith(this.markdown ? '**' : '') && this.fieldBlock === last) {
      this.blocks[last] += this.markdown ? `  \n${line}` : `\n${line}`;
    } else {
      this.blocks.push(this.markdown ? line : stripMarkdown(line));
      this.fieldBlock = this.blocks.length - 1;
    }
  }

  private fieldBlock = -1;

  list(items: string[]): void {
    this.blocks.push(items.map((i) => `- ${this.markdown ? i : stripMarkdown(i)}`).join('\n'));
  }

  text(): string {
    return this.blocks.join('\n\n');
  }
}

function stripMarkdown(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1');
}
