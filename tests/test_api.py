"""The public API: one import brings every library name (and no experiment), each has a docstring."""
import importlib, inspect
import archnotes.all as everything
import archnotes.lab.all as lab
from test_layout import ORDER   # every module of the library and the lab, from the ground floor up

LIBRARY = tuple(importlib.import_module(f'archnotes.{m}') for m in ORDER if not m.startswith('lab.'))
LAB = tuple(importlib.import_module(f'archnotes.{m}') for m in ORDER if m.startswith('lab.'))


def test_all_reexports_every_library_module():
    for mod in LIBRARY:
        for name in mod.__all__: assert getattr(everything, name) is getattr(mod, name), name


def test_all_holds_no_experiment_names():
    public = {n for n in dir(everything) if not n.startswith('_')}
    lab_names = {n for mod in LAB for n in mod.__all__}
    assert not public & lab_names, sorted(public & lab_names)
    for name, (run, _) in lab.EXPERIMENTS.items(): assert not hasattr(everything, run.__name__), name


def test_lab_all_reexports_every_lab_module():
    for mod in LAB:
        for name in mod.__all__: assert getattr(lab, name) is getattr(mod, name), name


def test_every_public_function_and_class_has_a_docstring():
    missing = [f'{mod.__name__}.{n}' for mod in LIBRARY + LAB for n in mod.__all__
               if (inspect.isfunction(getattr(mod, n)) or inspect.isclass(getattr(mod, n))) and not inspect.getdoc(getattr(mod, n))]
    assert not missing, missing
