"""The library's layout, checked on the source: layers from the ground floor up, no import inside a function between
archnotes modules, no module writing into another module's tables, no method assigned onto a class from outside it."""
import ast
from pathlib import Path
import pytest

PKG = Path(__file__).resolve().parent.parent / 'archnotes'
# from the ground floor up: a module may import only modules listed before it; the lab comes last
ORDER = ['checks', 'layers', 'parallel', 'report', 'data', 'cutting', 'models', 'heads', 'decoders', 'augment', 'training',
         'learners', 'siamese', 'lab.core', 'lab.data', 'lab.training', 'lab.transfer', 'lab.decoders', 'lab.ladder', 'lab.siamese']
HAND_WRITTEN = ['all', 'lab.all', '__main__', '_nbexport', '_modidx', '__init__', 'lab.__init__', 'docs']


def modules():
    found = sorted('.'.join(p.relative_to(PKG).with_suffix('').parts) for p in PKG.rglob('*.py'))
    return [m for m in found if m not in HAND_WRITTEN]


def tree(mod): return ast.parse((PKG / (mod.replace('.', '/') + '.py')).read_text())


def archnotes_imports(mod, node):
    "Names of the archnotes modules that an import node brings in, resolved from `mod`."
    if isinstance(node, ast.Import):   # the bare package (its __init__ holds only the version) is not a module of the library
        return [a.name.removeprefix('archnotes.') for a in node.names if a.name.startswith('archnotes.')]
    if isinstance(node, ast.ImportFrom):
        if node.level == 0: return [node.module.removeprefix('archnotes.')] if (node.module or '').startswith('archnotes') else []
        base = mod.split('.')[:-node.level]
        return ['.'.join(base + ([node.module] if node.module else []))]
    return []


def test_every_module_has_a_place_in_the_order():
    assert sorted(modules()) == sorted(ORDER)


@pytest.mark.parametrize('mod', ORDER)
def test_imports_only_from_below(mod):
    for node in ast.walk(tree(mod)):
        for dep in archnotes_imports(mod, node):
            assert dep in ORDER[:ORDER.index(mod)], f"{mod} imports {dep}, which is not below it"


@pytest.mark.parametrize('mod', ORDER)
def test_no_import_between_archnotes_modules_inside_a_function(mod):
    for fn in ast.walk(tree(mod)):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for node in ast.walk(fn):
                assert not archnotes_imports(mod, node), f"{mod}.{getattr(fn, 'name', 'lambda')} imports {archnotes_imports(mod, node)}"


@pytest.mark.parametrize('mod', ORDER)
def test_no_writes_into_other_modules_or_onto_classes(mod):
    t = tree(mod)
    imported = {a.asname or a.name for node in ast.walk(t) if archnotes_imports(mod, node) and isinstance(node, ast.ImportFrom)
                for a in node.names}
    classes = {n.name for n in t.body if isinstance(n, ast.ClassDef)} | {n for n in imported if n[:1].isupper()}
    for node in t.body:   # module level
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for tg in targets:
            base = tg
            while isinstance(base, (ast.Subscript, ast.Attribute)): base = base.value
            if isinstance(base, ast.Name) and base is not tg:
                assert base.id not in imported, f"{mod} writes into {base.id}, which belongs to another module"
                assert not (isinstance(tg, ast.Attribute) and base.id in classes), f"{mod} assigns {ast.unparse(tg)} from outside the class"
