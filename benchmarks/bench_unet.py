"""Train-step time and memory of archnotes' DynamicUnet against fastai's DynamicUnet and segmentation_models_pytorch's
Unet (each only if installed; they are benchmark-only, never dependencies), same resnet34 encoder, batch and input,
measured in one process with interleaved rounds. Prints ratios (target: archnotes no slower and no more memory than fastai).

    OMP_NUM_THREADS=2 python benchmarks/bench_unet.py [--bs 4] [--size 224] [--rounds 5]

Memory on the CPU is the size of the activations saved for backward (counted with saved_tensors_hooks) plus the
parameters and their gradients; on CUDA it is torch.cuda.max_memory_allocated. On CUDA the benchmark also runs bf16
autocast with channels_last, with and without torch.compile, and reports images per second.
"""
import argparse, statistics, time
import torch, torch.nn.functional as F


def builders(n_out, size):
    from archnotes.cutting import create_body
    from archnotes.decoders import DynamicUnet
    out = {'archnotes DynamicUnet': lambda: DynamicUnet(create_body('resnet34'), n_out, (size, size))}
    try:
        from fastai.vision.all import DynamicUnet as FastaiUnet, create_body as fastai_body, resnet34
        out['fastai DynamicUnet'] = lambda: FastaiUnet(fastai_body(resnet34(), pretrained=False), n_out, (size, size))
    except ImportError: print('fastai not installed: skipped')
    try:
        import segmentation_models_pytorch as smp
        out['smp Unet'] = lambda: smp.Unet('resnet34', encoder_weights=None, classes=n_out)
    except ImportError: print('segmentation_models_pytorch not installed: skipped')
    return out


def saved_bytes(model, x, y):
    "Bytes of tensors saved for backward during one forward pass, plus parameters and gradients."
    total = 0
    def pack(t):
        nonlocal total; total += t.numel() * t.element_size(); return t
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        loss = F.cross_entropy(model(x), y)
    loss.backward()
    return total + 2 * sum(p.numel() * p.element_size() for p in model.parameters())


def step(model, opt, x, y, autocast=False):
    with torch.autocast(x.device.type, dtype=torch.bfloat16, enabled=autocast):
        loss = F.cross_entropy(model(x), y)
    loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    if x.is_cuda: torch.cuda.synchronize()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--bs', type=int, default=4); p.add_argument('--size', type=int, default=224)
    p.add_argument('--rounds', type=int, default=5); p.add_argument('--n-out', type=int, default=32)
    args = p.parse_args()
    dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    torch.manual_seed(0)
    x = torch.randn(args.bs, 3, args.size, args.size, device=dev)
    y = torch.randint(0, args.n_out, (args.bs, args.size, args.size), device=dev)
    models = {k: b().to(dev).train() for k, b in builders(args.n_out, args.size).items()}
    opts = {k: torch.optim.SGD(m.parameters(), lr=1e-3) for k, m in models.items()}
    for k in models: step(models[k], opts[k], x, y)      # warm up
    times = {k: [] for k in models}
    for r in range(args.rounds):
        for k in (list(models) if r % 2 == 0 else list(models)[::-1]):   # alternate the order: no model always goes first
            start = time.perf_counter(); step(models[k], opts[k], x, y); times[k].append(time.perf_counter() - start)
    mem = {}
    for k, m in models.items():
        if dev.type == 'cuda':
            torch.cuda.empty_cache(); torch.cuda.reset_peak_memory_stats(); step(m, opts[k], x, y); mem[k] = torch.cuda.max_memory_allocated()
        else: mem[k] = saved_bytes(m, x, y)
    print(f"device {dev}, threads {torch.get_num_threads()}, batch {args.bs}x3x{args.size}x{args.size}, {args.rounds} interleaved rounds")
    print(f"{'model':24} {'params':>12} {'step s (median)':>16} {'memory MB':>10}")
    for k in models:
        print(f"{k:24} {sum(p.numel() for p in models[k].parameters()):12,} {statistics.median(times[k]):16.3f} {mem[k] / 2**20:10.1f}")
    base = 'archnotes DynamicUnet'
    for other in [k for k in models if k != base]:
        r = statistics.median(a / b for a, b in zip(times[base], times[other]))
        print(f"archnotes / {other}: step time {r:.3f}x, memory {mem[base] / mem[other]:.3f}x")
    if dev.type == 'cuda':
        for k, m in models.items():
            m = m.to(memory_format=torch.channels_last)
            xc = x.contiguous(memory_format=torch.channels_last)
            for name, fn in (('eager', m), ('compiled', torch.compile(m))):
                opt = torch.optim.SGD(m.parameters(), lr=1e-3)
                for _ in range(3): step(fn, opt, xc, y, autocast=True)
                start = time.perf_counter()
                for _ in range(args.rounds): step(fn, opt, xc, y, autocast=True)
                print(f"{k:24} bf16 + channels_last, {name:8}: {args.rounds * args.bs / (time.perf_counter() - start):8.1f} images/s")


if __name__ == '__main__':
    main()
