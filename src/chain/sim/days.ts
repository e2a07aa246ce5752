import type { FlipsideChain } from '../chains';
import type { DailyAggregate, IsoDate } from '../daily';
import { addDays } from '../metrics/dates';
import { deriveChainDays } from '../metrics/derive';
import type { ChainDay } from '../metrics/row';
import { warmupStart } from '../metrics/spine';
import { ChainDaySimulator, type SimDailyRow } from './generator';

/**
 * Simulated ChainDay rows computed in-process, for offline work that needs many rows without
 * a server (reward calibration, benchmarks). The same rows `workbench chain collect --source
 * sim` gets through the local Flipside server, labelled `source: "sim"`.
 */
export function simulatedChainDays(
  seed: number,
  chains: readonly FlipsideChain[],
  from: IsoDate,
  to: IsoDate,
): ChainDay[] {
  const sim = new ChainDaySimulator({ seed });
  const aggregates = chains.flatMap((chain) =>
    sim.rows(chain, warmupStart(from), addDays(to, 1)).map((r) => simAggregate(chain, r)),
  );
  return deriveChainDays(aggregates, { from, to, chains });
}

/** A simulated row (the Flipside query's columns) as the DailyAggregate a source returns. */
export function simAggregate(chain: FlipsideChain, r: SimDailyRow): DailyAggregate {
  return {
    chain,
    date: r.day,
    source: 'sim',
    transactions: r.transactions,
    activeSenders: r.active_senders,
    activeReceivers: r.active_receivers,
    successRate: r.success_rate,
    feesNative: r.fees_native,
    transferredNative: r.transferred_native,
    gasUsed: r.gas_used,
    contractCalls: r.contract_calls,
  };
}
