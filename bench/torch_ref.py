#!/usr/bin/env python3
# Copied unchanged (below this header) from the team's shared benchmark folder (bench/torch_ref.py there, written
# for issue 15), so the repository stands on its own; `npm run bench -- --only maya-vs-torch` runs it when
# Debian python3-torch is installed.
"""torch_ref.py - PyTorch reference training benchmark of the s25_l6
Transformer encoder (CPU by default; runs with Debian's python3-torch 1.13).

Per time step the input is the concatenation of
  4 categorical features   -> Embedding(8, 16) each          (64)
  6 asset features         -> one shared Embedding(40, 48)   (288)
  3 address-hash features  -> Embedding(20001|20001|5001, 64) (192)
  13 binary flags + 15 numerics as raw scalars               (28)
= 572 -> Linear(572, 256) -> sinusoidal positional encoding (dropout 0.1)
-> TransformerEncoder(6 layers, d_model 256, 8 heads, feed-forward 1024,
dropout 0.1, batch_first, post-LN) -> last time step -> Linear(256, O),
O = 4*8 + 6*40 + 20001*2 + 5001 + 13 + 15 = 45303.
Loss = (sum of 13 cross-entropies over the categorical slices + 13 per-flag
BCE-with-logits + 15 per-numeric MSE) / 41.  AdamW lr 5e-5, gradient clip
1.0.  Inputs and next-step targets are random but correctly typed.

  /usr/bin/python3 torch_ref.py --batch 128 --seq 25 --steps 20 --warmup 3 --threads 4 --json

Prints {"ms_per_step", "sequences_per_s", "params", "threads", "torch", ...}
as one JSON line with --json, otherwise a short human-readable summary.
ms_per_step is the mean over the timed steps (after --warmup untimed steps)
of forward + backward + clip + optimizer step.
"""

import argparse
import json
import math
import sys
import time

CAT_VOCAB, CAT_DIM, N_CAT = 8, 16, 4
ASSET_VOCAB, ASSET_DIM, N_ASSET = 40, 48, 6
ADDR_VOCABS, ADDR_DIM = (20001, 20001, 5001), 64
N_FLAGS, N_NUM = 13, 15
D_MODEL, N_HEAD, D_FF, N_LAYERS, DROPOUT = 256, 8, 1024, 6, 0.1
IN_WIDTH = N_CAT * CAT_DIM + N_ASSET * ASSET_DIM + len(ADDR_VOCABS) * ADDR_DIM + N_FLAGS + N_NUM   # 572
OUT_WIDTH = N_CAT * CAT_VOCAB + N_ASSET * ASSET_VOCAB + sum(ADDR_VOCABS) + N_FLAGS + N_NUM       # 45303
N_TERMS = N_CAT + N_ASSET + len(ADDR_VOCABS) + N_FLAGS + N_NUM                                     # 41


def build(torch):
    nn = torch.nn

    class PositionalEncoding(nn.Module):
        def __init__(self, d, max_len=512, dropout=DROPOUT):
            super().__init__()
            self.dropout = nn.Dropout(dropout)
            pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
            div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
            pe = torch.zeros(max_len, d)
            pe[:, 0::2] = torch.sin(pos * div)
            pe[:, 1::2] = torch.cos(pos * div)
            self.register_buffer("pe", pe)

        def forward(self, x):                      # x: (B, T, d)
            return self.dropout(x + self.pe[: x.size(1)].unsqueeze(0))

    class S25L6(nn.Module):
        def __init__(self):
            super().__init__()
            self.cat_emb = nn.ModuleList([nn.Embedding(CAT_VOCAB, CAT_DIM) for _ in range(N_CAT)])
            self.asset_emb = nn.Embedding(ASSET_VOCAB, ASSET_DIM)
            self.addr_emb = nn.ModuleList([nn.Embedding(v, ADDR_DIM) for v in ADDR_VOCABS])
            self.proj = nn.Linear(IN_WIDTH, D_MODEL)
            self.pos = PositionalEncoding(D_MODEL)
            layer = nn.TransformerEncoderLayer(D_MODEL, N_HEAD, D_FF, DROPOUT, batch_first=True, norm_first=False)
            self.encoder = nn.TransformerEncoder(layer, N_LAYERS)
            self.head = nn.Linear(D_MODEL, OUT_WIDTH)

        def forward(self, cat, asset, addr, flags, nums):
            parts = [emb(cat[..., i]) for i, emb in enumerate(self.cat_emb)]
            parts.append(self.asset_emb(asset).flatten(2))            # (B, T, 6*48)
            parts += [emb(addr[..., i]) for i, emb in enumerate(self.addr_emb)]
            parts += [flags, nums]
            x = torch.cat(parts, dim=-1)                              # (B, T, 572)
            x = self.encoder(self.pos(self.proj(x)))
            return self.head(x[:, -1])                                # (B, O)

    return S25L6


