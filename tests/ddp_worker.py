"""A small training run for tests/test_ddp.py, launched by `torchrun` with one or several processes.

    torchrun --standalone --nproc_per_node=N tests/ddp_worker.py OUT.json [reference|crash]

With several processes the Learner shards the data itself. `reference` (one process) deals out the same global batches
in the same order (a `DistributedSampler` for one replica, batch N times larger), so its numbers are those that N
processes must reproduce. `crash` makes rank 1 fail in its fifth training batch. Rank 0 alone writes OUT.json.
"""
import json, sys
import torch, torch.nn as nn, torch.distributed as dist
from torch.utils.data import DataLoader, Dataset, DistributedSampler
from archnotes.data import DataLoaders
from archnotes.parallel import end_distributed, init_distributed, is_main, rank
from archnotes.training import BoundaryF1, DiceMulti, Learner, MeanIoU, accuracy, error_rate, set_seed, simple_cnn

GLOBAL_BS, SEED = 32, 7


class Logged(Dataset):
    "Tensors `x`, `y`, remembering which indices this process read."
    def __init__(self, x, y): self.x, self.y, self.seen = x, y, []
    def __len__(self): return len(self.x)
    def __getitem__(self, i): self.seen.append(int(i)); return self.x[i], self.y[i]


def data(n_train=256, n_valid=101, seg=False):
    "Fixed random images (1x8x8) with 4 labels, or 3-class masks; 101 validation samples do not split evenly."
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n_train + n_valid, 1, 8, 8, generator=g)
    y = (x[:, 0] > 0.3).long() + (x[:, 0] > 1).long() if seg else (x.mean((1, 2, 3)) * 8).round().clamp(-2, 1).long() + 2
    return Logged(x[:n_train], y[:n_train]), Logged(x[n_train:], y[n_train:])


def loaders(train, valid, n, reference):
    if not reference: return DataLoaders.from_datasets(train, valid, bs=GLOBAL_BS // n, seed=SEED)
    sampler = DistributedSampler(train, num_replicas=1, rank=0, shuffle=True, seed=SEED)
    return DataLoaders(DataLoader(train, GLOBAL_BS, sampler=sampler, drop_last=True), DataLoader(valid, 2 * GLOBAL_BS))


class FailOnRank1:
    "A batch transform that raises in rank 1's fifth batch."
    def __init__(self): self.n = 0
    def __call__(self, xb, yb):
        self.n += 1
        if rank() == 1 and self.n == 5: raise RuntimeError('rank 1 fails on purpose in its fifth batch')
        return xb, yb


def checksum(model):
    return float(sum(t.detach().double().sum() for t in list(model.parameters()) + list(model.buffers())))


def main(out, mode=''):
    n = init_distributed()
    set_seed(0)
    train, valid = data()
    model = simple_cnn(n_in=1, n_out=4, widths=(8, 16), bn=False)
    two_groups = lambda m: [list(m[:-1].parameters()), list(m[-1].parameters())]
    learn = Learner(model, loaders(train, valid, n, mode == 'reference'), metrics=[accuracy, error_rate],
                    splitter=two_groups, batch_tfms=[FailOnRank1()] if mode == 'crash' else [], progress=False)
    sugg = learn.lr_find(num_it=12, show_plot=False)
    train.seen.clear()
    learn.fit_one_cycle(2, 1e-2)
    seen_fit = list(train.seen)
    learn.fine_tune(1, base_lr=4e-3)
    # segmentation: the mask metrics added up over processes
    set_seed(0)
    strain, svalid = data(seg=True)
    seg = Learner(nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 3, 3, padding=1)),
                  loaders(strain, svalid, n, mode == 'reference'), metrics=[MeanIoU(3), DiceMulti(3), BoundaryF1()], progress=False)
    seg.fit(1, 1e-2)
    # a training set smaller than two batches: each process's share (20) is smaller than a batch (32), yet trains
    set_seed(0)
    few_train, few_valid = data(n_train=40, n_valid=10)
    few = Learner(simple_cnn(n_in=1, n_out=4, widths=(8,), bn=False),
                  DataLoaders.from_datasets(few_train, few_valid, bs=32, seed=SEED), progress=False)
    few.fit(2, 1e-2)
    res = dict(world_size=n, lr_find=learn.lr_find_result['losses'], suggestions=sugg, rows=learn.recorder.rows,
               losses=learn.recorder.losses, seg_rows=seg.recorder.rows, few_rows=few.recorder.rows)
    gathered = [None] * n
    mine = dict(rank=rank(), seen_fit=seen_fit, valid_seen=len(valid.seen), checksum=checksum(learn.model))
    if n > 1: dist.all_gather_object(gathered, mine)
    else: gathered = [mine]
    res['ranks'] = gathered
    if is_main(): json.dump(res, open(out, 'w'))
    end_distributed()


if __name__ == '__main__':
    main(*sys.argv[1:])
