"""In class, in a real browser: every notebook opened in JupyterLab and run top to bottom in quick mode by headless
Chromium (Playwright), its widgets used live, a screenshot of each; and the docs site opened from disk.

Marked `lab`; needs Playwright (`pip install -e ".[dev]"`) and a Chromium: Debian's `chromium` package (`.ci/run`
installs it), or one named by $CHROMIUM; without them it fails in CI and is skipped elsewhere. JupyterLab serves a copy
of nbs/ with autosave off, so the committed notebooks never change; it runs in its own process group, killed whatever
happens. Screenshots go to results/browser/ (or $BROWSER_SHOTS), and the run time of each notebook is printed."""
import hashlib, json, os, secrets, shutil, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

pytestmark = pytest.mark.lab
ROOT = Path(__file__).resolve().parent.parent
NBS = sorted(p.name for p in (ROOT / 'nbs').glob('*.ipynb'))
RUN_TIMEOUT = 240   # seconds for one notebook's run-all; all of them together take far less
def digest(path:Path) -> str: return hashlib.sha256(path.read_bytes()).hexdigest()
BEFORE = {p.name: digest(p) for p in (ROOT / 'nbs').glob('*.ipynb')}   # at collection


def say(config, text:str):
    "A line in pytest's output even while it captures output, so that CI's log shows it."
    capture = config.pluginmanager.get_plugin('capturemanager')
    if capture is None: return print(text)
    with capture.global_and_fixture_disabled(): print(f'\n{text}', flush=True)


def missing(what:str):
    "Fail in CI, which installs everything the test needs; elsewhere skip, saying what to install."
    (pytest.fail if os.environ.get('CI') else pytest.skip)(f'{what} (.ci/run installs it)')


def chromium() -> str:
    path = os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('chromium-browser')
    if not path: missing('no Chromium: apt-get install chromium, or set $CHROMIUM')
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def settings(folder:Path):
    "User settings for this server only: no autosave, no news or update checks, every cell in the DOM, cell timings kept."
    for plugin, values in {'@jupyterlab/docmanager-extension/plugin': {'autosave': False},
                           '@jupyterlab/apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False},
                           '@jupyterlab/notebook-extension/tracker': {'windowingMode': 'none', 'recordTiming': True}}.items():
        f = folder / (plugin + '.jupyterlab-settings')
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))


@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "A JupyterLab server on a free local port over a copy of nbs/, in quick mode; yields its base URL and token."
    tmp = tmp_path_factory.mktemp('lab')
    shutil.copytree(ROOT / 'nbs', tmp / 'nbs')
    settings(tmp / 'settings')
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}   # kernels draw inline figures
    env.update(IN_TEST='1', OMP_NUM_THREADS='1', JUPYTERLAB_SETTINGS_DIR=str(tmp / 'settings'),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / 'workspaces'), JUPYTER_RUNTIME_DIR=str(tmp / 'runtime'))
    log = (tmp / 'jupyterlab.log').open('w')
    cmd = [sys.executable, '-m', 'jupyter', 'lab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
           f'--ServerApp.token={token}', f'--ServerApp.root_dir={tmp}', '--ServerApp.port_retries=0',
           '--LabApp.expose_app_in_browser=True', '--LabApp.news_url=None', '--allow-root']
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f'http://127.0.0.1:{port}'
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f'{url}/api/status?token={token}', timeout=2): break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f'JupyterLab did not start:\n{(tmp / "jupyterlab.log").read_text()[-3000:]}')
                time.sleep(0.5)
        yield url, token, tmp
    finally:   # the server's process group, then the kernels, which jupyter_client starts in sessions of their own
        kernels = descendants(proc.pid)
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try: os.killpg(proc.pid, sig)
            except ProcessLookupError: break
            try:
                proc.wait(wait)
                break
            except subprocess.TimeoutExpired: pass
        for pid in kernels:
            try: os.killpg(pid, signal.SIGKILL)   # left over only if the server could not shut them down
            except (ProcessLookupError, PermissionError): pass
        log.close()


