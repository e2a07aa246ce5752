import type { MidgardAction } from '../../midgard';
import { amountE8, type AssetUnits } from '../features/units';

/**
 * What the decoder needs from the market at the height it generates at and the model does not
 * predict: each asset's USD price (as the feed's `inPriceUSD`/`outPriceUSD` gave it last), the
 * outbound network fee per asset (the feed's `networkFees`), and affiliate names. It is filled
 * from the real actions before the seed (so prices are the pools' at that height) and then from
 * every generated action.
 */
export class MarketBook {
  private readonly prices = new Map<string, number>();
  private readonly fees = new Map<string, string>();
  private affiliate = '';

  constructor(private readonly units: AssetUnits) {}

  observe(a: MidgardAction): void {
    const m = a.metadata;
    const swap = m.swap;
    if (swap) {
      const inAsset = a.in[0]?.coins[0]?.asset;
      const outAsset = swap.streamingSwapMeta?.outCoin?.asset || a.out.find((t) => t.coins[0])?.coins[0]?.asset;
      this.notePrice(inAsset, swap.inPriceUSD);
      this.notePrice(outAsset, swap.outPriceUSD);
      if (swap.affiliateAddress) this.affiliate = swap.affiliateAddress;
    }
    for (const fees of [swap?.networkFees, m.withdraw?.networkFees, m.refund?.networkFees]) {
      for (const c of fees ?? []) if (c.amount !== '0') this.fees.set(c.asset, c.amount);
    }
    if (m.refund?.affiliateAddress) this.affiliate = m.refund.affiliateAddress;
  }

  private notePrice(asset: string | undefined, usd: string | undefined): void {
    const x = Number(usd);
    if (asset && Number.isFinite(x) && x > 0) this.prices.set(asset, x);
  }

  price(asset: string): number | undefined {
    return this.prices.get(asset);
  }

  /**
   * USD prices of a swap's two assets: the book's, and where it lacks one, the other side's times
   * the swap's own exchange rate (whole units). 0 when neither is known (Midgard prints "0" then too).
   */
  swapPrices(
    inAsset: string,
    inAmount: string,
    outAsset: string,
    outAmount: string,
  ): { inUSD: number; outUSD: number } {
    let inUSD = this.price(inAsset) ?? 0;
    let outUSD = this.price(outAsset) ?? 0;
    const inWhole = amountE8(inAmount, inAsset, this.units);
    const outWhole = amountE8(outAmount, outAsset, this.units);
    if (!inUSD && outUSD && inWhole > 0) inUSD = (outUSD * outWhole) / inWhole;
    if (!outUSD && inUSD && outWhole > 0) outUSD = (inUSD * inWhole) / outWhole;
    return { inUSD, outUSD };
  }

  /** The last outbound network fee charged in `asset` (base units), "0" when none was seen. */
  networkFee(asset: string): string {
    return this.fees.get(asset) ?? '0';
  }

  /** The last affiliate name seen ("wr" until one is). */
  affiliateName(): string {
    return this.affiliate || 'wr';
  }
}
