/**
 * The Markdown sections each task's answer has, in order, and how intervals are written.
 * Prompts state them and the rewards check them, so what is asked and what is rewarded cannot drift apart.
 */

/** Required answer sections per task, in order. */
export const REQUIRED_SECTIONS: Record<string, string[]> = {
  predict7d: ['Observations', 'Calculations', 'Forecast', 'Risks'],
  analytical: ['Observations', 'Calculations', 'Findings'],
  risk: ['Observations', 'Risks', 'Monitoring'],
  opportunity: ['Observations', 'Opportunities', 'Invalidation'],
  crossChain: ['Observations', 'Comparison', 'Findings'],
};

/** Heading words that count as each section (lower-case word sequences; the name itself first). */
export const SECTION_SYNONYMS: Record<string, string[][]> = {
  Observations: [
    ['observations'],
    ['observation'],
    ['data'],
    ['overview'],
    ['key', 'metrics'],
    ['current', 'state'],
    ['snapshot'],
  ],
  Calculations: [['calculations'], ['calculation'], ['computations'], ['derived', 'metrics'], ['analysis'], ['math']],
  Forecast: [['forecast'], ['prediction'], ['outlook'], ['projection'], ['projections']],
  Risks: [['risks'], ['risk'], ['caveats'], ['uncertainty'], ['uncertainties'], ['downside']],
  Findings: [['findings'], ['key', 'findings'], ['conclusion'], ['conclusions'], ['takeaways'], ['summary']],
  Monitoring: [['monitoring'], ['signals'], ['what', 'to', 'watch'], ['watch'], ['confirmation']],
  Opportunities: [['opportunities'], ['opportunity'], ['upside']],
  Invalidation: [
    ['invalidation'],
    ['invalidators'],
    ['invalidate'],
    ['what', 'would', 'invalidate'],
    ['exit', 'signals'],
  ],
  Comparison: [['comparison'], ['comparisons'], ['correlations'], ['correlation'], ['co', 'movement']],
};

/** The prompt's paragraph stating the sections of a task's answer. */
export function sectionInstruction(task: string): string {
  const sections = REQUIRED_SECTIONS[task];
  if (!sections) return '';
  return `Structure the answer with these Markdown headings, in this order: ${sections.map((s) => `"## ${s}"`).join(', ')}.`;
}

/** The prompt's sentence on how intervals are written, so the interval reward can read them. */
export const INTERVAL_INSTRUCTION =
  'Write each interval in the text as "X% ± Y% (90% CI)" or "[a%, b%] (90% CI)", always with its level.';
