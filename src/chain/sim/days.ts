import type { FlipsideChain } from '../chains';
import type { DailyAggregate, IsoDate } from '../daily';
import { addDays } from '../metrics/dates';
import { deriveChainDays } from '../metrics/derive';
import type { ChainDay } from '../metrics/row';
import { warmupStart } from '../metrics/spine';
import { ChainDaySimulator } from './generator';

/**
 * Simulated ChainDay rows computed in-process, for offline work that needs many rows without
 * a server (reward calibration, benchmarks). The same rows `workbench chain collect --source
 * sim` gets through the local Flipside server, labelled `source: "sim"`.
 */
export function simulatedChainDays(seed: number, chains: readonly FlipsideChain[], from: IsoDate, to: IsoDate): ChainDay[] {
  const sim = new ChainDaySimulator({ seed });
  const aggregates: DailyAggregate[] = chains.flatMap((chain) =>
    sim.rows(chain, warmupStart(from), addDays(to, 1)).map((r) => ({
      chain,
      date: r.day,
      source: 'sim' as const,
      transactions: r.transactions,
      activeSenders: r.active_senders,
      activeReceivers: r.active_receivers,
      successRate: r.success_rate,
      feesNative: r.fees_native,
      transferredNative: r.transferred_native,
      gasUsed: r.gas_used,
      contractCalls: r.contract_calls,
    })),
  );
  return deriveChainDays(aggregates, { from, to, chains });
}
