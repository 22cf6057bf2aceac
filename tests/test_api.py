"""The public API: one import brings every public name, and each has a docstring."""
import inspect
import archnotes.all as everything
from archnotes import cutting, data, decoders, heads, ladder, training, transfer


def test_all_reexports_every_module():
    for mod in (data, training, cutting, heads, transfer, decoders, ladder):
        for name in mod.__all__: assert getattr(everything, name) is getattr(mod, name), name


def test_every_public_function_and_class_has_a_docstring():
    missing = [f'{mod.__name__}.{n}' for mod in (data, training, cutting, heads, transfer, decoders, ladder) for n in mod.__all__
               if (inspect.isfunction(getattr(mod, n)) or inspect.isclass(getattr(mod, n))) and not inspect.getdoc(getattr(mod, n))]
    assert not missing, missing
