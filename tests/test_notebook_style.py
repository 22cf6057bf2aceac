"""How the notebooks read: short exported cells with short lines, and a questionnaire with answers in each.

Checked on the .ipynb JSON itself, for every notebook in nbs/; the helpers are tested on synthetic cells too, so
that each check is known to fail when it should.
"""
import json, re
from pathlib import Path

import pytest

NBS = Path(__file__).resolve().parent.parent / 'nbs'
NOTEBOOKS = sorted(NBS.glob('*.ipynb'))
LESSONS = [p for p in NOTEBOOKS if not re.match(r'9\d_', p.name)]   # the appendices (90 onwards) are not lessons
MAX_CELL_LINES, MAX_LINE = 40, 100


def cell_source(cell) -> str:
    src = cell['source']
    return ''.join(src) if isinstance(src, list) else src


def exported_cells(nb) -> list:
    "The code cells whose first line is an nbdev export directive (`#| export`, with or without a module)."
    return [c for c in nb['cells'] if c['cell_type'] == 'code'
            and re.match(r'#\|\s*export\b', cell_source(c).split('\n', 1)[0])]


def long_cells(nb) -> list:
    "`(id, lines)` of every exported cell longer than `MAX_CELL_LINES` lines."
    return [(c.get('id'), n) for c in exported_cells(nb) if (n := len(cell_source(c).split('\n'))) > MAX_CELL_LINES]


def long_lines(nb) -> list:
    "`(id, line number, length)` of every line of an exported cell longer than `MAX_LINE` characters."
    return [(c.get('id'), i + 1, len(l)) for c in exported_cells(nb)
            for i, l in enumerate(cell_source(c).split('\n')) if len(l) > MAX_LINE]


def questionnaire(nb) -> str:
    "The markdown of the notebook's `## Questionnaire` section (up to the next `## ` heading), or ''."
    text = '\n\n'.join(cell_source(c) for c in nb['cells'] if c['cell_type'] == 'markdown')
    m = re.search(r'^## Questionnaire\b.*?$(.*?)(?=^## |\Z)', text, re.M | re.S)
    return m.group(1) if m else ''


def answers(section:str) -> list[str]:
    "The text of each `<details>` block's answer (what follows its `<summary>`), stripped."
    return [a.strip() for a in re.findall(r'<details>\s*<summary>.*?</summary>(.*?)</details>', section, re.S)]


def load(path): return json.loads(Path(path).read_text())


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_exported_cells_are_short(path):
    assert not long_cells(load(path)), f'{path.name}: exported cells over {MAX_CELL_LINES} lines (id, lines)'


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_exported_lines_are_short(path):
    assert not long_lines(load(path)), f'{path.name}: exported lines over {MAX_LINE} characters (id, line, length)'


@pytest.mark.parametrize('path', LESSONS, ids=lambda p: p.stem)
def test_questionnaire_with_answers(path):
    section = questionnaire(load(path))
    assert section, f'{path.name} has no "## Questionnaire" section'
    found = answers(section)
    assert len(found) >= 4, f'{path.name}: {len(found)} answered questions in its questionnaire, expected at least 4'
    assert all(found), f'{path.name}: a <details> block of its questionnaire has an empty answer'
    assert section.count('<details>') == len(found), f'{path.name}: a <details> block is not closed'


def _nb(*cells):
    return {'cells': [dict(cell_type=kind, id=f'c{i}', metadata={}, source=src) for i, (kind, src) in enumerate(cells)]}


def test_the_checks_can_fail():
    long_cell = '#| export\n' + '\n'.join(f'x{i} = {i}' for i in range(40))            # 41 lines
    wide = '#| export layers\ny = "' + 'a' * 100 + '"'
    nb = _nb(('code', long_cell), ('code', wide), ('code', 'z = "' + 'b' * 200 + '"'),   # not exported: ignored
             ('markdown', '#| export\n' + 'c' * 200))                                   # markdown: ignored
    assert long_cells(nb) == [('c0', 41)]
    assert long_lines(nb) == [('c1', 2, len(wide.split('\n')[1]))]
    assert long_cells(_nb(('code', '#| export\n' + '\n'.join(['x = 1'] * 39)))) == []  # exactly 40 lines is fine
    ok = _nb(('markdown', '## Summary\n\ntext'),
             ('markdown', '## Questionnaire\n\n' + '\n\n'.join(
                 f'**{i}. Q?**\n\n<details><summary>Answer</summary>\n\nA{i}.\n\n</details>' for i in range(4))),
             ('markdown', '## Exercises\n\n<details><summary>Answer</summary>\n\n</details>'))
    assert answers(questionnaire(ok)) == ['A0.', 'A1.', 'A2.', 'A3.']                  # the exercises' block is not counted
    empty = _nb(('markdown', '## Questionnaire\n\n<details><summary>Answer</summary>\n\n  \n\n</details>'))
    assert answers(questionnaire(empty)) == ['']
    assert questionnaire(_nb(('markdown', '## Questions\n\n1. Why?'))) == ''


def validators_in_place(nb, name:str) -> bool:
    """Whether the validators stay in their appendix: only `90_checks` defines them (it exports `archnotes.checks`);
    a lesson that calls them imports them with `from archnotes.checks import *` before its first code that runs, so
    a widget or a cell run later finds them (a cut explorer once hit a NameError without it)."""
    cells = [cell_source(c) for c in nb['cells'] if c['cell_type'] == 'code']
    if name.startswith('90_'): return True
    if any(re.match(r'#\|\s*export checks\b', s) for s in cells): return False
    if not re.match(r'\d\d', name): return True
    first_run = next((i for i, s in enumerate(cells) if not re.match(r'#\|\s*(default_exp|export)\b', s)), len(cells))
    return any('from archnotes.checks import *' in s for s in cells[:first_run + 1])


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_validators_live_in_their_appendix(path):
    assert validators_in_place(load(path), path.stem), (f'{path.name}: validators belong in 90_checks, and a lesson imports '
                                                         'them with `from archnotes.checks import *` before it runs code')


def test_the_validators_check_can_fail():
    assert not validators_in_place(_nb(('code', '#| export checks\ndef check_x(v): return v')), '01_x')
    assert not validators_in_place(_nb(('code', '#| export\nimport torch'), ('code', 'x = 1'),
                                       ('code', 'from archnotes.checks import *')), '01_x')
    assert validators_in_place(_nb(('code', '#| export\nimport torch'), ('code', '#| hide\nfrom archnotes.checks import *'),
                                   ('code', 'x = 1')), '01_x')
    assert validators_in_place(_nb(('code', '#| export\ndef check_x(v): return v')), '90_checks')


def headings(nb) -> set:
    "The `## ` headings of a notebook's markdown cells."
    return {l[3:].strip() for c in nb['cells'] if c['cell_type'] == 'markdown'
            for l in cell_source(c).splitlines() if l.startswith('## ')}


@pytest.mark.parametrize('path', [p for p in LESSONS if p.name != 'index.ipynb'], ids=lambda p: p.stem)
def test_a_lesson_ends_with_summary_questions_and_exercises(path):
    missing = {'Summary', 'Questionnaire', 'Exercises'} - headings(load(path))
    assert not missing, f'{path.name} has no {sorted(missing)} section'


def test_the_sections_check_can_fail():
    assert headings(_nb(('markdown', '## Summary\n\ntext'), ('code', '## Exercises'))) == {'Summary'}
