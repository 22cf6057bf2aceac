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
    assert files == ['digit_scenes.png', 'digits.png', 'table.csv', 'table.md']
    assert (tmp_path / 'data' / 'table.csv').read_text().startswith('data,split,images')


def test_claims_are_saved_with_the_table(tmp_path):
    from archnotes.__main__ import save
    from archnotes.lab.core import Result
    folder = save('demo', Result([{'a': 1.5}], claims=['first verdict.', 'second verdict.']), tmp_path)
    text = (folder / 'table.md').read_text()
    assert text.startswith('| a   |') and 'first verdict.' in text and 'second verdict.' in text
