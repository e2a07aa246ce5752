import { HORIZON_DAYS } from '../prompts/version';
import type { TraceRecord } from '../record';
import { datasetCard } from './card';
import { dedupe, type DedupOptions } from './dedup';
import { passThrough, recordDropReason, type QualityFilter } from './filter';
import { promptId, toGrpo, toSft, type GrpoRecord, type SftRecord } from './records';
import { assertNoLeakage, planTimeSplit, type SplitOptions } from './split';
import { countBy, splitCounts, tokenTotals, type DatasetStats } from './stats';

export interface BuildOptions extends SplitOptions {
  /** The reward module's filter; keeps everything until rewards exist. */
  qualityFilter?: QualityFilter;
  dedup?: DedupOptions;
  /** Dataset name for the card. */
  name?: string;
}

export interface DroppedRecord {
  id: string;
  chain: string;
  date: string;
  task: string;
  reason: string;
  detail?: string;
}

export interface BuiltDataset {
  sft: { train: SftRecord[]; eval: SftRecord[] };
  grpo: { train: GrpoRecord[]; eval: GrpoRecord[] };
  dropped: DroppedRecord[];
  stats: DatasetStats;
  /** README.md (Hugging Face dataset card). */
  card: string;
}

const byTime = (a: TraceRecord, b: TraceRecord): number =>
  a.date !== b.date
    ? a.date < b.date
      ? -1
      : 1
    : a.createdAt !== b.createdAt
      ? a.createdAt < b.createdAt
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/**
 * Traces → SFT and GRPO datasets. In order: records that cannot be examples are dropped (by
 * reason), then the quality filter, then exact and near-duplicates of reasoning + answer (the
 * earliest kept, before any split, so no copy can straddle it), then a time split per chain
 * with a gap (asserted leak-free). GRPO prompts come from every trace with a prompt, one per
 * distinct prompt, split on the same boundaries; their outcomes are joined later (joinOutcomes).
 */