def descendants(pid:int) -> list:
    "The process ids below `pid` (read from /proc)."
    parent = {}
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try: fields = stat.read_text().rsplit(')', 1)[1].split()
        except OSError: continue
        parent[int(stat.parent.name)] = int(fields[1])
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        kids = [c for c, p in parent.items() if p == here]
        found += kids; todo += kids
    return found


@pytest.fixture(scope='module')
def browser():
    try: from playwright.sync_api import sync_playwright
    except ImportError: missing('no Playwright: pip install -e ".[dev]"')
    path = chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=['--no-sandbox', '--disable-gpu'])
        try: yield b
        finally: b.close()


@pytest.fixture(scope='module')
def shots(pytestconfig):
    folder = Path(os.environ.get('BROWSER_SHOTS') or ROOT / 'results' / 'browser')
    folder.mkdir(parents=True, exist_ok=True)
    say(pytestconfig, f'browser test screenshots: {folder}')
    return folder


# --- in the page: `window.jupyterapp` (the server runs with expose_app_in_browser)
STATE = r"""() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const outs = cells.map(c => c.model.outputs.toJSON()).flat();
  const tops = cells.flatMap(c => Array.from(c.node.querySelectorAll('.jp-OutputArea-output')))   // a cell's own outputs,
                    .filter(o => !o.parentElement.closest('.jp-OutputArea-output'));                // not those inside a widget
  const times = cells.map(c => c.model.getMetadata('execution')).filter(e => e && e['iopub.status.busy'] && e['shell.execute_reply']);
  return {
    kernel: panel.sessionContext.session ? panel.sessionContext.session.kernel.status : 'none',
    code: cells.length,
    done: cells.filter(c => c.model.executionCount !== null).length,
    errors: cells.flatMap((c, i) => c.model.outputs.toJSON().filter(o => o.output_type === 'error').map(o =>
              `code cell ${i + 1} (${c.model.sharedModel.getSource().split('\n')[0]}): ${o.ename}: ${o.evalue}\n` +
              o.traceback.slice(-3).join('\n').replace(/\x1b\[[0-9;]*m/g, ''))),
    widgets: outs.filter(o => o.data && o.data['application/vnd.jupyter.widget-view+json']).length,
    live: tops.filter(o => o.querySelector('.jupyter-widgets')).length,
    fallback: tops.filter(o => /(^|\n)(VBox|HBox|IntSlider|Dropdown|FloatProgress)\(|Error displaying widget/.test(o.innerText)).length,
    seconds: times.length ? (Math.max(...times.map(e => Date.parse(e['shell.execute_reply']))) -
                             Math.min(...times.map(e => Date.parse(e['iopub.status.busy'])))) / 1000 : null,
  };
}"""
PROGRESS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return {kernel: panel.sessionContext.session ? panel.sessionContext.session.kernel.status : 'none', code: cells.length,
          done: cells.filter(c => c.model.executionCount !== null).length,
          errors: cells.filter(c => c.model.outputs.toJSON().some(o => o.output_type === 'error')).length};
}"""   # cheap, polled while the notebook runs; STATE (which reads the page's text) once it is done
# the live widgets each notebook shows once run in quick mode (progress bars close themselves when done)
LIVE = {'02_cutting.ipynb': 1, '05b_decoder_claims.ipynb': 1, '06_overfitting.ipynb': 1}
LANES = 2   # notebooks run at once: two single-threaded kernels on CI's two cores
FIRST = ['05b_decoder_claims.ipynb', '06_overfitting.ipynb', '04_transfer.ipynb']   # the longest, started first so the lanes end together


def open_notebook(browser, lab, name):
    url, token, _ = lab
    page = browser.new_page(viewport={'width': 1400, 'height': 1000})
    page.goto(f'{url}/lab/tree/nbs/{name}?reset&token={token}')
    page.wait_for_function("""() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;
        return w && w.sessionContext && w.context && w.context.isReady && w.sessionContext.session &&
               w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle'; }""", timeout=90_000)
    return page


