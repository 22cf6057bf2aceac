"""`python -m archnotes`: the README's first command."""
import subprocess, sys
import pytest
from archnotes.__main__ import EXPERIMENTS, main, select


def run(*args, cwd=None):
    return subprocess.run([sys.executable, '-m', 'archnotes', *args], capture_output=True, text=True, cwd=cwd)


def test_help_lists_options_and_experiments():
    out = run('--help')
    assert out.returncode == 0
    for word in ('--quick', '--only', '--out', *EXPERIMENTS): assert word in out.stdout


def test_unknown_experiment_suggests_the_nearest():
    out = run('--only', 'trainig')
    assert out.returncode != 0 and "Did you mean 'training'" in out.stderr


def test_select():
    assert select(None) == list(EXPERIMENTS)
    assert select(['training,data']) == ['training', 'data']
    with pytest.raises(SystemExit): select(['nope'])


def test_every_registered_experiment_exists():
    import inspect
    for name, (f, desc) in EXPERIMENTS.items():
        assert 'quick' in inspect.signature(f).parameters and f.__doc__ and desc, name
        assert f.__module__ == f'archnotes.lab.{f.__module__.split(".")[-1]}', (name, f.__module__)


def test_quick_run_writes_tables_and_figures(tmp_path, capsys):
    assert main(['--quick', '--only', 'data', '--out', str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert '| digit_scenes | train' in out
    files = sorted(p.name for p in (tmp_path / 'data').iterdir())
    assert files == ['digit_scenes.png', 'digits.png', 'result.json', 'table.csv', 'table.md']
    assert (tmp_path / 'data' / 'table.csv').read_text().startswith('data,split,images')
    from archnotes.lab.core import Result
    res = Result.load(tmp_path / 'data' / 'result.json')   # what a notebook reads back
    assert res.meta['budget'] == 'quick' and res.meta['command'].endswith('--quick --only data') and len(res.rows) == 6


def test_claims_are_saved_with_the_table(tmp_path):
    from archnotes.__main__ import save
    from archnotes.lab.core import Result
    claims = [dict(claim='more is better', metric='acc', diff=0.1, ci95='[+0.0500, +0.1500]', p=0.01, n=5, verdict='agree'),
              dict(claim='less is better', metric='acc', diff=0.0, ci95='[-0.1000, +0.1000]', p=1.0, n=5, verdict='inconclusive')]
    folder = save('demo', Result([{'a': 1.5}], claims=claims), tmp_path)
    text = (folder / 'table.md').read_text()
    assert text.startswith('| a   |') and '| more is better |' in text and 'agrees with the book on: more is better.' in text
    assert (folder / 'claims.csv').read_text().splitlines()[0] == 'claim,metric,diff,ci95,p,n,verdict'
    assert not (save('plain', Result([{'a': 1}]), tmp_path) / 'claims.csv').exists()
