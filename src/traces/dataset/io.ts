import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { JsonlWriter, readJsonl } from '../../core/jsonl';
import { ChainDaySchema, type ChainDay } from '../../chain';
import { TraceRecordSchema, type TraceRecord } from '../record';
import { buildDataset, type BuildOptions, type BuiltDataset } from './build';
import { datasetCard } from './card';
import { joinOutcomes, type JoinSummary } from './outcomes';
import { GrpoRecordSchema, type GrpoRecord } from './records';

export interface InvalidLine {
  line: number;
  error: string;
}

/** TraceRecords of a JSONL file, each validated; bad lines are returned with their number and reason. */
export async function readTraces(path: string): Promise<{ records: TraceRecord[]; invalid: InvalidLine[] }> {
  if (!existsSync(path))
    throw new WorkbenchError(`no trace file at ${path}`, 'pass the JSONL the trace generator wrote (--in FILE)');
  const records: TraceRecord[] = [];
  const invalid: InvalidLine[] = [];
  for await (const l of readJsonl(path)) {
    if ('error' in l) {
      invalid.push({ line: l.line, error: `not JSON: ${l.error}` });
      continue;
    }
    const p = TraceRecordSchema.safeParse(l.value);
    if (p.success) records.push(p.data);
    else
      invalid.push({
        line: l.line,
        error: p.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
          .join('; '),
      });
  }
  return { records, invalid };
}

async function writeJsonl(path: string, rows: readonly unknown[]): Promise<void> {
  const w = new JsonlWriter(path);
  for (const r of rows) await w.write(r);
  await w.close();
}

/** The files a built dataset is written as, relative to the output folder. */
export const DATASET_FILES = [
  'sft/train.jsonl',
  'sft/eval.jsonl',
  'grpo/train.jsonl',
  'grpo/eval.jsonl',
  'dropped.jsonl',
  'stats.json',
  'README.md',
] as const;

/** Writes sft/{train,eval}.jsonl, grpo/{train,eval}.jsonl, dropped.jsonl, stats.json and README.md. */
export async function writeDataset(outDir: string, d: BuiltDataset): Promise<string[]> {
  mkdirSync(join(outDir, 'sft'), { recursive: true });
  mkdirSync(join(outDir, 'grpo'), { recursive: true });
  await writeJsonl(join(outDir, 'sft/train.jsonl'), d.sft.train);
  await writeJsonl(join(outDir, 'sft/eval.jsonl'), d.sft.eval);
  await writeJsonl(join(outDir, 'grpo/train.jsonl'), d.grpo.train);
  await writeJsonl(join(outDir, 'grpo/eval.jsonl'), d.grpo.eval);
  await writeJsonl(join(outDir, 'dropped.jsonl'), d.dropped);
  writeFileSync(join(outDir, 'stats.json'), `${JSON.stringify(d.stats, null, 2)}\n`);
  writeFileSync(join(outDir, 'README.md'), d.card);
  return DATASET_FILES.map((f) => join(outDir, f));
}

/**
 * `workbench traces build --in FILE --out DIR`: read, build, write. Invalid lines are refused
 * (the error lists the first ones) unless `allowInvalid`, which counts them as dropped.
 */
export async function buildDatasetFiles(
  inPath: string,
  outDir: string,
  opts: BuildOptions & { allowInvalid?: boolean },
): Promise<BuiltDataset> {
  const { records, invalid } = await readTraces(inPath);
  if (invalid.length && !opts.allowInvalid) {
    const first = invalid
      .slice(0, 3)
      .map((i) => `line ${i.line}: ${i.error}`)
      .join('\n  ');
    throw new WorkbenchError(
      `${invalid.length} invalid trace line(s) in ${inPath}:\n  ${first}`,
      'fix or remove them, or pass --allow-invalid to build without them (they are counted in stats.json)',
    );
  }
  const built = buildDataset(records, opts);
  if (invalid.length) {
    built.stats.dropped.total += invalid.length;
    built.stats.dropped.byReason.invalid_line = invalid.length;
    built.stats.warnings.push(`${invalid.length} invalid line(s) in ${inPath} were skipped`);
    built.card = datasetCard(built.stats, { name: opts.name });
  }
  await writeDataset(outDir, built);
  return built;
}

async function readValid<T>(
  path: string,
  parse: (
    v: unknown,
  ) =>
    | { success: true; data: T }
    | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } },
  what: string,
): Promise<T[]> {
  if (!existsSync(path)) throw new WorkbenchError(`no ${what} file at ${path}`, `pass the ${what} JSONL`);
  const out: T[] = [];
  for await (const l of readJsonl(path)) {
    const p = 'error' in l ? null : parse(l.value);
    if (!p || !p.success) {
      const why = p
        ? p.error.issues
            .slice(0, 2)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')
        : 'not JSON';
      throw new WorkbenchError(`${path} line ${l.line} is not a valid ${what}: ${why}`, `regenerate the ${what} file`);
    }
    out.push(p.data);
  }
  return out;
}

/**
 * Fills `outcome` of grpo/{train,eval}.jsonl in a dataset folder from ChainDay rows (the JSONL
 * `workbench chain collect` writes), rewriting both files. Only rows dated after each record's
 * date are used (joinOutcomes).
 */
export async function joinOutcomesInDir(
  outDir: string,
  chainDaysPath: string,
): Promise<Record<'train' | 'eval', JoinSummary>> {
  const rows: ChainDay[] = await readValid(chainDaysPath, (v) => ChainDaySchema.safeParse(v), 'ChainDay');
  const result = {} as Record<'train' | 'eval', JoinSummary>;
  for (const split of ['train', 'eval'] as const) {
    const path = join(outDir, 'grpo', `${split}.jsonl`);
    const recs: GrpoRecord[] = await readValid(path, (v) => GrpoRecordSchema.safeParse(v), 'GRPO record');
    const joined = joinOutcomes(recs, rows);
    await writeJsonl(path, joined.records);
    result[split] = joined.summary;
  }
  return result;
}
