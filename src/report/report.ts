import {
  figureBlock,
  kvBlock,
  tableBlock,
  type Block,
  type PlotlyFigure,
  type TableLike,
  type TableOptions,
} from './blocks';

/** A report under construction: the CLI and notebooks add blocks, then write or display them. */
export class Report {
  readonly blocks: Block[] = [];
  constructor(
    readonly title: string,
    readonly subtitle?: string,
  ) {}

  add(...blocks: Block[]): this {
    this.blocks.push(...blocks);
    return this;
  }
  heading(text: string, level = 1): this {
    return this.add({ kind: 'heading', text, level });
  }
  markdown(text: string): this {
    return this.add({ kind: 'markdown', text });
  }
  table(t: TableLike | readonly Record<string, unknown>[], opts?: TableOptions): this {
    return this.add(tableBlock(t, opts));
  }
  figure(fig: PlotlyFigure, caption?: string): this {
    return this.add(figureBlock(fig, caption));
  }
  kv(entries: Record<string, unknown>, caption?: string): this {
    return this.add(kvBlock(entries, caption));
  }
  text(text: string): this {
    return this.add({ kind: 'text', text });
  }
}
