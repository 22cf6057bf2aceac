"""Checks at the edges: at most 10% of the library's function-body lines check arguments, and no function is more
than half checks (scripts/check_share.py, whose table this test prints). The counter is tried on small sources first,
so that each rule it applies can be seen to count."""
import ast, subprocess, sys, textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))
import check_share


def counts(src):
    "`{function: (body lines, check lines)}` for the functions of `src`."
    src = textwrap.dedent(src)
    code, tree = check_share.code_lines(src), ast.parse(src)
    out = {}
    for fn in check_share.functions(tree):
        body = (check_share.body_lines(fn) | check_share.decorator_checks(fn)) & code
        out[fn.name] = (len(body), len((check_share.check_lines(fn) | check_share.decorator_checks(fn)) & body))
    return out


def test_the_counter_counts_each_kind_of_check():
    c = counts('''
        def f(n_out, lr):
            "A docstring is not a line."
            n_out = check_int('n_out', n_out, lo=1)      # a validator, assigned
            if lr <= 0:
                raise ValueError('lr must be > 0')       # if ... raise: two lines
            # a comment is not a line
            return n_out * lr
        def _check_thing(x):
            y = x + 1
            return y
        def g(x):
            try: y = 1 / x
            except ZeroDivisionError: raise ValueError('x must not be 0')
            with check_step(x): z = y
            return z
        @check_first_call(validate)
        def h(x): return x
        def k(self):
            raise CancelFitException                     # control flow, not a check
        ''')
    assert c['f'] == (4, 3)
    assert c['_check_thing'] == (2, 2)                   # a whole _check function
    assert c['g'] == (4, 2)                              # the except clause, the with header
    assert c['h'] == (2, 1)                              # a validator as decorator
    assert c['k'] == (1, 0)


def test_at_most_a_tenth_checks_and_no_function_over_half():
    p = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'check_share.py'), '--functions', '5'],
                       capture_output=True, text=True)
    print(p.stdout)
    assert p.returncode == 0, p.stdout + p.stderr
    assert 'functions more than half checks: 0' in p.stdout
