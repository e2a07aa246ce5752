import { silentProgress, sleep, type Progress } from '../../core';
import { actionIdentity, MAX_LIMIT, type MidgardClient, validateAction, type MidgardAction } from '../../midgard';
import { CATEGORY_FIELDS, FeatureExtractor, type EncodedRow, type FeatureArtifacts } from '../features';
import { argmaxIds } from './simulate';
import { Window, type NextActionPredictor, type NextDistribution } from './predictor';

export interface LiveScore {
  /** Predictions scored so far. */
  scored: number;
  /** Running accuracy per categorical column of the argmax prediction. */
  accuracy: Record<string, number>;
}

export interface LiveEvent {
  actual: MidgardAction;
  predictedType: string;
  correctType: boolean;
  score: LiveScore;
}

export interface LiveOptions {
  client: MidgardClient;
  predictor: NextActionPredictor;
  artifacts: FeatureArtifacts;
  /** Stop after scoring this many predictions (undefined = until aborted). */
  maxPredictions?: number;
  pollMs?: number;
  signal?: AbortSignal;
  onPrediction?: (e: LiveEvent) => void;
  progress?: Progress;
}

/**
 * Live next-action prediction: keeps a window from the Midgard feed, predicts the next action,
 * polls from the last seen height with fromHeight (following prevPageToken through full pages, so
 * a burst of more than 50 actions is never missed; actions already seen are recognised by
 * identity), scores the standing prediction against each arriving action in chain order, and
 * predicts again.
 */
export async function predictLive(o: LiveOptions): Promise<LiveScore> {
  const L = o.artifacts.seqLen;
  const progress = o.progress ?? silentProgress;
  const extractor = new FeatureExtractor(o.artifacts);
  const rows = new Window<EncodedRow>(L);
  const hits = new Array<number>(CATEGORY_FIELDS.length).fill(0);
  const score: LiveScore = { scored: 0, accuracy: {} };
  const typeVocab = o.artifacts.vocabs.type;

  const ascending = (actions: unknown[]) =>
    actions
      .flatMap((raw) => {
        const v = validateAction(raw);
        return v.ok ? [v.action] : []; // malformed: the sync quarantines them; live prediction skips them
      })
      .reverse();

  // Seed the window from the newest page (newest first on the wire).
  const first = await o.client.actions({ limit: MAX_LIMIT }, o.signal);
  const cursor = new FeedCursor();
  for (const a of ascending(first.page.actions)) {
    cursor.accept(a);
    rows.push(extractor.step(a));
  }
  let pending: NextDistribution | undefined = rows.full ? await o.predictor.predictNext(rows.values) : undefined;
  const want = () => o.maxPredictions === undefined || score.scored < o.maxPredictions;
  progress.start(o.maxPredictions ?? 0, 'live predictions');
  try {
    while (!o.signal?.aborted && want()) {
      // Re-read from the last seen height (inclusive: a block can fill over several polls), then
      // follow prevPageToken while pages come back full, so a burst of any size is read whole.
      let page = await o.client.actions(
        { limit: MAX_LIMIT, ...(cursor.height === null ? {} : { fromHeight: cursor.height }) },
        o.signal,
      );
      let fresh = 0;
      for (;;) {
        for (const actual of ascending(page.page.actions)) {
          if (!cursor.accept(actual)) continue;
          fresh++;
          const row = extractor.step(actual);
          if (pending && want()) {
            const predicted = argmaxIds(pending);
            predicted.forEach((id, c) => {
              if (id === row.cat[c]) hits[c] = (hits[c] as number) + 1;
            });
            score.scored++;
            CATEGORY_FIELDS.forEach((f, c) => (score.accuracy[f.name] = (hits[c] as number) / score.scored));
            o.onPrediction?.({
              actual,
              predictedType: typeVocab[predicted[0] as number] ?? '?',
              correctType: predicted[0] === row.cat[0],
              score,
            });
            progress.update(score.scored, `type accuracy ${((score.accuracy.type ?? 0) * 100).toFixed(1)}%`);
          }
          rows.push(row);
          pending = rows.full ? await o.predictor.predictNext(rows.values) : undefined;
        }
        const token = page.page.meta.prevPageToken;
        if (page.page.actions.length < MAX_LIMIT || !token || !want()) break;
        page = await o.client.actions({ limit: MAX_LIMIT, prevPageToken: token }, o.signal);
      }
      if (!fresh) await sleep(o.pollMs ?? 2000, o.signal).catch(() => undefined);
    }
  } finally {
    progress.stop();
  }
  return score;
}

/** Where live polling stands: the newest height seen and the identities seen at it. */
class FeedCursor {
  height: number | null = null;
  private atHeight = new Set<string>();

  /** True for an action not seen before (older heights than the cursor count as seen). */
  accept(a: MidgardAction): boolean {
    const h = Number(a.height);
    if (this.height !== null && h < this.height) return false;
    const id = actionIdentity(a);
    if (h === this.height) {
      if (this.atHeight.has(id)) return false;
    } else {
      this.height = h;
      this.atHeight = new Set();
    }
    this.atHeight.add(id);
    return true;
  }
}
