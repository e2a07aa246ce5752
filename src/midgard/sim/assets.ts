import type { Rng } from '../../core';

/**
 * Asset and chain facts the simulator needs to look like Maya Midgard: base-unit decimals,
 * address shapes, outbound gas fees and delays, tx ids. Addresses only need to *look* right
 * (prefix, alphabet, length); checksums are not valid.
 */

/** Maya's native asset; Midgard's `runeDepth` on Maya is a CACAO depth. */
export const NATIVE_ASSET = 'MAYA.CACAO';
/** Maya's second native token (a plain transferable, not a pool). */
export const MAYA_TOKEN = 'MAYA.MAYA';

/** Decimals of the base units Maya Midgard reports: CACAO 1e10, MAYA 1e4, every other asset 1e8. */
export function assetDecimals(asset: string): number {
  if (asset === NATIVE_ASSET) return 10;
  if (asset === MAYA_TOKEN) return 4;
  return 8;
}

export function isNative(asset: string): boolean {
  return chainOf(asset) === 'MAYA';
}

/** "ETH.USDT-0X…" → "ETH". */
export function chainOf(asset: string): string {
  const dot = asset.indexOf('.');
  return dot < 0 ? asset : asset.slice(0, dot);
}

/** Gas asset of each chain and its outbound fee in that asset's Midgard base units. */
interface ChainInfo {
  gasAsset: string;
  /** Outbound fee of a gas-asset transfer (base units). Tokens pay `TOKEN_FEE_RATIO` × this in value. */
  gasFee: bigint;
  /** Blocks between the action and the observed outbound (uniform in [min, max]). */
  outboundDelay: readonly [number, number];
  address: (key: AddressKey) => string;
}

/** What a user's addresses on every chain derive from: one EVM key, one cosmos key, one UTXO key. */
export interface AddressKey {
  /** 32-bit seed; addresses are a pure function of it and the chain. */
  seed: number;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/** Deterministic characters from a 32-bit seed (xorshift; independent of the simulator's Rng stream). */
function chars(seed: number, alphabet: string, n: number): string {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

/** Cosmos-SDK bech32 address: the same 32-char key body on every cosmos chain (as real wallets do), a per-prefix "checksum". */
function cosmos(prefix: string, salt: number) {
  return (k: AddressKey) => `${prefix}1${chars(k.seed, BECH32, 32)}${chars(k.seed ^ salt, BECH32, 6)}`;
}
const evm = (k: AddressKey) => `0x${chars(k.seed ^ 0x0e0e0e0e, HEX, 40)}`;

/** Chains of the seed pools plus Maya itself. Fees follow the Maya fixtures where they show one (CACAO 0.2, RUNE 0.03). */
export const CHAINS: Readonly<Record<string, ChainInfo>> = {
  MAYA: { gasAsset: NATIVE_ASSET, gasFee: 2_000_000_000n, outboundDelay: [0, 0], address: cosmos('maya', 0x4d415941) },
  THOR: { gasAsset: 'THOR.RUNE', gasFee: 3_000_000n, outboundDelay: [2, 45], address: cosmos('thor', 0x54484f52) },
  KUJI: { gasAsset: 'KUJI.KUJI', gasFee: 2_000_000n, outboundDelay: [1, 12], address: cosmos('kujira', 0x4b554a49) },
  BTC: {
    gasAsset: 'BTC.BTC',
    gasFee: 6_000n,
    outboundDelay: [10, 120],
    address: (k) => `bc1q${chars(k.seed ^ 0x0b0b0b0b, BECH32, 38)}`,
  },
  ETH: { gasAsset: 'ETH.ETH', gasFee: 120_000n, outboundDelay: [3, 40], address: evm },
  ARB: { gasAsset: 'ARB.ETH', gasFee: 4_000n, outboundDelay: [2, 90], address: evm },
  DASH: {
    gasAsset: 'DASH.DASH',
    gasFee: 10_000n,
    outboundDelay: [3, 30],
    address: (k) => `X${chars(k.seed ^ 0x0d0d0d0d, BASE58, 33)}`,
  },
};

/** A token transfer (ERC-20 and the like) costs about 3/2 of a gas-asset transfer, in value. */
export const TOKEN_FEE_RATIO: readonly [bigint, bigint] = [3n, 2n];

export function chainInfo(chain: string): ChainInfo {
  const info = CHAINS[chain];
  if (!info) throw new Error(`sim: unknown chain ${chain}`);
  return info;
}

export function addressFor(chain: string, key: AddressKey): string {
  return chainInfo(chain).address(key);
}

/** "00".."FF", for fast hex formatting. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

/** 64 upper-case hex characters, like every inbound and external outbound txID. */
export function txId(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const w = Math.floor(rng.next() * 4294967296);
    out += HEX_BYTE[w >>> 24]! + HEX_BYTE[(w >>> 16) & 255]! + HEX_BYTE[(w >>> 8) & 255]! + HEX_BYTE[w & 255]!;
  }
  return out;
}

/** Outbound txID: "" when it stays on Maya (native outbounds carry no id in Midgard), hex otherwise. */
export function outboundTxId(rng: Rng, asset: string): string {
  return isNative(asset) ? '' : txId(rng);
}

/** How memos name an asset: usually in full, sometimes the short `CHAIN.SYMBOL-XYZ` form (last 3 of the contract). */
export function memoAssetName(asset: string, short: boolean): string {
  const dash = asset.indexOf('-');
  if (!short || dash < 0) return asset;
  return `${asset.slice(0, dash)}-${asset.slice(-3)}`;
}

/**
 * EIP-55-looking mixed case for an EVM address (the letter pattern is a cheap hash, not
 * keccak). Memos and outbounds carry this form while inbounds are observed lower-case, as in
 * the Maya fixtures.
 */
export function checksumCase(address: string): string {
  if (!address.startsWith('0x')) return address;
  let h = 2166136261;
  let out = '0x';
  for (let i = 2; i < address.length; i++) {
    const c = address[i] as string;
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += c >= 'a' && c <= 'f' && (h & 8) !== 0 ? c.toUpperCase() : c;
  }
  return out;
}
