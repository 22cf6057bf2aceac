"""Same seed, same machine, same results: every registered experiment, run twice at the quick budget, gives identical rows,
summaries and claims (wall-clock timings aside). Across machines only tolerances hold, so nothing here compares with
numbers stored from another machine."""
import inspect, math
import matplotlib.pyplot as plt
import pytest
from archnotes.lab.all import EXPERIMENTS

TIMINGS = {'step_ms', 'time'}   # wall-clock measurements, not results


def strip(rows): return [{k: v for k, v in r.items() if k not in TIMINGS} for r in rows]


def equal(a, b): return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


@pytest.mark.slow
@pytest.mark.parametrize('name', list(EXPERIMENTS))
def test_a_quick_run_is_reproduced_exactly(name):
    run = EXPERIMENTS[name][0]
    kw = {'progress': False} if 'progress' in inspect.signature(run).parameters else {}
    first, second = run(quick=True, **kw), run(quick=True, **kw)
    plt.close('all')
    assert first.rows, name
    for part in ('rows', 'summary', 'claims'):
        a, b = strip(getattr(first, part)), strip(getattr(second, part))
        assert len(a) == len(b), (name, part)
        for ra, rb in zip(a, b):
            assert ra.keys() == rb.keys() and all(equal(ra[k], rb[k]) for k in ra), (name, part, ra, rb)
