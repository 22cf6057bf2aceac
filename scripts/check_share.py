"""How much of the library's code checks arguments: per module, in total, and per function.

    python scripts/check_share.py [--functions N] [--all]

Counts, in the function bodies of `archnotes/*.py` (without `checks.py`, where the validators live, and the files
nbdev or hand-written tooling generate), the lines that check:
`raise` and `assert` statements, `if ...: raise` statements (the whole `if`, when every branch only raises), `except`
clauses that raise (but not a callback's `raise Cancel...Exception`, which is control flow), statements that call a `check_*` / `_check*` function (a validator), the header of a `with check_*(...)` block, a validator used as a decorator (counted as a line of the function), and whole `_check*` functions. Docstrings, blank and
comment-only lines do not count on either side. Exits 1 unless the total share is at most 10% and no function
is more than half checks (`--all` adds `archnotes/lab/`).
"""
import argparse, ast, io, sys, tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / 'archnotes'
SKIP = {'checks.py', '_modidx.py', '_nbexport.py', '__init__.py', 'all.py'}
LIMIT, FN_LIMIT, FN_MIN = 0.10, 0.5, 1
TOOLS = {'docs', '__main__'}   # hand-written tools, counted in the total


def code_lines(src: str) -> set[int]:
    "Line numbers that hold code: not blank, not only a comment."
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                            tokenize.ENDMARKER):
            lines.update(range(tok.start[0], tok.end[0] + 1))
    return lines


def span(node) -> set[int]: return set(range(node.lineno, node.end_lineno + 1))


def _is_signal(node) -> bool:
    "`raise CancelFitException` and its kin: a callback's control flow, not a check."
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(exc, ast.Name) and exc.id.startswith('Cancel')


def _only_raises(body) -> bool:
    return bool(body) and all(isinstance(s, ast.Raise) and not _is_signal(s) for s in body)


NOT_CHECKS = {'check_claim'}   # evaluates a claim of an experiment; validates nothing


def _calls_a_check(stmt) -> bool:
    "Whether a simple statement calls a validator (`check_*` / `_check*`) anywhere: `x = check_int('x', x)`."
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ''
            if name.startswith(('check_', '_check')) and name not in NOT_CHECKS: return True
    return False


def check_lines(fn) -> set[int]:
    "The lines of function `fn` that check (see the module docstring)."
    if fn.name.startswith('_check'): return span(fn)
    out = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Raise) and _is_signal(node): continue
        if isinstance(node, (ast.Raise, ast.Assert)): out |= span(node)
        elif isinstance(node, ast.If):
            branches, cur = [node.body], node
            while len(cur.orelse) == 1 and isinstance(cur.orelse[0], ast.If):
                cur = cur.orelse[0]; branches.append(cur.body)
            if cur.orelse: branches.append(cur.orelse)
            if all(_only_raises(b) for b in branches): out |= span(node)
        elif isinstance(node, ast.ExceptHandler) and any(isinstance(s, ast.Raise) for s in node.body):
            out |= span(node)
        elif isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return)) and _calls_a_check(node):
            out |= span(node)
        elif isinstance(node, ast.With) and any(_calls_a_check(item.context_expr) for item in node.items):
            out |= set(range(node.lineno, max(node.lineno + 1, node.body[0].lineno)))   # its header only
    return out


def decorator_checks(fn) -> set[int]:
    "The lines of `fn`'s decorators that are validators (`@check_first_call(...)`): counted as its lines and checks."
    return set().union(*(span(d) for d in fn.decorator_list if _calls_a_check(d)), set())


def body_lines(fn) -> set[int]:
    "The lines of `fn`'s body, without its docstring."
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str): body = body[1:]
    return set().union(*(span(s) for s in body)) if body else set()


def functions(tree):
    "Every function and method, outermost only (a nested function counts as part of its parent)."
    def walk(node, inside):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not inside: yield child
                yield from walk(child, True)
            else: yield from walk(child, inside)
    yield from walk(tree, False)


def measure(path: Path):
    "Per function of the file at `path`: (qualified name, body lines, check lines)."
    src = path.read_text()
    code, rows = code_lines(src), []
    for fn in functions(ast.parse(src)):
        body = (body_lines(fn) | decorator_checks(fn)) & code
        checks = (check_lines(fn) | decorator_checks(fn)) & body
        rows.append((f"{path.stem}.{fn.name}:{fn.lineno}", len(body), len(checks)))
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--functions', type=int, default=10, help='how many of the most check-heavy functions to list')
    ap.add_argument('--all', action='store_true', help='count archnotes/lab/ too')
    a = ap.parse_args(argv)
    files = sorted(p for p in ROOT.glob('*.py') if p.name not in SKIP)
    if a.all: files += sorted(p for p in (ROOT / 'lab').glob('*.py') if p.name not in SKIP)
    total = checks = 0
    fns = []
    print(f"{'module':<16} {'lines':>6} {'checks':>7} {'share':>6}")
    for p in files:
        rows = measure(p)
        n, c = sum(r[1] for r in rows), sum(r[2] for r in rows)
        total, checks = total + n, checks + c
        fns += rows
        print(f"{p.relative_to(ROOT).with_suffix('')!s:<16} {n:>6} {c:>7} {c / max(n, 1):>6.1%}")
    share = checks / max(total, 1)
    print(f"{'total':<16} {total:>6} {checks:>7} {share:>6.1%}   (target: at most {LIMIT:.0%})")
    tools = [r for r in fns if r[0].split('.')[0] in TOOLS]
    n, c = total - sum(r[1] for r in tools), checks - sum(r[2] for r in tools)
    print(f"{'without tools':<16} {n:>6} {c:>7} {c / max(n, 1):>6.1%}   (without {', '.join(sorted(TOOLS))}: "
          "the docs builder and the command line)")
    heavy = sorted((r for r in fns if r[1] >= FN_MIN and r[2] / r[1] > FN_LIMIT), key=lambda r: -r[2] / r[1])
    print(f"functions more than half checks: {len(heavy)}")
    for name, n, c in heavy[:a.functions]: print(f"  {name:<48} {c:>3} of {n:>3}")
    top = sorted(fns, key=lambda r: (-r[2], r[0]))[:a.functions]
    print("most check lines:")
    for name, n, c in top: print(f"  {name:<48} {c:>3} of {n:>3}")
    return 0 if share <= LIMIT and not heavy else 1


if __name__ == '__main__':
    sys.exit(main())
