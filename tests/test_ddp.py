"""Data-parallel training under torchrun (gloo, CPU): two processes reproduce one process with the same global batch.

Each test launches PyTorch's own launcher (`python -m torch.distributed.run`, i.e. `torchrun`) on tests/ddp_worker.py or
on `python -m archnotes`. The whole file runs in well under a minute on 2 cores.
"""
import json, math, os, subprocess, sys, time
from pathlib import Path
import pytest

WORKER = Path(__file__).parent / 'ddp_worker.py'
# Two processes add up the same float32 numbers in another order: the results below differ from one process by about
# 2e-7 on this machine. A real fault moves them by 1e-2 or more (e.g. validation on one rank's half of the samples,
# gradients not averaged, both ranks reading the same batches), so a tolerance of 1e-5 catches it on any CPU.
TOL = 1e-5


def torchrun(n, *args, cwd, timeout=120, env=None):
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--standalone', f'--nproc_per_node={n}', *map(str, args)]
    env = dict(os.environ, OMP_NUM_THREADS='1', MPLBACKEND='Agg', **(env or {}))
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return p, time.perf_counter() - start


@pytest.fixture(scope='module')
def runs(tmp_path_factory):
    "The worker's results with one process (reference batches) and with two; each in a folder of its own."
    res = {}
    for name, n, args in (('one', 1, ['reference']), ('two', 2, [])):
        folder = tmp_path_factory.mktemp(name)
        p, _ = torchrun(n, WORKER, folder / 'out.json', *args, cwd=folder)
        assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
        res[name] = json.loads((folder / 'out.json').read_text()), folder
    return res


def close(a, b): return a == pytest.approx(b, abs=TOL, rel=TOL)


def test_two_processes_train_like_one_with_the_same_global_batch(runs):
    one, two = runs['one'][0], runs['two'][0]
    assert (one['world_size'], two['world_size']) == (1, 2)
    assert close(two['lr_find'], one['lr_find']) and two['suggestions'] == one['suggestions']
    assert len(two['losses']) == len(one['losses']) == 32 and close(two['losses'], one['losses'])
    for rows in ('rows', 'seg_rows'):   # lr_find, fit_one_cycle(2), fine_tune(1): 4 rows; segmentation: 1
        assert [r['iters'] for r in two[rows]] == [r['iters'] for r in one[rows]]
        for r2, r1 in zip(two[rows], one[rows]):
            for k in r1:
                if k not in ('time', 'epoch', 'iters'): assert close(r2[k], r1[k]), (rows, k, r2[k], r1[k])
    assert set(two['seg_rows'][0]) >= {'mean_iou', 'dice', 'boundary_f1'}


def test_a_share_smaller_than_a_batch_still_trains(runs):
    rows = runs['two'][0]['few_rows']   # 40 samples, bs=32 per process: 20 each, one (short) batch per epoch
    assert [r['iters'] for r in rows] == [1, 2] and all(math.isfinite(r['train_loss']) for r in rows), rows


def test_every_process_holds_the_same_model(runs):
    ranks = runs['two'][0]['ranks']
    assert [r['rank'] for r in ranks] == [0, 1]
    assert ranks[0]['checksum'] == ranks[1]['checksum']
    assert close(ranks[0]['checksum'], runs['one'][0]['ranks'][0]['checksum'])


def test_ranks_read_disjoint_shares_that_cover_the_data(runs):
    ranks, epochs, n_train = runs['two'][0]['ranks'], 2, 256
    for e in range(epochs):   # each rank reads 128 samples an epoch (8 batches of 16), in order
        shares = [r['seen_fit'][e * 128:(e + 1) * 128] for r in ranks]
        assert all(len(set(s)) == 128 for s in shares)
        assert not set(shares[0]) & set(shares[1]) and set(shares[0]) | set(shares[1]) == set(range(n_train))
    # the 101 validation samples split 51 + 50, each scored once per validation (4 validations)
    assert sorted(r['valid_seen'] for r in ranks) == [4 * 50, 4 * 51]


def test_results_written_once(runs):
    for _, folder in runs.values(): assert sorted(p.name for p in folder.iterdir()) == ['out.json']


def test_a_crashing_rank_ends_the_job_with_its_message(tmp_path):
    p, secs = torchrun(2, WORKER, tmp_path / 'out.json', 'crash', cwd=tmp_path, env=dict(ARCHNOTES_DIST_TIMEOUT='30'))
    out = p.stdout + p.stderr
    assert p.returncode != 0 and 'rank 1 fails on purpose in its fifth batch' in out, out[-3000:]
    assert secs < 60, f"the job took {secs:.0f} s to end after a rank failed"
    assert not (tmp_path / 'out.json').exists()


def test_an_experiment_runs_data_parallel_and_reports_once(tmp_path):
    p, _ = torchrun(2, '-m', 'archnotes', '--only', 'training', '--quick', '--out', tmp_path / 'results', cwd=tmp_path)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    assert p.stdout.count('## training') == 1 and p.stdout.count('| simple_cnn, 4 epochs |      |') == 1, p.stdout
    assert 'data-parallel over 2 processes' in p.stdout
    assert sorted(f.name for f in (tmp_path / 'results' / 'training').iterdir()) == \
        ['loss_curves.png', 'lr_find.png', 'result.json', 'table.csv', 'table.md']