def loss_fn(torch, logits, tgt):
    F = torch.nn.functional
    total, off = 0.0, 0
    for i in range(N_CAT):
        total = total + F.cross_entropy(logits[:, off:off + CAT_VOCAB], tgt["cat"][:, i])
        off += CAT_VOCAB
    for i in range(N_ASSET):
        total = total + F.cross_entropy(logits[:, off:off + ASSET_VOCAB], tgt["asset"][:, i])
        off += ASSET_VOCAB
    for i, v in enumerate(ADDR_VOCABS):
        total = total + F.cross_entropy(logits[:, off:off + v], tgt["addr"][:, i])
        off += v
    bce = F.binary_cross_entropy_with_logits(logits[:, off:off + N_FLAGS], tgt["flags"], reduction="none")
    total = total + bce.mean(0).sum()                                 # one term per flag
    off += N_FLAGS
    mse = F.mse_loss(logits[:, off:off + N_NUM], tgt["nums"], reduction="none")
    total = total + mse.mean(0).sum()                                 # one term per numeric
    off += N_NUM
    assert off == OUT_WIDTH
    return total / N_TERMS


def random_batch(torch, g, b, t, device):
    def ints(hi, *shape):
        return torch.randint(0, hi, shape, generator=g).to(device)

    x = {"cat": ints(CAT_VOCAB, b, t, N_CAT), "asset": ints(ASSET_VOCAB, b, t, N_ASSET),
         "addr": torch.stack([ints(v, b, t) for v in ADDR_VOCABS], dim=-1),
         "flags": (torch.rand(b, t, N_FLAGS, generator=g) < 0.3).float().to(device),
         "nums": torch.randn(b, t, N_NUM, generator=g).to(device)}
    y = {"cat": ints(CAT_VOCAB, b, N_CAT), "asset": ints(ASSET_VOCAB, b, N_ASSET),
         "addr": torch.stack([ints(v, b) for v in ADDR_VOCABS], dim=-1),
         "flags": (torch.rand(b, N_FLAGS, generator=g) < 0.3).float().to(device),
         "nums": torch.randn(b, N_NUM, generator=g).to(device)}
    return x, y


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--batch", type=int, default=128, help="sequences per step (default 128)")
    ap.add_argument("--seq", type=int, default=25, help="time steps per sequence (default 25)")
    ap.add_argument("--steps", type=int, default=20, help="timed training steps (default 20)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed warm-up steps (default 3)")
    ap.add_argument("--threads", type=int, default=0, help="torch intra-op threads (default: torch's choice)")
    ap.add_argument("--device", default="cpu", help="torch device (default cpu)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--addr-vocab", type=int, default=0,
                    help="one vocabulary size for all 3 address features (default: the seed's 20001/20001/5001)")
    ap.add_argument("--json", action="store_true", help="print one JSON line only")
    args = ap.parse_args(argv)

    if args.addr_vocab > 0:                       # match a model built with fewer address buckets
        global ADDR_VOCABS, IN_WIDTH, OUT_WIDTH
        ADDR_VOCABS = (args.addr_vocab,) * 3
        IN_WIDTH = N_CAT * CAT_DIM + N_ASSET * ASSET_DIM + len(ADDR_VOCABS) * ADDR_DIM + N_FLAGS + N_NUM
        OUT_WIDTH = N_CAT * CAT_VOCAB + N_ASSET * ASSET_VOCAB + sum(ADDR_VOCABS) + N_FLAGS + N_NUM
    import torch                                  # imported late so --help works without torch
    torch.manual_seed(args.seed)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    model = build(torch)().to(device)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
    params = sum(p.numel() for p in model.parameters())
    g = torch.Generator().manual_seed(args.seed)
    batches = [random_batch(torch, g, args.batch, args.seq, device) for _ in range(2)]

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    times, losses = [], []
    for step in range(args.warmup + args.steps):
        x, y = batches[step % len(batches)]
        sync()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(torch, model(x["cat"], x["asset"], x["addr"], x["flags"], x["nums"]), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sync()
        dt = time.perf_counter() - t0
        losses.append(float(loss.detach()))
        if step >= args.warmup:
            times.append(dt)
        if not args.json:
            print(f"step {step + 1}/{args.warmup + args.steps}{' (warm-up)' if step < args.warmup else ''}: "
                  f"loss {losses[-1]:.4f}, {dt * 1000:.1f} ms", file=sys.stderr, flush=True)
    ms = 1000 * sum(times) / len(times) if times else float("nan")
    result = {"ms_per_step": round(ms, 2),
              "sequences_per_s": round(args.batch / (ms / 1000), 2) if times else None,
              "params": params, "threads": torch.get_num_threads(), "torch": torch.__version__,
              "batch": args.batch, "seq": args.seq, "steps": len(times), "warmup": args.warmup,
              "device": str(device), "in_width": IN_WIDTH, "out_width": OUT_WIDTH,
              "loss_first": round(losses[0], 4) if losses else None,
              "loss_last": round(losses[-1], 4) if losses else None}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"s25_l6: {result['ms_per_step']} ms/step, {result['sequences_per_s']} sequences/s, "
              f"{params:,} parameters, {result['threads']} threads, torch {torch.__version__}")
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
