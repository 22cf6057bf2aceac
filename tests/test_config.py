"""pyproject.toml is the single source of truth; settings.ini (nbdev 2) and setup.py must not drift from it."""
import configparser, subprocess, sys, tomllib
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope='module')
def pyproject(): return tomllib.loads((ROOT / 'pyproject.toml').read_text())


@pytest.fixture(scope='module')
def ini():
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(ROOT / 'settings.ini')
    return cp['DEFAULT']


def version():
    import archnotes
    return archnotes.__version__


def test_version_comes_from_the_package(pyproject):
    assert pyproject['project']['dynamic'] == ['version']
    assert pyproject['tool']['setuptools']['dynamic']['version'] == {'attr': 'archnotes.__version__'}


def test_settings_ini_matches_pyproject(pyproject, ini):
    proj, nbdev = pyproject['project'], pyproject['tool']['nbdev']
    defaults = __import__('nbdev.config', fromlist=['nbdev_defaults']).nbdev_defaults
    assert ini['lib_name'] == proj['name'] == ini['repo']
    assert ini['version'] == version()
    assert ini['description'] == proj['description']
    assert ini['keywords'].split() == proj['keywords']
    assert ini['author'] == proj['authors'][0]['name'] and ini['author_email'] == proj['authors'][0]['email']
    assert '>=' + ini['min_python'] == proj['requires-python']
    assert ini['requirements'].split() == proj['dependencies']
    assert ini['dev_requirements'].split() == proj['optional-dependencies']['dev']
    assert ini['git_url'] == proj['urls']['Repository']
    assert ini['doc_host'] + ini['doc_baseurl'] == proj['urls'].get('Documentation', '')   # none: the docs site is built locally
    assert ini['lib_path'] == pyproject['tool']['setuptools']['packages']['find']['include'][0]
    for key in ('nbs_path', 'doc_path', 'tst_flags', 'readme_nb', 'recursive', 'clean_ids', 'clear_all', 'jupyter_hooks'):
        expected = nbdev.get(key, defaults[key])
        got = ini[key]
        if isinstance(expected, bool): got = {'true': True, 'false': False}[got.lower()]
        assert got == expected, f'settings.ini {key}={ini[key]!r} but pyproject.toml says {expected!r}'


def test_nbdev_reads_the_same_settings(ini):
    from nbdev.config import get_config
    cfg = get_config(ROOT)
    assert cfg.export_procs == ['archnotes._nbexport:fresh_targets']   # keeps nbdev-export repeatable
    assert cfg.config_file == ROOT / 'pyproject.toml'
    assert cfg.lib_name == ini['lib_name'] and cfg.version == ini['version']
    assert cfg.lib_path == ROOT / ini['lib_path'] and cfg.nbs_path == ROOT / ini['nbs_path']
    assert cfg.tst_flags == ini['tst_flags']


def test_setup_py_agrees(pyproject):
    out = subprocess.run([sys.executable, 'setup.py', '--name', '--version'], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = out.stdout.split()
    assert lines[-2:] == [pyproject['project']['name'], version()], out.stdout


def test_readme_is_current():
    out = subprocess.run([sys.executable, '.ci/make_readme.py', '--check'], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_readme_states_the_two_commands():
    readme = (ROOT / 'README.md').read_text()
    assert '```bash\njupyter lab nbs\n```' in readme          # a student opens the notebooks
    assert '`python -m archnotes`' in readme                    # and can run every experiment
    assert 'pip install -e ".[dev]" && export OMP_NUM_THREADS=1 && nbdev-test && pytest' in readme


def test_the_wheel_ships_the_pretrained_weights(tmp_path):
    import zipfile
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel, = tmp_path.glob('archnotes-*.whl')
    assert 'archnotes/weights/digits_small_resnet.pt' in zipfile.ZipFile(wheel).namelist()
