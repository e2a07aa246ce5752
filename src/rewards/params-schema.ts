import { z } from 'zod';

/** The schema of the reward parameters (defaults in default-params.ts); config.ts composes it into the config. */
const Weight = z.number().finite().nonnegative();
const Unit = z.number().finite().min(0).max(1);
const Positive = z.number().finite().positive();
const Words = z.array(z.string().regex(/^[a-z0-9_]+$/, 'lower-case ASCII words')).min(1);
export const Phrases = z.array(z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1)).min(1);

export const RewardParamsSchema = z
  .object({
    calculation: z
      .object({
        target: Positive,
        relTol: Unit,
        ungroundedWeight: Unit,
        constants: z.array(z.number().finite()).min(1),
        maxUnitWords: z.number().int().nonnegative(),
        /** Metrics that are 7-day rates, and day counts: such a rate raised to a day count is meaningless. */
        weeklyRates: z.array(z.string()),
        dayCounts: z.array(z.number().finite()),
        /** The meaningful ratios of two different row metrics ("numerator/denominator"); any other is meaningless. */
        ratios: z.array(z.string()),
      })
      .strict(),
    citation: z.object({ target: Positive, referenceCredit: Unit }).strict(),
    claims: z
      .object({ target: Positive, ungroundedWeight: Unit, falseCost: z.number().finite().nonnegative() })
      .strict(),
    outcome: z
      .object({
        flatBand: Unit,
        alpha: z.number().gt(0).lt(1),
        /** The scale of a metric's 7-day change: scaleSigmas × max(minSigma, daily log volatility × √7). */
        scaleSigmas: Positive,
        minSigma: Positive,
        defaultDailyVol: Positive,
        parts: z.object({ direction: Weight, interval: Weight }).strict(),
        targets: z.object({ tx: Weight, users: Weight }).strict(),
      })
      .strict(),
    interval: z
      .object({
        levelMin: z.number().gt(0).lt(100),
        levelMax: z.number().gt(0).lt(100),
        window: z.number().int().positive(),
        cues: Words,
        levelWords: Words,
      })
      .strict(),
    structure: z
      .object({ minSectionWords: z.number().int().nonnegative(), maxHeadingWords: z.number().int().positive() })
      .strict(),
    insight: z
      .object({
        top: z.number().int().positive(),
        minWords: z.number().int().positive(),
        maxCueShare: Unit,
        cues: Words,
        conditions: Words,
        risks: Words,
        subjects: Words,
        parts: z.object({ quantified: Weight, conditional: Weight, riskAware: Weight }).strict(),
      })
      .strict(),
    /** Each false claim divides the reward by 1 + cost. */
    falsehood: z.object({ cost: Weight }).strict(),
    stuffing: z
      .object({
        keywords: Words,
        densityStart: Unit,
        densityFull: Unit,
        saladMinWords: z.number().int().positive(),
        saladShare: Unit,
        saladFull: Unit,
      })
      .strict(),
    repetition: z
      .object({
        ngram: z.number().int().min(2),
        echoNgram: z.number().int().min(2),
        /** Repeated (or prompt-copied) n-grams, counted: no penalty up to start, full penalty from full. */
        start: z.number().int().nonnegative(),
        full: z.number().int().positive(),
      })
      .strict(),
    length: z
      .object({
        answerMin: z.number().int().nonnegative(),
        answerMax: z.number().int().positive(),
        totalMin: z.number().int().nonnegative(),
        totalMax: z.number().int().positive(),
      })
      .strict(),
    completeness: z.object({ cutLineWords: z.number().int().positive(), cutScore: Unit }).strict(),
    injection: z
      .object({
        ignoreVerbs: Words,
        ignoreTargets: Words,
        graderWords: Words,
        scoreWords: Words,
        awardVerbs: Words,
        superlatives: Words,
        selfRefs: Words,
        selfNouns: Words,
        selfClaims: Words,
        reachWindow: z.number().int().positive(),
        markers: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();
export type RewardParams = z.infer<typeof RewardParamsSchema>;
