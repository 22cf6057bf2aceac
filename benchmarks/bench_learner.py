"""Overhead of archnotes' Learner over a bare PyTorch loop, same model, same DataLoader, measured in one run.

Target: Learner.fit at most 1.03x the bare loop's time. Pairs of runs are interleaved (bare, Learner, bare, ...)
so that a noisy neighbour slows both alike; the ratio reported is the median over pairs.

    OMP_NUM_THREADS=1 python benchmarks/bench_learner.py [--pairs 7] [--epochs 2] [--compare-with DIR]

`--compare-with DIR` also times the `Learner` of another checkout (say, a `git worktree` of an older commit) in the
same interleaved rounds, loaded as a package of another name, so that two versions of the Learner are compared on
the same machine at the same moment.
"""
import argparse, copy, importlib.util, statistics, sys, time
from pathlib import Path
import torch, torch.nn.functional as F
from archnotes.data import DataLoaders, digits
from archnotes.training import Learner, accuracy, set_seed, simple_cnn


def bare_loop(model, dls, epochs, lr):
    "The loop everyone writes: train, then validation loss and accuracy, per epoch."
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    for _ in range(epochs):
        model.train()
        for xb, yb in dls.train:
            loss = F.cross_entropy(model(xb), yb)
            loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
        model.eval()
        total, correct, n = 0., 0, 0
        with torch.no_grad():
            for xb, yb in dls.valid:
                pred = model(xb)
                total += F.cross_entropy(pred, yb).item() * len(yb); correct += (pred.argmax(1) == yb).sum().item(); n += len(yb)
    return total / n, correct / n


def load_other(folder):
    "The `archnotes.training` module of the checkout in `folder`, imported as `archnotes_other.training`."
    init = Path(folder) / 'archnotes' / '__init__.py'
    spec = importlib.util.spec_from_file_location('archnotes_other', init, submodule_search_locations=[str(init.parent)])
    pkg = importlib.util.module_from_spec(spec); sys.modules['archnotes_other'] = pkg; spec.loader.exec_module(pkg)
    return importlib.import_module('archnotes_other.training')


def timed(fn):
    start = time.perf_counter(); fn(); return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--pairs', type=int, default=7); p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--size', type=int, default=32); p.add_argument('--bs', type=int, default=64)
    p.add_argument('--compare-with', help="another checkout's folder: its Learner.fit is timed too")
    args = p.parse_args()
    torch.set_num_threads(1)
    set_seed(0)
    dls = DataLoaders.from_datasets(*digits(size=args.size), bs=args.bs)
    init = simple_cnn().state_dict()
    def fresh():
        m = simple_cnn(); m.load_state_dict(copy.deepcopy(init)); return m
    runs = {
        'bare loop': lambda: bare_loop(fresh(), dls, args.epochs, 3e-3),
        'Learner.fit': lambda: Learner(fresh(), dls, metrics=[accuracy], lr=3e-3, device='cpu', progress=False).fit(args.epochs),
        'Learner.fit_one_cycle': lambda: Learner(fresh(), dls, metrics=[accuracy], device='cpu', progress=False).fit_one_cycle(args.epochs, 3e-3),
        'Learner.fit, progress bar': lambda: Learner(fresh(), dls, metrics=[accuracy], lr=3e-3, device='cpu', progress=True).fit(args.epochs),
    }
    if args.compare_with:
        other = load_other(args.compare_with)
        data = importlib.import_module('archnotes_other.data')   # its Learner wants its own DataLoaders
        other_dls = data.DataLoaders.from_datasets(*data.digits(size=args.size), bs=args.bs)
        runs['Learner.fit (other checkout)'] = lambda: other.Learner(fresh(), other_dls, metrics=[other.accuracy], lr=3e-3,
                                                                     device='cpu', progress=False).fit(args.epochs)
    for fn in runs.values(): fn()  # warm up
    times = {k: [] for k in runs}
    for _ in range(args.pairs):
        for k, fn in runs.items(): times[k].append(timed(fn))
    base = times['bare loop']
    print(f"simple_cnn on {len(dls.train.dataset)} digits of {args.size}x{args.size}, bs={args.bs}, {args.epochs} epochs, "
          f"1 thread, {args.pairs} interleaved rounds")
    print(f"{'loop':28} {'median s':>9} {'ratio to bare (median over rounds)':>36}")
    for k, ts in times.items():
        ratio = statistics.median(t / b for t, b in zip(ts, base))
        print(f"{k:28} {statistics.median(ts):9.3f} {ratio:36.3f}")
    ratio = statistics.median(t / b for t, b in zip(times['Learner.fit'], base))
    print(f"\nLearner.fit overhead ratio: {ratio:.3f}x (target <= 1.03x): {'OK' if ratio <= 1.03 else 'ABOVE TARGET'}")
    if args.compare_with:
        vs = statistics.median(t / o for t, o in zip(times['Learner.fit'], times['Learner.fit (other checkout)']))
        print(f"Learner.fit of this checkout / of {args.compare_with}: {vs:.3f}x (median over rounds)")


if __name__ == '__main__':
    main()
