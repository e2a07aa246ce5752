/**
 * The answer contract, shared by the prompts (which state it) and the rewards (which check it):
 * the flat band and direction of a change, the sections each task's answer has, how intervals
 * are written, and where the machine-readable answer block is. A neutral room that imports
 * nothing of ours, so traces and rewards both import it and neither imports the other for it.
 */
export { FLAT_BAND, directionOf, type DirectionLabel } from './direction';
export { INTERVAL_INSTRUCTION, REQUIRED_SECTIONS, SECTION_SYNONYMS, sectionInstruction } from './sections';
export { fencedBlocks, lastJsonBlock, stripAscii, type FencedBlock } from './fences';
