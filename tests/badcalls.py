"""The harness of the bad-call tables (tests/test_bad_calls_*.py): each case is a bad or borderline call of the public
API, the exception (or warning) it must raise, and words its message must contain, the argument's name among them.

    python tests/badcalls.py     # counts every table's cases: clear, obscure (wrong type or words), silent

A case passes when the call raises `exc` (or a subclass) with every word in the message, or, for a warning class,
warns with them. Anything else is obscure (another exception, or the right one without the words) or silent (no
error, no warning): a silently wrong result.
"""
from __future__ import annotations
import importlib, sys, warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass
class Case:
    id: str
    call: Callable[[], object]
    exc: type
    words: tuple[str, ...] = ()
    def __post_init__(self):
        if isinstance(self.words, str): self.words = (self.words,)


def outcome(case: Case) -> tuple[str, str]:
    "`('clear' | 'obscure' | 'silent', what happened)` for one case."
    warn = issubclass(case.exc, Warning)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try: case.call()
        except (Exception, SystemExit) as e:   # SystemExit: the command line's errors
            ok = not warn and isinstance(e, case.exc) and all(w in str(e) for w in case.words)
            return ('clear' if ok else 'obscure'), f"{type(e).__name__}: {str(e)[:300]}"
    for w in caught:
        if warn and issubclass(w.category, case.exc) and all(x in str(w.message) for x in case.words):
            return 'clear', f"{w.category.__name__}: {str(w.message)[:300]}"
    return 'silent', '; '.join(f"{w.category.__name__}: {str(w.message)[:100]}" for w in caught) or 'no error, no warning'


def check(case: Case):
    "Assert that `case` gets its clear error (for the parametrised tests)."
    kind, what = outcome(case)
    assert kind == 'clear', f"{case.id}: {kind}: {what}; expected {case.exc.__name__} containing {case.words}"


def tables() -> dict[str, list[Case]]:
    here = Path(__file__).parent
    sys.path.insert(0, str(here))
    return {p.stem: importlib.import_module(p.stem).CASES for p in sorted(here.glob('test_bad_calls_*.py'))}


if __name__ == '__main__':
    total = {'clear': 0, 'obscure': 0, 'silent': 0}
    for name, cases in tables().items():
        counts = {'clear': 0, 'obscure': 0, 'silent': 0}
        for c in cases:
            kind, what = outcome(c); counts[kind] += 1
            if kind != 'clear' and '-v' in sys.argv: print(f"  {kind:8} {c.id}: {what}")
        print(f"{name}: {len(cases)} cases: " + ', '.join(f"{v} {k}" for k, v in counts.items()))
        for k in total: total[k] += counts[k]
    n = sum(total.values())
    print(f"all: {n} cases: " + ', '.join(f"{v} {k}" for k, v in total.items()) + f" ({100 * total['clear'] / max(n, 1):.1f}% clear)")
