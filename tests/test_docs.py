"""The docs site (`python -m archnotes.docs`): built into a temporary folder, every internal link and image resolves, and
every notebook page carries as many figures as the notebook's committed PNG outputs."""
import json, subprocess, sys, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
import pytest
from archnotes.docs import build, modules, notebooks, page_name

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'


class Page(HTMLParser):
    "The links (href, src), the ids and the output images of one HTML page."
    def __init__(self, text):
        super().__init__()
        self.links, self.ids, self.figures = [], set(), []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        for key in ('href', 'src'):
            if a.get(key) is not None: self.links.append(a[key])
        if tag == 'img' and 'output' in (a.get('class') or '').split(): self.figures.append(a.get('src'))


def say(config, text:str):
    "A line in pytest's output even while it captures output, so that CI's log shows it."
    capture = config.pluginmanager.get_plugin('capturemanager')
    if capture is None: return print(text)
    with capture.global_and_fixture_disabled(): print(f'\n{text}', flush=True)


@pytest.fixture(scope='module')
def site(tmp_path_factory, pytestconfig):
    out = tmp_path_factory.mktemp('docs') / '_docs'
    start = time.perf_counter()
    pages = build(out, NBS)
    took = time.perf_counter() - start
    say(pytestconfig, f'docs build: {len(pages)} pages in {took:.1f} s')
    parsed = {rel: Page((out / rel).read_text(encoding='utf-8')) for rel in pages}
    return out, pages, parsed, took


def test_build_is_within_budget(site):
    assert site[3] < 60, f'the docs build took {site[3]:.0f} s; its budget is one minute'


def test_a_page_per_notebook_and_module(site):
    out, pages, _, _ = site
    nbs = notebooks(NBS)
    assert [p.name for p in nbs][0] == 'index.ipynb' and len(nbs) == len(list(NBS.glob('*.ipynb')))
    assert sorted(pages) == sorted([page_name(p) for p in nbs] + [f'api/{m}.html' for m in modules()])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob('*.html')) == sorted(pages)


def test_every_internal_link_resolves(site, pytestconfig):
    out, pages, parsed, _ = site
    checked = 0
    for rel, page in parsed.items():
        here = (out / rel).parent
        for link in page.links:
            url = urlsplit(link)
            if url.scheme or url.netloc: continue   # an external link
            target = (here / unquote(url.path)).resolve() if url.path else (out / rel).resolve()
            assert target.is_file() and out.resolve() in target.parents, f'{rel}: {link} points at no file of the site'
            if url.fragment and target.suffix == '.html':
                ids = parsed[target.relative_to(out.resolve()).as_posix()].ids
                assert url.fragment in ids, f'{rel}: {link} points at no anchor of {target.name}'
            checked += 1
    say(pytestconfig, f'docs: {checked} internal links checked on {len(parsed)} pages')
    assert checked > 20 * len(parsed)   # at least the navigation of every page


def test_every_notebook_page_has_its_figures(site):
    out, _, parsed, _ = site
    total = 0
    for nb in notebooks(NBS):
        cells = json.loads(nb.read_text(encoding='utf-8'))['cells']
        pngs = sum('image/png' in o.get('data', {}) for c in cells for o in c.get('outputs', []))
        figures = parsed[page_name(nb)].figures
        assert len(figures) == pngs, f'{nb.name} has {pngs} PNG outputs but its page shows {len(figures)}'
        for src in figures: assert (out / src).read_bytes()[:8] == b'\x89PNG\r\n\x1a\n', src
        total += pngs
    assert total > 0


def test_index_lists_the_notebooks_in_order(site):
    out, _, parsed, _ = site
    order = [page_name(p) for p in notebooks(NBS) if p.name != 'index.ipynb']
    text = (out / 'index.html').read_text(encoding='utf-8')
    contents = text[text.index('id="notebooks"'):]
    positions = [contents.index(f'href="{p}"') for p in order]
    assert positions == sorted(positions) and len(order) == len(list(NBS.glob('[0-9][0-9]*_*.ipynb')))
    assert sum(not p.startswith('9') for p in (q.name for q in notebooks(NBS)[1:])) >= 9   # 00 to 07, 05 in two parts
    assert contents.index('id="under-the-hood"') > positions[sum(not q.name.startswith('9') for q in notebooks(NBS)[1:]) - 1]


def test_pages_carry_prose_code_and_api(site):
    out = site[0]
    cutting = (out / 'cutting.html').read_text(encoding='utf-8')
    assert '<h1>Cutting a pretrained classifier into a body and a head</h1>' in cutting
    assert 'id="explore_cut"' in cutting   # each exported definition has an anchor
    assert '#|' not in cutting and 'An interactive widget' in cutting
    api = (out / 'api' / 'cutting.html').read_text(encoding='utf-8')
    assert 'id="create_body"' in api and 'href="../cutting.html#create_body"' in api
    assert 'Docs:' not in api


def test_cli_help_and_out(tmp_path):
    help_ = subprocess.run([sys.executable, '-m', 'archnotes.docs', '--help'], capture_output=True, text=True, check=True).stdout
    assert '--out' in help_
    out = tmp_path / 'site'
    run = subprocess.run([sys.executable, '-m', 'archnotes.docs', '--out', str(out)], capture_output=True, text=True, check=True)
    assert f'wrote {len(notebooks(NBS)) + len(modules())} pages' in run.stdout
    assert (out / 'index.html').is_file() and (out / 'style.css').is_file()


def test_every_module_has_an_api_page():
    from test_layout import ORDER   # every exported module, from the ground floor up
    assert sorted(modules()) == sorted(ORDER)
    assert modules()[0] == 'checks' and modules()[-1] == 'lab.siamese'   # the library first, the lab last


def test_refuses_to_empty_a_folder_it_did_not_write(tmp_path):
    (tmp_path / 'notes.txt').write_text('mine')
    with pytest.raises(FileExistsError): build(tmp_path, NBS, mods=['layers'])
    assert (tmp_path / 'notes.txt').read_text() == 'mine'
    build(tmp_path / 'site', NBS, mods=['layers'])
    assert build(tmp_path / 'site', NBS, mods=['layers'])   # its own site it rebuilds
