/**
 * Direction of a change, as the prompts state it and the outcomes and rewards read it: a
 * growth above the flat band is "up", below minus the band "down", anything within it "flat".
 */

/** |growth| at or below this is "flat" (2%). */
export const FLAT_BAND = 0.02;

export type DirectionLabel = 'up' | 'down' | 'flat';

/** The one "direction from growth" of the project (prompts, outcomes, rewards, calibration). */
export function directionOf(growth: number, band: number = FLAT_BAND): DirectionLabel {
  return growth > band ? 'up' : growth < -band ? 'down' : 'flat';
}
