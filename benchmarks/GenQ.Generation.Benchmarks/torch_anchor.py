#!/usr/bin/env python3
"""PyTorch eager anchor for GenQ's generation bench: the same T5 shape with random weights, decoded the way Hugging Face
`generate` does it (encoder once per passage, encoder output repeated per returned sequence, KV cache, cross-attention
keys/values computed by the first step of every row, finished rows kept in the batch as padding until the longest row
ends, top-p sampling over the sorted vocabulary). No `transformers` needed: Debian 12 packages only `python3-torch`.

Driven by GenQ.Generation.Benchmarks over stdin/stdout (one JSON object per line):
  argv[1]: a JSON file {"d_model", "d_kv", "d_ff", "num_layers", "num_decoder_layers", "num_heads", "vocab_size",
           "buckets", "max_distance", "eos", "start", "threads", "queries", "max_new", "top_p", "device" (cpu|cuda),
           "passages": [[ids]], "lengths": [per-row length, EOS included]}
  prints {"ready": true, "build_s", "torch", "gemm_gflops"} once, then for each request line
  {"batch": B, "passages": P, "forced": false} runs passages 0..P-1 in batches of B and prints
  {"seconds", "cpu_seconds", "tokens", "peak_rss_mb", "load"}. "gemm" as a request re-measures fp32 GEMM (same shape as the .NET side).
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F


def relative_buckets(relative, bidirectional, num_buckets, max_distance):
    """Hugging Face T5Attention._relative_position_bucket."""
    buckets = torch.zeros_like(relative)
    if bidirectional:
        num_buckets //= 2
        buckets += (relative > 0).long() * num_buckets
        relative = relative.abs()
    else:
        relative = -torch.min(relative, torch.zeros_like(relative))
    max_exact = num_buckets // 2
    is_small = relative < max_exact
    large = max_exact + (torch.log(relative.float().clamp(min=1) / max_exact)
                         / math.log(max_distance / max_exact) * (num_buckets - max_exact)).long()
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return buckets + torch.where(is_small, relative, large)


class T5:
    def __init__(self, c):
        torch.manual_seed(1)
        self.c = c
        d, i, f = c["d_model"], c["num_heads"] * c["d_kv"], c["d_ff"]

        def w(rows, cols, std):  # stored [out, in] as torch.nn.Linear does
            return torch.empty(rows, cols).uniform_(-std * 3 ** 0.5, std * 3 ** 0.5)

        self.shared = w(c["vocab_size"], d, 1.0)

        def block(cross):
            layer = {"ln0": torch.ones(d), "q": w(i, d, (d * c["d_kv"]) ** -0.5), "k": w(i, d, d ** -0.5),
                     "v": w(i, d, d ** -0.5), "o": w(d, i, i ** -0.5), "ln2": torch.ones(d),
                     "wi": w(f, d, d ** -0.5), "wo": w(d, f, f ** -0.5)}
            if cross:
                layer.update({"ln1": torch.ones(d), "cq": w(i, d, (d * c["d_kv"]) ** -0.5), "ck": w(i, d, d ** -0.5),
                              "cv": w(i, d, d ** -0.5), "co": w(d, i, i ** -0.5)})
            return layer

        self.enc = [block(False) for _ in range(c["num_layers"])]
        self.dec = [block(True) for _ in range(c["num_decoder_layers"])]
        self.enc_bias = w(c["buckets"], c["num_heads"], d ** -0.5)
        self.dec_bias = w(c["buckets"], c["num_heads"], d ** -0.5)
        self.enc_ln = torch.ones(d)
        self.dec_ln = torch.ones(d)
        self.device = torch.device(c.get("device", "cpu"))  # weights drawn on the CPU first: the same numbers on either device
        move = lambda t: t.to(self.device)
        self.shared, self.enc_bias, self.dec_bias, self.enc_ln, self.dec_ln = map(move, (self.shared, self.enc_bias, self.dec_bias, self.enc_ln, self.dec_ln))
        self.enc = [{k: move(v) for k, v in layer.items()} for layer in self.enc]
        self.dec = [{k: move(v) for k, v in layer.items()} for layer in self.dec]

    @staticmethod
    def norm(x, weight):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight

    def heads(self, x):  # [B, S, H*dk] -> [B, H, S, dk]
        b, s, _ = x.shape
        return x.view(b, s, self.c["num_heads"], self.c["d_kv"]).transpose(1, 2)

    def attend(self, q, k, v, bias, out):
        probs = torch.softmax(q @ k.transpose(-1, -2) + bias, dim=-1)
        ctx = (probs @ v).transpose(1, 2).reshape(q.shape[0], q.shape[2], -1)
        return F.linear(ctx, out)

    def encode(self, ids, mask):
        c = self.c
        x = self.shared[ids]
        n = ids.shape[1]
        pos = torch.arange(n, device=self.device)
        rel = relative_buckets(pos[None, :] - pos[:, None], True, c["buckets"], c["max_distance"])
        bias = self.enc_bias[rel].permute(2, 0, 1)[None] + (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for L in self.enc:
            h = self.norm(x, L["ln0"])
            x = x + self.attend(self.heads(F.linear(h, L["q"])), self.heads(F.linear(h, L["k"])), self.heads(F.linear(h, L["v"])), bias, L["o"])
            x = x + F.linear(torch.relu(F.linear(self.norm(x, L["ln2"]), L["wi"])), L["wo"])
        return self.norm(x, self.enc_ln)

    def step(self, tokens, cache, enc_states, enc_mask_bias):
        """One token per row; cache: per layer [self_k, self_v, cross_k, cross_v] or None on the first step."""
        c = self.c
        x = self.shared[tokens][:, None, :]  # [B, 1, d]
        t = 0 if cache is None else cache[0][0].shape[2]
        rel = relative_buckets(torch.arange(t + 1, device=self.device)[None, :] - t, False, c["buckets"], c["max_distance"])
        bias = self.dec_bias[rel].permute(2, 0, 1)[None]  # [1, H, 1, t+1]
        new_cache = []
        for n, L in enumerate(self.dec):
            h = self.norm(x, L["ln0"])
            k, v = self.heads(F.linear(h, L["k"])), self.heads(F.linear(h, L["v"]))
            if cache is not None:
                k, v = torch.cat([cache[n][0], k], 2), torch.cat([cache[n][1], v], 2)
            x = x + self.attend(self.heads(F.linear(h, L["q"])), k, v, bias, L["o"])
            if cache is None:  # the first step computes the cross-attention keys/values of every row
                ck, cv = self.heads(F.linear(enc_states, L["ck"])), self.heads(F.linear(enc_states, L["cv"]))
            else:
                ck, cv = cache[n][2], cache[n][3]
            x = x + self.attend(self.heads(F.linear(self.norm(x, L["ln1"]), L["cq"])), ck, cv, enc_mask_bias, L["co"])
            x = x + F.linear(torch.relu(F.linear(self.norm(x, L["ln2"]), L["wi"])), L["wo"])
            new_cache.append([k, v, ck, cv])
        hidden = self.norm(x, self.dec_ln) * c["d_model"] ** -0.5  # tied embeddings, as t5-base
        return F.linear(hidden[:, 0], self.shared), new_cache


def top_p_sample(logits, top_p, generator):
    """Hugging Face TopPLogitsWarper + multinomial."""
    sorted_logits, order = torch.sort(logits, descending=False)
    cumulative = sorted_logits.softmax(-1).cumsum(-1)
    remove = cumulative <= (1 - top_p)
    remove[..., -1:] = False
    logits = logits.scatter(1, order, sorted_logits.masked_fill(remove, -math.inf))
    return torch.multinomial(logits.softmax(-1), 1, generator=generator)[:, 0]


def generate(model, c, passages, lengths, forced, generator):
    """One batch: passages [P][L] ids, lengths [P*queries]; returns new tokens of all rows (finished rows stop counting)."""
    q, eos, max_new = c["queries"], c["eos"], c["max_new"]
    dev = model.device
    ids = torch.tensor(passages, device=dev)
    mask = torch.ones_like(ids)
    states = model.encode(ids, mask).repeat_interleave(q, 0)  # generate's _expand_inputs_for_generation
    mask_bias = ((1.0 - mask.repeat_interleave(q, 0)[:, None, None, :].float()) * torch.finfo(torch.float32).min)
    rows = states.shape[0]
    ends = torch.full((rows,), max_new, device=dev) if forced else torch.tensor(lengths, device=dev)
    tokens = torch.full((rows,), c["start"], dtype=torch.long, device=dev)
    unfinished = torch.ones(rows, dtype=torch.bool, device=dev)
    cache, generated = None, 0
    for s in range(max_new):
        logits, cache = model.step(tokens, cache, states, mask_bias)
        logits[s + 1 < ends, eos] = -math.inf  # EOS schedule: suppressed before each row's length ...
        nxt = top_p_sample(logits, c["top_p"], generator)
        nxt = torch.where(s + 1 == ends, torch.full_like(nxt, eos), nxt)  # ... and forced at it
        nxt = torch.where(unfinished, nxt, torch.zeros_like(nxt))  # finished rows decode padding, as generate does
        generated += int(unfinished.sum())
        unfinished &= nxt != eos
        tokens = nxt
        if not unfinished.any():
            break
    return generated


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def gemm_gflops(device, repeats=10):
    """Best-of wall GFLOP/s and GFLOP per CPU second of this process (all threads) over the timed runs."""
    a, w = torch.rand(2400, 768, device=device) - 0.5, torch.rand(3072, 768, device=device) - 0.5
    F.linear(a, w)
    sync(device)
    best = math.inf
    cpu = time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        F.linear(a, w)
        sync(device)
        best = min(best, time.perf_counter() - start)
    flops = 2 * 2400 * 768 * 3072
    return flops / best / 1e9, flops * repeats / (time.process_time() - cpu) / 1e9


def vm(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) // 1024
    return -1


def main():
    with open(sys.argv[1]) as f:
        c = json.load(f)
    torch.set_num_threads(c["threads"])
    device = torch.device(c.get("device", "cpu"))
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True  # as ONNX Runtime's CUDA provider does by default (use_tf32)
    start = time.perf_counter()
    with torch.inference_mode():
        model = T5(c)
        wall, per_cpu = gemm_gflops(device)
        print(json.dumps({"ready": True, "build_s": time.perf_counter() - start, "torch": torch.__version__, "device": str(device),
                          "threads": torch.get_num_threads(), "gemm_gflops": wall, "gemm_gflops_cpu": per_cpu}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            if request == "gemm":
                wall, per_cpu = gemm_gflops(device)
                print(json.dumps({"gemm_gflops": wall, "gemm_gflops_cpu": per_cpu}), flush=True)
                continue
            batch, count, forced = request["batch"], request["passages"], request["forced"]
            q = c["queries"]
            try:
                with open("/proc/self/clear_refs", "w") as f:
                    f.write("5")
            except OSError:
                pass
            generator = torch.Generator(device=device).manual_seed(7)
            tokens = 0
            cpu = time.process_time()
            start = time.perf_counter()
            for first in range(0, count, batch):
                last = min(count, first + batch)
                tokens += generate(model, c, c["passages"][first:last], c["lengths"][first * q:last * q], forced, generator)
            sync(device)
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu
            with open("/proc/loadavg") as f:
                load = " ".join(f.read().split()[:3])
            print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "tokens": tokens, "peak_rss_mb": vm("VmHWM:"), "load": load}), flush=True)


if __name__ == "__main__":
    main()
