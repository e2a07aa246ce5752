import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateServed, evaluationReport } from '../../src/grpo';
import { writeReport } from '../../src/report';
import { createLlmClient, startLlmServer } from '../../src/traces';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset } from './helpers';

const tmp = useTmpDir();

describe('evaluating a served model on the held-out eval prompts', () => {
  it('scores every eval answer with the rewards and outcome accuracy, beside the teacher on the same prompts', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const server = await startLlmServer({ seed: 3, latencyMs: 0 });
    try {
      const client = createLlmClient({ baseUrl: `${server.url}/v1`, apiKey: 'offline-stand-in' });
      const rows = await evaluateServed({
        dataset: d.dataset,
        client,
        model: 'student',
        teacherTraces: d.traces,
        concurrency: 3,
      });
      const evalLines = readFileSync(join(d.dataset, 'grpo', 'eval.jsonl'), 'utf8')
        .trim()
        .split('\n').length;
      expect(rows).toHaveLength(evalLines);
      expect(rows.every((r) => r.model !== null && r.error === null)).toBe(true);
      expect(rows.filter((r) => r.teacher).length).toBe(evalLines);
      const predictions = rows.filter((r) => r.task === 'predict7d');
      expect(predictions.length).toBeGreaterThan(0);
      expect(predictions.every((r) => r.model?.components.outcome.applicable)).toBe(true);
      const rep = evaluationReport(rows, 'student', server.url);
      const out = join(dir, 'report');
      await writeReport(
        out,
        { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
        { kind: 'cli', provenance: { startedAt: new Date(), tfjsBackend: null } },
      );
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      for (const t of [
        'teacher composite (same prompts)',
        'model outcome accuracy',
        'Composite reward on the eval prompts',
      ])
        expect(html.includes(t), t).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);
});
