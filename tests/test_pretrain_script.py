"""scripts/pretrain_body.py reproduces the shipped weights on any CPU: the body is trained in float64, so the result does not
depend on the CPU's rounding beyond a tolerance that any real change (another seed, learning rate, data or architecture)
exceeds by orders of magnitude. The SHA-256 check of the shipped file itself is `load_pretrained_digits`'s."""
import copy, subprocess, sys
from pathlib import Path
import pytest, torch
from archnotes.data import digit_splits, digits
from archnotes.models import DIGITS_WEIGHTS, load_pretrained_digits

ROOT = Path(__file__).resolve().parent.parent


def assert_reproduces(got:dict, ref:dict):
    "`got` is the same pretraining as `ref`: same recipe and digits, source accuracy within 0.5 points, weights close."
    assert (got['seed'], got['epochs']) == (ref['seed'], ref['epochs'])
    assert torch.equal(got['trained_on'], ref['trained_on']), 'trained on other digits'
    torch.testing.assert_close(torch.tensor(got['stats']), torch.tensor(ref['stats']), rtol=1e-5, atol=1e-6)
    assert abs(got['accuracy'] - ref['accuracy']) <= 0.005, (got['accuracy'], ref['accuracy'])
    assert got['state_dict'].keys() == ref['state_dict'].keys()
    for k, v in ref['state_dict'].items(): torch.testing.assert_close(got['state_dict'][k], v, rtol=1e-4, atol=1e-5, msg=k)


@pytest.mark.slow
def test_pretraining_script_reproduces_the_shipped_weights(tmp_path):
    out = tmp_path / DIGITS_WEIGHTS
    subprocess.run([sys.executable, 'scripts/pretrain_body.py', '--out', str(out)], cwd=ROOT, check=True, capture_output=True,
                   env={'OMP_NUM_THREADS': '1', 'PATH': '/usr/bin:/bin'})
    assert_reproduces(torch.load(out, map_location='cpu', weights_only=True), load_pretrained_digits())


def test_the_tolerance_catches_a_real_change():
    ref = load_pretrained_digits()
    assert_reproduces(copy.deepcopy(ref), ref)
    nudged = copy.deepcopy(ref); nudged['state_dict']['layer2.0.conv1.weight'] *= 1.001      # a 0.1% change of one layer
    with pytest.raises(AssertionError): assert_reproduces(nudged, ref)
    other = copy.deepcopy(ref); other['trained_on'] = other['trained_on'][1:]
    with pytest.raises(AssertionError): assert_reproduces(other, ref)


def test_the_shipped_body_never_saw_a_digit_that_is_scored():
    ref, parts = load_pretrained_digits(), digit_splits()
    seen = set(ref['trained_on'].tolist())
    assert seen <= set(parts['pretrain'].tolist()) and not seen & set(parts['test'].tolist())
    for seed in range(10):
        for ds in digits(seed=seed): assert not seen & set(ds.sources.tolist()), seed
