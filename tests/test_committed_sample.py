"""The committed full-budget results of 04, 06 and 07 come from the code as it is: a sample of their runs, retrained here
with the arguments their rows record, lands within the spread of the committed seeds (3 standard deviations over the
seeds of the same setup; float32 training on another CPU is a fresh draw, so exact equality is not expected)."""
import json, statistics
from pathlib import Path
import pytest, torch

NBS = Path(__file__).resolve().parent.parent / 'nbs' / 'results'


def committed(name): return json.loads((NBS / name / 'result.json').read_text())


def within_spread(rows, setup, metric, value, k=3.):
    vals = [r[metric] for r in rows if r['setup'] == setup]
    mean, sd = statistics.fmean(vals), statistics.stdev(vals)
    assert abs(value - mean) <= k * sd + 1e-6, (setup, metric, value, mean, sd)


@pytest.fixture(autouse=True)
def one_thread():
    n = torch.get_num_threads(); torch.set_num_threads(1); yield; torch.set_num_threads(n)


def test_transfer_sample():
    from archnotes.lab.transfer import TransferSetup, transfer_run
    d = committed('transfer')
    for setup in (TransferSetup(recipe='one rate'), TransferSetup(recipe='fine_tune', target='digits'),
                  TransferSetup(source='scratch', recipe='one rate')):
        ref = next(r for r in d['rows'] if r['setup'] == setup.name and r['seed'] == 3)
        row = transfer_run(setup, seed=3)[0]   # the budget and rate of the code as it is
        assert (row['steps'], row['lr']) == (ref['steps'], ref['lr'])
        within_spread(d['rows'], setup.name, 'accuracy', row['accuracy'])


def test_ladder_sample():
    from archnotes.lab.ladder import LADDER_TUNED, ladder_setups, train_setup
    d, setups = committed('ladder'), ladder_setups()
    for key in ('book order: baseline', 'alone: dropout throughout'):
        ref = next(r for r in d['rows'] if r['setup'] == key and r['seed'] == 3)
        row = train_setup(setups[key], seed=3, **{k: LADDER_TUNED[key][k] for k in ('steps', 'lr')})[0]   # the code's
        assert (row['steps'], row['lr'], row['params']) == (ref['steps'], ref['lr'], ref['params'])
        within_spread(d['rows'], key, 'test_accuracy', row['test_accuracy'])


def test_siamese_sample():
    from archnotes.lab.siamese import SiameseSetup, siamese_run
    d = committed('siamese')
    setup = SiameseSetup(compare=True)
    row = siamese_run(setup, seed=3, steps=d['rows'][0]['steps'])[0]
    within_spread(d['rows'], setup.name, 'accuracy', row['accuracy'])


def test_the_spread_check_can_fail():
    rows = [dict(setup='x', acc=v) for v in (0.5, 0.52, 0.48, 0.5)]
    within_spread(rows, 'x', 'acc', 0.53)
    with pytest.raises(AssertionError): within_spread(rows, 'x', 'acc', 0.6)