export function buildDataset(records: readonly TraceRecord[], opts: BuildOptions): BuiltDataset {
  const quality = opts.qualityFilter ?? passThrough;
  const dropped: DroppedRecord[] = [];
  const drop = (r: TraceRecord, reason: string, detail?: string): void => {
    dropped.push({ id: r.id, chain: r.chain, date: r.date, task: r.task, reason, ...(detail ? { detail } : {}) });
  };
  const sorted = [...records].sort(byTime);

  // One record per id (a rerun appended twice): the earliest stays.
  const seenIds = new Set<string>();
  const unique: TraceRecord[] = [];
  for (const r of sorted) {
    if (seenIds.has(r.id)) drop(r, 'duplicate_id');
    else {
      seenIds.add(r.id);
      unique.push(r);
    }
  }

  const candidates: TraceRecord[] = [];
  for (const r of unique) {
    const reason = recordDropReason(r);
    if (reason) {
      drop(
        r,
        reason,
        reason === 'failed'
          ? (r.error ?? r.finishReason ?? undefined)
          : reason === 'no_answer_block'
            ? (r.answerBlockError ?? undefined)
            : undefined,
      );
      continue;
    }
    const v = quality(r);
    if (!v.keep) drop(r, `quality:${v.reason ?? 'rejected'}`);
    else candidates.push(r);
  }

  const dd = dedupe(
    candidates.map((r) => `${r.reasoning}\n${r.answer}`),
    opts.dedup,
  );
  for (const e of dd.exact)
    drop(candidates[e.index] as TraceRecord, 'exact_duplicate', `of ${(candidates[e.duplicateOf] as TraceRecord).id}`);
  for (const n of dd.near)
    drop(
      candidates[n.index] as TraceRecord,
      'near_duplicate',
      `of ${(candidates[n.duplicateOf] as TraceRecord).id} (Jaccard ${n.similarity.toFixed(3)})`,
    );
  const kept = dd.kept.map((i) => candidates[i] as TraceRecord);

  // One plan for both datasets, over every day that has a usable prompt.
  const prompted = unique.filter((r) => r.prompt.length === 1);
  const plan = planTimeSplit(
    prompted.map((r) => ({ stratum: r.chain, date: r.date })),
    opts,
  );
  const sftSplit = { train: [] as TraceRecord[], eval: [] as TraceRecord[] };
  for (const r of kept) {
    const s = plan.assign(r.chain, r.date);
    if (s === 'gap') drop(r, 'split_gap');
    else sftSplit[s].push(r);
  }

  const grpo = { train: [] as GrpoRecord[], eval: [] as GrpoRecord[] };
  const seenPrompts = new Set<string>();
  let duplicatePrompts = 0;
  let crossChainSkipped = 0;
  for (const r of prompted) {
    if (Array.isArray(r.input)) {
      crossChainSkipped++;
      continue;
    }
    const content = (r.prompt[0] as { content: string }).content;
    const pid = promptId(r.promptVersion, r.task, content);
    if (seenPrompts.has(pid)) {
      duplicatePrompts++;
      continue;
    }
    seenPrompts.add(pid);
    const s = plan.assign(r.chain, r.date);
    if (s !== 'gap') grpo[s].push(toGrpo(r, pid));
  }

  const strat = (x: { chain: string; date: string }): { stratum: string; date: string } => ({
    stratum: x.chain,
    date: x.date,
  });
  assertNoLeakage(sftSplit.train.map(strat), sftSplit.eval.map(strat), opts.gapDays);
  assertNoLeakage(grpo.train.map(strat), grpo.eval.map(strat), opts.gapDays);

  const sft = { train: sftSplit.train.map(toSft), eval: sftSplit.eval.map(toSft) };
  const warnings: string[] = [];
  if (opts.gapDays < HORIZON_DAYS)
    warnings.push(
      `gapDays ${opts.gapDays} < horizon ${HORIZON_DAYS}: outcomes of the last train days are measured on eval days`,
    );
  if (records.length && !sft.eval.length && opts.evalFraction > 0) warnings.push('the SFT eval split is empty');
  for (const s of plan.strata)
    if (s.gapDays > s.days / 2)
      warnings.push(
        `${s.stratum}: ${s.gapDays} of ${s.days} days fall in the gap (its data ends earlier or the gap is wide)`,
      );

  const stats: DatasetStats = {
    input: {
      records: records.length,
      byTask: countBy(records, (r) => r.task),
      byChain: countBy(records, (r) => r.chain),
      bySource: countBy(records, (r) => r.source),
      byModel: countBy(records, (r) => r.model),
      byPromptVersion: countBy(records, (r) => r.promptVersion),
    },
    dropped: { total: dropped.length, byReason: countBy(dropped, (d) => d.reason) },
    sft: {
      train: sft.train.length,
      eval: sft.eval.length,
      byChain: splitCounts(sft.train, sft.eval, (r) => r.chain),
      byTask: splitCounts(sft.train, sft.eval, (r) => r.task),
    },
    grpo: {
      train: grpo.train.length,
      eval: grpo.eval.length,
      byChain: splitCounts(grpo.train, grpo.eval, (r) => r.chain),
      byTask: splitCounts(grpo.train, grpo.eval, (r) => r.task),
      duplicatePrompts,
      crossChainSkipped,
    },
    split: {
      method: `time-based, stratified by chain: each chain's last ${opts.evalFraction} of days in eval (none before the global eval start); one train cut-off ${opts.gapDays + 1} days before the earliest eval day of any chain`,
      evalFraction: opts.evalFraction,
      gapDays: opts.gapDays,
      trainCutoff: plan.trainCutoff,
      globalEvalStart: plan.globalEvalStart,
      strata: plan.strata,
    },
    tokens: { input: tokenTotals(records), sft: tokenTotals([...sftSplit.train, ...sftSplit.eval]) },
    sources: [...new Set(records.map((r) => r.source))].sort(),
    warnings,
  };
  return { sft, grpo, dropped, stats, card: datasetCard(stats, { name: opts.name }) };
}