def widget_output(page, selector):
    "The text and images of the live widget output (ipywidgets' Output) next to the control at `selector`."
    return page.evaluate("""(sel) => { const box = document.querySelector(sel).closest('.jp-OutputArea-output');
        const out = box.querySelector('.widget-output');
        return {text: out.innerText, imgs: Array.from(out.querySelectorAll('img')).map(i => i.src.length + ':' + i.src.slice(-64))}; }""",
                         selector)


def use_widgets(page, name):
    "Change each notebook's interactive widget and check that what it shows changes."
    if name == '02_cutting.ipynb':   # the cut explorer: a new architecture, a new body
        sel = '.widget-dropdown select'
        page.locator(sel).scroll_into_view_if_needed()
        before = widget_output(page, sel)['text']
        assert 'body output' in before, before
        page.locator(sel).select_option('resnet18')
        page.wait_for_function("""(b) => { const o = document.querySelector('.widget-dropdown select').closest('.jp-OutputArea-output')
            .querySelector('.widget-output'); return o.innerText !== b && o.innerText.includes('body output'); }""", arg=before, timeout=60_000)
        after = widget_output(page, sel)['text']
        assert 'body output: (512, 7, 7)' in after and after != before, after
    elif name == '05b_decoder_claims.ipynb':   # the decoder viewer: another scene, another figure
        sel = '.widget-slider'
        page.locator(sel).first.scroll_into_view_if_needed()
        before = widget_output(page, sel)['imgs']
        assert len(before) == 1, f'the decoder viewer shows {len(before)} figures, not one'
        page.locator(f'{sel} .noUi-handle').first.focus()
        page.keyboard.press('ArrowRight')
        page.wait_for_function("""(b) => { const imgs = document.querySelector('.widget-slider').closest('.jp-OutputArea-output')
            .querySelectorAll('.widget-output img'); return imgs.length === 1 && !b.includes(imgs[0].src.length + ':' + imgs[0].src.slice(-64)); }""",
                               arg=before, timeout=60_000)   # one figure, a new one
        assert page.locator('.widget-slider .widget-readout').first.inner_text().strip() == '1'
    elif name == '06_overfitting.ipynb':   # the ladder stepper: tick a remedy, train, see the curves
        box = page.locator('.widget-checkbox', has_text='batchnorm')
        box.scroll_into_view_if_needed()
        box.locator('input').check()
        page.locator('button.jupyter-button', has_text='train').click()
        page.wait_for_function("""() => { const o = document.querySelector('button.jupyter-button').closest('.jp-OutputArea-output')
            .querySelector('.widget-output'); return o.querySelectorAll('img').length === 1 && o.innerText.includes('batchnorm'); }""",
                               timeout=120_000)
    else: page.evaluate("() => { const c = window.jupyterapp.shell.currentWidget.content.widgets; c[c.length - 1].node.scrollIntoView(); }")


def finish(page, name, state, shots) -> dict:
    "Check the widgets of a notebook that has run, take its screenshot and shut its kernel down."
    result = dict(state=state, widget_error=None)
    try:
        if not state['errors'] and state['live'] == LIVE.get(name, 0): use_widgets(page, name)
    except Exception as e: result['widget_error'] = f'{type(e).__name__}: {e}'
    try: page.screenshot(path=str(shots / (Path(name).stem + '.png')))
    finally: close(page)
    return result


def close(page):
    "Shut down the page's kernel (the next notebook needs the core), then close it."
    try: page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    except Exception: pass   # the server shuts down what is left
    finally: page.close()


