"""The decoder sweep that notebook 05 reads when QUICK = False (nbs/decoder_sweep.json, written by
`python scripts/decoder_sweep.py`) is the sweep the code runs: the same budget, every run of its grid with the
same number of batches, and one run trained again here giving the saved scores, within a tolerance that covers
another CPU's rounding but not a changed decoder, initialisation or budget (those move mean IoU by 0.1 or more:
see the transposed-conv diagnosis in 05)."""
import json
from pathlib import Path
import pytest, torch
from archnotes.decoders import DECODERS
from archnotes.lab.decoders import EQUAL_FLOPS, LONGER, STRIDES, SWEEP_BUDGET, _jobs, _run

SAVED = json.loads((Path(__file__).resolve().parent.parent / 'nbs' / 'decoder_sweep.json').read_text())
JOBS = _jobs((0, 1, 2, 3, 4), STRIDES, list(DECODERS), SWEEP_BUDGET, EQUAL_FLOPS, LONGER)


def key(kind, stride, seed, budget, steps): return kind, stride, seed, budget, steps


def test_the_saved_sweep_has_the_budget_and_every_run_of_the_code():
    assert SAVED['budget'] == SWEEP_BUDGET
    expected = sorted(key(j['kind'], j['stride'], j['seed'], j['budget'], j['steps']) for j in JOBS)
    got = sorted(key(r['decoder'], r['stride'], r['seed'], r['budget'], r['steps']) for r in SAVED['rows'])
    assert got == expected


@pytest.mark.slow
def test_a_saved_run_is_reproduced():
    job = next(j for j in JOBS if (j['kind'], j['stride'], j['seed'], j['budget']) == ('nearest', 16, 0, 'equal steps'))
    saved = next(r for r in SAVED['rows'] if r['setup'] == 'nearest @16' and r['seed'] == 0)
    row = _run(dict(job, threads=1))
    assert (row['params'], row['gflops'], row['steps']) == (saved['params'], saved['gflops'], saved['steps'])
    for k in ('mean_iou', 'boundary_f1', 'pixel_accuracy'): assert abs(row[k] - saved[k]) <= 0.03, (k, row[k], saved[k])
