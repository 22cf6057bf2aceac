"""In class, `QUICK = True` never hides the results: each measuring notebook, run top to bottom with `QUICK = True` (as
`nbdev-test` and a class do, through `IN_TEST`), still shows the committed full-budget claims, every claim with its
verdict, read from `nbs/results/NAME/result.json`; and those files hold real verdicts from the full budget."""
import json, os, re
from pathlib import Path

import nbformat, pytest
from nbclient import NotebookClient

NBS = Path(__file__).resolve().parent.parent / 'nbs'
MEASURING = {'04_transfer': 'transfer', '06_overfitting': 'ladder', '07_siamese': 'siamese'}
REAL = {'agree', 'disagree', 'inconclusive'}


def committed(name:str) -> dict: return json.loads((NBS / 'results' / name / 'result.json').read_text())


def shown(nb) -> str:
    "All the text a notebook's outputs show (streams, plain text, HTML and Markdown), one string."
    parts = []
    for c in nb.cells:
        for o in c.get('outputs', []):
            if 'text' in o: parts.append(o['text'])
            for k in ('text/plain', 'text/markdown', 'text/html'): parts.append(o.get('data', {}).get(k, ''))
    return '\n'.join(parts)


def missing_claims(text:str, claims:list) -> list:
    "The claims whose text does not appear on one line with their verdict in `text`."
    lines = text.splitlines()
    return [c['claim'] for c in claims
            if not any(c['claim'] in l and re.search(rf"(?<!\w){re.escape(c['verdict'])}(?!\w)", l) for l in lines)]


@pytest.mark.parametrize('name', list(MEASURING.values()))
def test_the_committed_results_are_full_budget_verdicts(name):
    d = committed(name)
    assert d['meta']['budget'] == 'full' and d['claims'], f'{name}: not a full-budget result with claims'
    assert all(c['verdict'] in REAL or c['verdict'].startswith('not meaningful') for c in d['claims']), \
        {c['verdict'] for c in d['claims']}   # never 'too few runs', the quick budget's verdict
    assert any(c['verdict'] in REAL for c in d['claims'])


@pytest.mark.parametrize('name', list(MEASURING.values()))
def test_the_perturbed_rerun_is_committed(name):
    d, p = committed(name), json.loads((NBS / 'results' / name / 'perturbed' / 'result.json').read_text())
    assert p['meta']['budget'] == 'full' and p['meta']['nudge'] == 1e-7 and d['meta']['nudge'] == 0
    assert [c['claim'] for c in p['claims']] == [c['claim'] for c in d['claims']]   # the same design, rerun
    assert {r['seed'] for r in p['rows']} == {r['seed'] for r in d['rows']} and len(p['rows']) == len(d['rows'])
    assert any(a[k] != b[k] for a, b in zip(d['rows'], p['rows']) for k in ('accuracy', 'test_accuracy') if k in a)   # a fresh draw


@pytest.mark.slow
@pytest.mark.parametrize('nb_name', list(MEASURING))
def test_quick_still_shows_the_full_budget_claims(nb_name, monkeypatch):
    monkeypatch.setenv('IN_TEST', '1'); monkeypatch.setenv('OMP_NUM_THREADS', '1'); monkeypatch.setenv('MPLBACKEND', 'Agg')
    nb = nbformat.read(NBS / f'{nb_name}.ipynb', as_version=4)
    NotebookClient(nb, timeout=300, kernel_name='python3', resources={'metadata': {'path': str(NBS)}}).execute()
    text = shown(nb)
    assert re.search(r'QUICK = True', text), 'the notebook did not run in quick mode'
    assert not missing_claims(text, committed(MEASURING[nb_name])['claims']), missing_claims(text, committed(MEASURING[nb_name])['claims'])
    assert re.search(r'perturbed rerun: \d+ of \d+ verdicts the same', text), 'the survival count is not shown'


def test_the_check_can_fail():
    claims = [dict(claim='a beats b', verdict='agree'), dict(claim='c beats d', verdict='disagree')]
    assert missing_claims('| a beats b | 0.1 | agree |\n| c beats d | 0.2 | inconclusive |', claims) == ['c beats d']
    assert missing_claims('| a beats b | agree |\n| c beats d | disagree |', claims) == []
    odd = [dict(claim='e beats f', verdict='not meaningful (an arm is at chance)')]
    assert missing_claims('| e beats f | not meaningful (an arm is at chance) |', odd) == []
    assert missing_claims('| e beats f | not meaningful |', odd) == ['e beats f']
