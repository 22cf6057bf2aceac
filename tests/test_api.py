"""The public API: one import brings every library name (and no experiment), each has a docstring."""
import inspect
import archnotes.all as everything
import archnotes.lab.all as lab
from archnotes import augment, cutting, data, decoders, heads, layers, models, report, training
from archnotes.lab import core, data as lab_data, decoders as lab_decoders, ladder, training as lab_training, transfer

LIBRARY = (layers, report, data, models, cutting, heads, decoders, augment, training)
LAB = (core, lab_data, lab_training, transfer, lab_decoders, ladder)


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
