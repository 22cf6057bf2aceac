"""Sizes a class can read, counted from the committed notebooks: every lesson (the chapter notebooks, 00 to 89) at most
1,800 words of prose, a mean sentence of at most 20 words, a first figure within its first 12 cells; all of them
together at most 11,000 words. Words are counted as the lesson-size tool counts them: markdown without code blocks,
tables and folded (`<details>`) answers. `pytest -s tests/test_lesson_size.py` prints the table."""
import json, re
from pathlib import Path

import pytest

NBS = Path(__file__).resolve().parent.parent / 'nbs'
MAX_WORDS, MAX_TOTAL, MAX_SENTENCE, FIRST_FIGURE_BY = 1800, 11_000, 20, 11   # figure at cell index 0..11
WORD = r"[A-Za-z0-9][\w'’-]*"


def lessons() -> list:
    "The chapter notebooks: numbered below 90 (`00_data`, `05a_decoders`, ...)."
    return sorted(p for p in NBS.glob('*.ipynb') if (m := re.match(r'(\d\d)[a-z]?_', p.name)) and int(m.group(1)) < 90)


def prose(cells) -> str:
    "The markdown of `cells` without code blocks, folded answers and tables."
    text = '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')
    text = re.sub(r'```.*?```', ' ', text, flags=re.S)
    text = re.sub(r'<details>.*?</details>', ' ', text, flags=re.S)
    return re.sub(r'\|.*\|', ' ', text)


def size(cells) -> dict:
    "Words, mean sentence length, index of the first cell with a figure, and the number of figures."
    text = prose(cells)
    p = re.sub(r'`[^`]*`', 'x', text)
    p = re.sub(r'^\s*[#>*-].*$', lambda m: m.group(0) + '.', p, flags=re.M)   # headings and items end a sentence
    sents = [s for s in re.split(r'(?<=[.!?])\s+|\n\s*\n', p) if len(re.findall(r'\w+', s)) >= 3]
    figs = [sum(any(k in o.get('data', {}) for k in ('image/png', 'image/svg+xml')) for o in c.get('outputs', []))
            for c in cells]
    return dict(words=len(re.findall(WORD, text)),
                sentence=sum(len(re.findall(WORD, s)) for s in sents) / max(len(sents), 1),
                first_figure=next((i for i, n in enumerate(figs) if n), None), figures=sum(figs))


SIZES = {p.stem: size(json.loads(p.read_text())['cells']) for p in lessons()}


def test_print_the_sizes():
    print(f"\n{'lesson':22} {'words':>6} {'sentence':>9} {'first figure':>13} {'figures':>8}")
    for k, s in SIZES.items():
        print(f"{k:22} {s['words']:6} {s['sentence']:9.1f} {str(s['first_figure']):>13} {s['figures']:8}")
    print(f"{'all lessons':22} {sum(s['words'] for s in SIZES.values()):6}")
    assert len(SIZES) >= 9   # 00 to 07, with 05 in two parts


@pytest.mark.parametrize('name', list(SIZES))
def test_a_lesson_a_class_can_read(name):
    s = SIZES[name]
    assert s['words'] <= MAX_WORDS, f"{name}: {s['words']} words, at most {MAX_WORDS}"
    assert s['sentence'] <= MAX_SENTENCE, f"{name}: sentences of {s['sentence']:.1f} words on average, at most {MAX_SENTENCE}"
    assert s['figures'] >= 1 and s['first_figure'] <= FIRST_FIGURE_BY, \
        f"{name}: first figure at cell {s['first_figure']}, expected one within the first {FIRST_FIGURE_BY + 1} cells"


def test_the_lessons_together():
    total = sum(s['words'] for s in SIZES.values())
    assert total <= MAX_TOTAL, f'the lessons hold {total} words together, at most {MAX_TOTAL}'


def _md(s): return dict(cell_type='markdown', source=[s])


def test_the_counting_can_fail():
    s = size([_md('# Title\n\nOne two three four. Five six seven.\n\n| a | b |\n|---|---|\n| x y z | w |\n\n'
                  '```python\nx = 1 + 2\n```\n\n<details><summary>Answer</summary>\n\nHidden words here.\n\n</details>'),
              dict(cell_type='code', source=['x'], outputs=[dict(data={'image/png': ''})])])
    assert s['words'] == 8 and s['first_figure'] == 1 and s['figures'] == 1   # Title + seven words; not the table, code or answer
    assert size([_md(' '.join(['word'] * 30) + '.')])['sentence'] == 30
    assert size([_md('No figure here at all.')])['first_figure'] is None
