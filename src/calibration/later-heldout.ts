import { HELDOUT_GAMING_2 } from './heldout-gaming-2';
import { HELDOUT_GAMING_3 } from './heldout-gaming-3';
import type { LaterHeldoutSet } from './run';

/**
 * The held-out gaming sets written after the first, each by a separate session that never read
 * the reward components (see heldout-gaming-2.md and heldout-gaming-3.md). A set counts as held
 * out only until it is first scored; the note says when that was.
 */
export const LATER_HELDOUT_SETS: readonly LaterHeldoutSet[] = [
  {
    set: 'held-out 2',
    note: 'Written apart from the reward code on 2026-12-05 (03:00 UTC) and first scored when the outcome-first rewards were frozen that morning. It was then read while the rewards were revised (graded claims, look-alike numbers, false table statistics), so it is no longer held out: it shows how those fixes hold, not how the reward generalises.',
    attacks: HELDOUT_GAMING_2,
  },
  {
    set: 'held-out 3',
    note: 'Written apart from the reward code on 2026-12-05 (05:30 UTC) by a session that never opened the components, the composite, the tiers or any calibration output, and first scored once (06:10 UTC, main 8e3a5cc: 6 of 60 attempts without an outcome above the median mediocre). It was then read while the rewards were revised again (defined meaningful ratios, bulleted quotes checked, numbers in words and locale formats read, statistics written before their word), so it is no longer held out: it shows how those fixes hold, not how the reward generalises.',
    attacks: HELDOUT_GAMING_3,
  },
];