@pytest.fixture(scope='module')
def runs(browser, lab, shots, pytestconfig):
    "Every notebook opened in JupyterLab and run all, `LANES` at a time: {name: its result, or the error that stopped it}."
    queue = [n for n in FIRST if n in NBS] + [n for n in NBS if n not in FIRST]
    results, active = {}, {}   # active: name -> [page, deadline, idle polls]
    start = time.perf_counter()
    while queue or active:
        while queue and len(active) < LANES:
            name = queue.pop(0)
            try:
                page = open_notebook(browser, lab, name)
                page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
                active[name] = [page, time.monotonic() + RUN_TIMEOUT, 0]
            except Exception as e: results[name] = f'could not open and run it: {type(e).__name__}: {e}'
        for name, slot in list(active.items()):
            page, deadline, idle = slot
            try:
                s = page.evaluate(PROGRESS)
                slot[2] = idle + 1 if s['kernel'] == 'idle' and (s['done'] == s['code'] or s['errors']) else 0
                if slot[2] >= 3:   # idle for three polls running: nothing left queued
                    del active[name]
                    results[name] = finish(page, name, page.evaluate(STATE), shots)
                elif time.monotonic() > deadline:
                    del active[name]
                    results[name] = f'not done after {RUN_TIMEOUT} s ({s["done"]} of {s["code"]} cells executed)'
                    close(page)
            except Exception as e:
                active.pop(name, None)
                results[name] = f'{type(e).__name__}: {e}'
                close(page)
        time.sleep(0.5)
    times = {n: r['state']['seconds'] for n, r in results.items() if isinstance(r, dict) and r['state']['seconds'] is not None}
    say(pytestconfig, f'run all in JupyterLab, quick mode, {LANES} at a time: ' + ', '.join(f'{n} {t:.1f} s' for n, t in sorted(times.items())) +
          f'; sum {sum(times.values()):.0f} s; all {len(NBS)} notebooks opened, run and checked in {time.perf_counter() - start:.0f} s')
    return results


@pytest.mark.parametrize('name', NBS)
def test_notebook_runs_in_jupyterlab(runs, name):
    r = runs[name]
    assert isinstance(r, dict), f'{name}: {r}'
    s = r['state']
    assert not s['errors'], f'{name}: ' + '\n'.join(s['errors'])
    assert s['done'] == s['code'] > 0, f'{name}: {s["done"]} of {s["code"]} code cells executed'
    assert s['fallback'] == 0, f'{name}: a widget shown as text, not live: {s}'
    assert s['live'] == LIVE.get(name, 0), f'{name}: {s["live"]} live widgets, expected {LIVE.get(name, 0)} (see LIVE): {s}'
    assert r['widget_error'] is None, f'{name}: {r["widget_error"]}'


def test_committed_notebooks_unchanged(runs):
    "JupyterLab served a copy with autosave off: the notebooks in nbs/ are as they were (and git agrees)."
    changed = [name for name in NBS if digest(ROOT / 'nbs' / name) != BEFORE[name]]
    assert not changed, f'changed on disk while the test ran: {changed}'


def test_docs_site_in_the_browser(browser, tmp_path, shots):
    from archnotes.docs import build
    build(tmp_path / '_docs', ROOT / 'nbs')
    page = browser.new_page(viewport={'width': 1400, 'height': 1000})
    try:
        page.goto((tmp_path / '_docs' / 'index.html').as_uri())
        assert page.title() == 'archnotes - archnotes'
        page.locator('main a[href="cutting.html"]').click()
        page.wait_for_url('**/cutting.html')
        assert page.locator('h1').inner_text().startswith('Cutting a pretrained classifier')
        page.locator('nav a[href="overfitting.html"]').click()
        page.wait_for_url('**/overfitting.html')
        imgs = page.locator('img.output')
        assert imgs.count() > 0
        for i in range(imgs.count()):
            imgs.nth(i).scroll_into_view_if_needed()
            page.wait_for_function('(i) => i.complete && i.naturalWidth > 0', arg=imgs.nth(i).element_handle(), timeout=10_000)
        page.screenshot(path=str(shots / 'docs_overfitting.png'))
        page.locator('nav a[href="api/cutting.html"]').click()
        page.wait_for_url('**/api/cutting.html')
        page.locator('a[href="../cutting.html#create_body"]').first.click()
        page.wait_for_url('**/cutting.html#create_body')
    finally: page.close()
