"""Bad and borderline calls of the data, training, augmentation, report and lab APIs and of the command line: each gets
a clear, early error (or, where the call is legal but probably wrong, a warning) that names the argument.

The harness is tests/badcalls.py; `python tests/badcalls.py` counts the outcomes of every table.
"""
import math, tempfile
from pathlib import Path
import pytest, torch, torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from badcalls import Case, check
from archnotes.data import DataLoaders, ImageDataset, digit_scenes, digits, digits_test, normalize, resize_images, show_batch, shapes, book_dataset
from archnotes.training import BoundaryF1, DiceMulti, Learner, MeanIoU, accuracy, lr_per_group, set_seed, simple_cnn
from archnotes.augment import MixUp, RandomAffine
from archnotes.report import Claim, check_claim, compare, format_table, mean_std, summarise
from archnotes.lab.ladder import Setup, ladder_cnn, remedy_run, run_ladder, train_setup, tune
from archnotes.__main__ import main as cli


def ds(n=32, size=8, n_classes=10, x=None, y=None, classes=None):
    "A tiny labelled data set of random images."
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, 1, size, size, generator=g) if x is None else x
    y = torch.arange(n) % n_classes if y is None else y
    return ImageDataset(x, y, classes or [str(i) for i in range(n_classes)])

def seg_ds(n=16, size=16, n_classes=3):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, 1, size, size, generator=g)
    return ImageDataset(x, (x[:, 0] > 0).long() + (x[:, 0] > 1).long(), [str(i) for i in range(n_classes)])

def dls(train=None, valid=None, bs=8): return DataLoaders.from_datasets(train or ds(), valid or ds(16), bs=bs)
def cnn(n_out=10): return simple_cnn(n_in=1, n_out=n_out, widths=(4, 8))
def learner(model=None, data=None, **kw): return Learner(model or cnn(), data or dls(), progress=False, **kw)
def two_groups(m): return [list(m[:-1].parameters()), list(m[-1].parameters())]
def learner3(): return learner(splitter=lambda m: [list(m[0].parameters()), list(m[1].parameters()), list(m[2:].parameters())])

def loaders(train_ds, valid_ds, bs=8): return DataLoaders(DataLoader(train_ds, bs, shuffle=True), DataLoader(valid_ds, bs))

def nan_images():
    x = torch.randn(32, 1, 8, 8); x[13] = float('nan')
    return ds(x=x)

STATS = ((0.5,), (0.25,))
ROWS = [dict(setup=s, seed=i, acc=0.5 + 0.01 * i + (0.1 if s == 'b' else 0)) for s in 'ab' for i in range(3)]
CLAIM = Claim('b beats a', 'a', 'b', 'acc')


def unwritable_out():
    f = Path(tempfile.mkdtemp()) / 'a_file'; f.write_text('not a folder')
    return str(f / 'results')


CASES = [
    # --- data: digits and its parts
    Case('digits: size as str', lambda: digits(size='32'), TypeError, ('size', "'32'")),
    Case('digits: size 0', lambda: digits(size=0), ValueError, ('size', 'at least 1')),
    Case('digits: size with 3 numbers', lambda: digits(size=(32, 32, 3)), TypeError, ('size', 'pair')),
    Case('digits: n_in 2', lambda: digits(n_in=2), ValueError, ('n_in', '2')),
    Case('digits: n_in True', lambda: digits(n_in=True), ValueError, ('n_in', 'True')),
    Case('digits: n_in as str', lambda: digits(n_in='1'), ValueError, ('n_in', "'1'")),
    Case('digits: valid_pct 0', lambda: digits(valid_pct=0), ValueError, ('valid_pct',)),
    Case('digits: valid_pct as str', lambda: digits(valid_pct='0.2'), TypeError, ('valid_pct', "'0.2'")),
    Case('digits: valid_pct nan', lambda: digits(valid_pct=float('nan')), ValueError, ('valid_pct', 'nan')),
    Case('digits: per_class 0', lambda: digits(per_class=0), ValueError, ('per_class', '0')),
    Case('digits: per_class 2.5', lambda: digits(per_class=2.5), TypeError, ('per_class', '2.5')),
    Case('digits: per_class too many', lambda: digits(per_class=10_000), ValueError, ('per_class', '10000')),
    Case('digits: seed as str', lambda: digits(seed='0'), TypeError, ('seed', "'0'")),
    Case('digits: seed 1.5', lambda: digits(seed=1.5), TypeError, ('seed', '1.5')),
    Case('digits: part test', lambda: digits(part='test'), ValueError, ('part', 'digits_test')),
    Case('digits: part misspelt', lambda: digits(part='pretrian'), ValueError, ('part', "Did you mean 'pretrain'")),
    Case('digits_test: stats None', lambda: digits_test(None), TypeError, ('stats', 'train_ds.stats')),
    Case('digits_test: stats of one tuple', lambda: digits_test((0.5,)), ValueError, ('stats', '(mean, std)')),
    Case('digits_test: stats for 3 channels, n_in 1', lambda: digits_test(((.5, .5, .5), (.2, .2, .2))), ValueError, ('stats', '3')),
    Case('digits_test: size -1', lambda: digits_test(STATS, size=-1), ValueError, ('size', '-1')),
    Case('digits_test: n_in 4', lambda: digits_test(STATS, n_in=4), ValueError, ('n_in', '4')),
    # --- data: DataLoaders
    Case('from_datasets: bs 0', lambda: dls(bs=0), ValueError, ('bs', '0')),
    Case('from_datasets: bs 2.5', lambda: dls(bs=2.5), TypeError, ('bs', '2.5')),
    Case('from_datasets: bs True', lambda: dls(bs=True), TypeError, ('bs', 'True')),
    Case('from_datasets: seed as str', lambda: DataLoaders.from_datasets(ds(), ds(), seed='a'), TypeError, ('seed', "'a'")),
    Case('from_datasets: train_ds a tuple', lambda: DataLoaders.from_datasets((torch.zeros(4, 1, 8, 8), torch.zeros(4)), ds()),
         TypeError, ('train_ds', 'Dataset')),
    Case('from_datasets: valid_ds a list', lambda: DataLoaders.from_datasets(ds(), [1, 2]), TypeError, ('valid_ds', 'Dataset')),
    Case('from_datasets: empty train_ds', lambda: DataLoaders.from_datasets(ds(x=torch.zeros(0, 1, 8, 8), y=torch.zeros(0).long()), ds()),
         ValueError, ('train_ds', 'empty')),
    Case('from_datasets: empty valid_ds', lambda: DataLoaders.from_datasets(ds(), ds(x=torch.zeros(0, 1, 8, 8), y=torch.zeros(0).long())),
         ValueError, ('valid_ds', 'empty')),
    Case('from_datasets: num_workers -1', lambda: DataLoaders.from_datasets(ds(), ds(), num_workers=-1), ValueError, ('num_workers', '-1')),
    # --- data: ImageDataset and transforms
    Case('ImageDataset: 3D images', lambda: ImageDataset(torch.zeros(4, 8, 8), torch.zeros(4).long(), ['a']), ValueError, ('x', '4D')),
    Case('ImageDataset: fewer targets', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.zeros(3).long(), ['a']), ValueError, ('y', '3')),
    Case('ImageDataset: uint8 images', lambda: ImageDataset(torch.zeros(4, 1, 8, 8, dtype=torch.uint8), torch.zeros(4).long(), ['a']),
         TypeError, ('x', 'uint8', 'float')),
    Case('ImageDataset: float labels', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.zeros(4), ['a']), TypeError, ('y', 'float32', 'int')),
    Case('ImageDataset: negative labels', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.tensor([0, 1, -1, 0]), ['a', 'b']),
         ValueError, ('y', '-1')),
    Case('ImageDataset: classes an int', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.zeros(4).long(), 10), TypeError, ('classes', '10')),
    Case('ImageDataset: classes None', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.zeros(4).long(), None), TypeError, ('classes', 'None')),
    Case('ImageDataset: label beyond classes', lambda: ImageDataset(torch.zeros(4, 1, 8, 8), torch.tensor([0, 1, 2, 7]), ['a', 'b', 'c']),
         ValueError, ('y', '7', '3 classes')),
    Case('ImageDataset: void label 255 in masks', lambda: ImageDataset(torch.zeros(2, 1, 8, 8), torch.full((2, 8, 8), 255), ['bg', 'fg']),
         ValueError, ('y', '255')),
    Case('resize_images: size as str', lambda: resize_images(torch.zeros(2, 8, 8), 'a'), TypeError, ('size', "'a'")),
    Case('normalize: stats None', lambda: normalize(torch.zeros(2, 1, 8, 8), None), TypeError, ('stats', 'None')),
    Case('normalize: stats of one tuple', lambda: normalize(torch.zeros(2, 1, 8, 8), ((0.5,),)), ValueError, ('stats', '(mean, std)')),
    Case('normalize: std 0', lambda: normalize(torch.zeros(2, 1, 8, 8), ((0.5,), (0.,))), ValueError, ('std', '0')),
    Case('normalize: 2 channels of stats for 3', lambda: normalize(torch.zeros(2, 3, 8, 8), ((0.5, 0.5), (1., 1.))), ValueError, ('stats', '3 channels')),
    # --- data: scenes, shapes, plots, the book's data sets
    Case('digit_scenes: size 8', lambda: digit_scenes(size=8), ValueError, ('size', '16')),
    Case('digit_scenes: n_train 0', lambda: digit_scenes(n_train=0), ValueError, ('n_train', '0')),
    Case('digit_scenes: n_train 2.5', lambda: digit_scenes(n_train=2.5), TypeError, ('n_train', '2.5')),
    Case('digit_scenes: n_valid as str', lambda: digit_scenes(n_valid='10'), TypeError, ('n_valid', "'10'")),
    Case('digit_scenes: scale a number', lambda: digit_scenes(scale=0.5), TypeError, ('scale', '0.5')),
    Case('digit_scenes: scale reversed', lambda: digit_scenes(scale=(0.6, 0.5)), ValueError, ('scale',)),
    Case('digit_scenes: n_digits a number', lambda: digit_scenes(n_digits=3), TypeError, ('n_digits', '3')),
    Case('digit_scenes: n_digits from 0', lambda: digit_scenes(n_digits=(0, 2)), ValueError, ('n_digits',)),
    Case('digit_scenes: n_in 2', lambda: digit_scenes(n_in=2, n_train=1, n_valid=1), ValueError, ('n_in', '2')),
    Case('shapes: per_class 0', lambda: shapes(per_class=0), ValueError, ('per_class', '0')),
    Case('shapes: per_class as str', lambda: shapes(per_class='5'), TypeError, ('per_class', "'5'")),
    Case('shapes: size as str', lambda: shapes(size='32'), TypeError, ('size', "'32'")),
    Case('shapes: valid_per_class 2.5', lambda: shapes(valid_per_class=2.5), TypeError, ('valid_per_class', '2.5')),
    Case('show_batch: n 0', lambda: show_batch(ds(), n=0), ValueError, ('n', '0')),
    Case('show_batch: ncols 0', lambda: show_batch(ds(), ncols=0), ValueError, ('ncols', '0')),
    Case('show_batch: data a str', lambda: show_batch('digits'), TypeError, ('data', "'digits'")),
    Case('book_dataset: misspelt', lambda: book_dataset('mnsit'), ValueError, ("'mnsit'", "Did you mean 'mnist'")),
    Case('book_dataset: not downloaded', lambda: book_dataset('mnist', root=tempfile.mkdtemp()), FileNotFoundError, ('mnist', 'download=True')),
    Case('book_dataset: limit 0', lambda: book_dataset('mnist', root=tempfile.mkdtemp(), limit=0), ValueError, ('limit', '0')),
    Case('book_dataset: task misspelt', lambda: book_dataset('pets', root=tempfile.mkdtemp(), task='segmentaton'), ValueError,
         ('task', "Did you mean 'segmentation'")),
    # --- training: models and seeds
    Case('simple_cnn: n_in as str', lambda: simple_cnn(n_in='3'), TypeError, ('n_in', "'3'")),
    Case('simple_cnn: n_in 2.5', lambda: simple_cnn(n_in=2.5), TypeError, ('n_in', '2.5')),
    Case('simple_cnn: n_out 0', lambda: simple_cnn(n_out=0), ValueError, ('n_out', '0')),
    Case('simple_cnn: a width 0', lambda: simple_cnn(widths=(16, 0)), ValueError, ('widths', '0')),
    Case('simple_cnn: widths an int', lambda: simple_cnn(widths=16), TypeError, ('widths', '16')),
    Case('set_seed: str', lambda: set_seed('a'), TypeError, ('seed', "'a'")),
    Case('set_seed: 1.5', lambda: set_seed(1.5), TypeError, ('seed', '1.5')),
    # --- training: the Learner's glue
    Case('Learner: model a str', lambda: Learner('resnet18', dls()), TypeError, ('model', "'resnet18'")),
    Case('Learner: dls a tuple', lambda: Learner(cnn(), (DataLoader(ds()), DataLoader(ds()))), TypeError, ('dls', 'DataLoaders')),
    Case('Learner: dls a Dataset', lambda: Learner(cnn(), ds()), TypeError, ('dls', 'DataLoaders.from_datasets')),
    Case('Learner: metrics a function', lambda: learner(metrics=accuracy), TypeError, ('metrics', 'list')),
    Case('Learner: metrics by name', lambda: learner(metrics=['accuracy']), TypeError, ('metrics', "'accuracy'")),
    Case('Learner: opt_func a str', lambda: learner(opt_func='adam'), TypeError, ('opt_func', "'adam'")),
    Case('Learner: loss_func a str', lambda: learner(loss_func='cross_entropy'), TypeError, ('loss_func', "'cross_entropy'")),
    Case('Learner: lr negative', lambda: learner(lr=-1e-3), ValueError, ('lr', '-0.001')),
    Case('Learner: wd negative', lambda: learner(wd=-0.1), ValueError, ('wd', '-0.1')),
    Case('Learner: wd as str', lambda: learner(wd='0.01'), TypeError, ('wd', "'0.01'")),
    Case('Learner: splitter returns no groups', lambda: learner(splitter=lambda m: []), ValueError, ('splitter', 'no parameter groups')),
    Case('Learner: splitter returns a group without parameters', lambda: learner(splitter=lambda m: [[], list(m.parameters())]), ValueError,
         ('splitter', 'group 0')),
    Case('Learner: splitter not callable', lambda: learner(splitter=[1, 2]), TypeError, ('splitter', '[1, 2]')),
    Case('Learner: batch_tfms one transform', lambda: learner(batch_tfms=RandomAffine()), TypeError, ('batch_tfms', 'list')),
    Case('Learner: device gpu', lambda: learner(device='gpu'), ValueError, ('device', "'gpu'")),
    Case('Learner: device cuda without a GPU', lambda: learner(device='cuda:7'), ValueError, ('device', "cuda:7")),
    # --- training: schedules and learning rates
    Case('fit: lr nan', lambda: learner().fit(1, lr=float('nan')), ValueError, ('lr', 'nan')),
    Case('fit: lr inf', lambda: learner().fit(1, lr=float('inf')), ValueError, ('lr', 'inf')),
    Case('fit: lr negative', lambda: learner().fit(1, lr=-1e-3), ValueError, ('lr', '-0.001')),
    Case('fit: lr 0', lambda: learner().fit(1, lr=0), ValueError, ('lr', '0')),
    Case('fit: lr as str', lambda: learner().fit(1, lr='1e-3'), TypeError, ('lr', "'1e-3'")),
    Case('fit: negative lr in a list', lambda: learner(splitter=two_groups).fit(1, lr=[1e-3, -1e-3]), ValueError, ('lr', '-0.001')),
    Case('fit: str in a list of lrs', lambda: learner(splitter=two_groups).fit(1, lr=[1e-3, 'x']), TypeError, ('lr', "'x'")),
    Case('fit: negative slice start', lambda: learner3().fit(1, lr=slice(-1e-3, 1e-2)), ValueError, ('lr', '-0.001')),
    Case('fit: slice stop nan', lambda: learner3().fit(1, lr=slice(1e-4, float('nan'))), ValueError, ('lr', 'nan')),
    Case('fit: slice with a step', lambda: learner3().fit(1, lr=slice(1e-4, 1e-2, 2)), ValueError, ('lr', 'step')),
    Case('fit: 3 lrs for 2 groups', lambda: learner(splitter=two_groups).fit(1, lr=[1e-3] * 3), ValueError, ('3 learning rates', '2 parameter groups')),
    Case('fit: n_epoch 1.5', lambda: learner().fit(1.5), TypeError, ('n_epoch', '1.5')),
    Case('fit: n_epoch 0', lambda: learner().fit(0), ValueError, ('n_epoch', '0')),
    Case('fit: sched not callable', lambda: learner().fit(1, sched=0.5), TypeError, ('sched', '0.5')),
    Case('fit_one_cycle: div 0', lambda: learner().fit_one_cycle(1, div=0), ValueError, ('div', '0')),
    Case('fit_one_cycle: div negative', lambda: learner().fit_one_cycle(1, div=-5), ValueError, ('div', '-5')),
    Case('fit_one_cycle: pct_start 1.5', lambda: learner().fit_one_cycle(1, pct_start=1.5), ValueError, ('pct_start', '1.5')),
    Case('fit_one_cycle: div_final 0', lambda: learner().fit_one_cycle(1, div_final=0), ValueError, ('div_final', '0')),
    Case('fit_one_cycle: lr_max nan', lambda: learner().fit_one_cycle(1, float('nan')), ValueError, ('lr', 'nan')),
    Case('lr_find: num_it 0', lambda: learner().lr_find(num_it=0, show_plot=False), ValueError, ('num_it', '0')),
    Case('lr_find: num_it 1', lambda: learner().lr_find(num_it=1, show_plot=False), ValueError, ('num_it', '1')),
    Case('lr_find: reversed range', lambda: learner().lr_find(start_lr=1., end_lr=1e-3, show_plot=False), ValueError, ('end_lr', 'start_lr')),
    Case('lr_find: start_lr 0', lambda: learner().lr_find(start_lr=0, show_plot=False), ValueError, ('start_lr', '0')),
    Case('freeze_to: beyond the groups', lambda: learner(splitter=two_groups).freeze_to(99), ValueError, ('freeze_to', '99', '2 parameter groups')),
    Case('freeze_to: far negative', lambda: learner(splitter=two_groups).freeze_to(-99), ValueError, ('freeze_to', '-99')),
    Case('freeze_to: 1.5', lambda: learner(splitter=two_groups).freeze_to(1.5), TypeError, ('freeze_to', '1.5')),
    Case('fine_tune: freeze_epochs negative', lambda: learner(splitter=two_groups).fine_tune(1, freeze_epochs=-1), ValueError, ('freeze_epochs', '-1')),
    Case('fine_tune: epochs 0', lambda: learner(splitter=two_groups).fine_tune(0), ValueError, ('epochs', '0')),
    Case('fine_tune: lr_mult 0', lambda: learner(splitter=two_groups).fine_tune(1, lr_mult=0), ValueError, ('lr_mult', '0')),
    Case('fine_tune: base_lr negative', lambda: learner(splitter=two_groups).fine_tune(1, base_lr=-1), ValueError, ('base_lr', '-1')),
    Case('fine_tune: one parameter group', lambda: learner().fine_tune(1), ValueError, ('fine_tune', 'splitter')),
    # --- training: data checked once per fit
    Case('fit: float64 images, float32 model', lambda: learner(data=dls(ds(x=torch.randn(32, 1, 8, 8).double()))).fit(1), TypeError,
         ('float64', 'float32', 'model')),
    Case('fit: float16 images, float32 model', lambda: learner(data=loaders(TensorDataset(torch.randn(16, 1, 8, 8).half(), torch.arange(16) % 10),
         ds(16))).fit(1), TypeError, ('float16', 'float32')),
    Case('fit: float labels', lambda: learner(data=loaders(TensorDataset(torch.randn(16, 1, 8, 8), torch.zeros(16)), ds(16))).fit(1), TypeError,
         ('labels', 'float32', 'int')),
    Case('fit: n_out smaller than the classes', lambda: learner(cnn(n_out=5)).fit(1), ValueError, ('5 outputs', 'label 9')),
    Case('fit: empty validation set', lambda: learner(data=loaders(ds(), TensorDataset(torch.zeros(0, 1, 8, 8), torch.zeros(0).long()))).fit(1),
         ValueError, ('validation set', 'empty')),
    Case('fit: one NaN image', lambda: learner(data=dls(nan_images())).fit(1), FloatingPointError, ('loss', 'nan', 'epoch 1, batch')),
    Case('fit: a huge learning rate', lambda: learner(data=dls(ds())).fit(2, lr=1e12), FloatingPointError, ('loss', 'learning rate')),
    # --- training: metrics and helpers
    Case('MeanIoU: n_classes 0', lambda: MeanIoU(0), ValueError, ('n_classes', '0')),
    Case('MeanIoU: n_classes as str', lambda: MeanIoU('11'), TypeError, ('n_classes', "'11'")),
    Case('MeanIoU: masks with more classes', lambda: MeanIoU(2).accumulate(torch.zeros(1, 2, 4, 4), torch.full((1, 4, 4), 3)),
         ValueError, ('n_classes', '3')),
    Case('MeanIoU: void label 255', lambda: MeanIoU(3).accumulate(torch.zeros(1, 3, 4, 4), torch.full((1, 4, 4), 255)), ValueError, ('255',)),
    Case('DiceMulti: n_classes 0', lambda: DiceMulti(0), ValueError, ('n_classes', '0')),
    Case('DiceMulti: masks with more classes', lambda: DiceMulti(2).accumulate(torch.zeros(1, 2, 4, 4), torch.full((1, 4, 4), 3)),
         ValueError, ('n_classes', '3')),
    Case('BoundaryF1: tol -1', lambda: BoundaryF1(tol=-1), ValueError, ('tol', '-1')),
    Case('BoundaryF1: tol 1.5', lambda: BoundaryF1(tol=1.5), TypeError, ('tol', '1.5')),
    Case('BoundaryF1: tol True', lambda: BoundaryF1(tol=True), TypeError, ('tol', 'True')),
    Case('accuracy: targets of another shape', lambda: accuracy(torch.zeros(4, 10), torch.zeros(4, 2).long()), ValueError, ('targets', '(4, 2)')),
    Case('lr_per_group: 0 groups', lambda: lr_per_group(1e-3, 0), ValueError, ('n_groups', '0')),
    # --- augmentation
    Case('RandomAffine: max_rotate negative', lambda: RandomAffine(max_rotate=-5), ValueError, ('max_rotate', '-5')),
    Case('RandomAffine: max_scale 1', lambda: RandomAffine(max_scale=1.), ValueError, ('max_scale', '1.0')),
    Case('RandomAffine: max_scale 1.5', lambda: RandomAffine(max_scale=1.5), ValueError, ('max_scale', '1.5')),
    Case('RandomAffine: max_shift as str', lambda: RandomAffine(max_shift='0.1'), TypeError, ('max_shift', "'0.1'")),
    Case('RandomAffine: max_shift 2', lambda: RandomAffine(max_shift=2), ValueError, ('max_shift', '2')),
    Case('RandomAffine: 3D images', lambda: RandomAffine()(torch.zeros(2, 8, 8), torch.zeros(2).long()), ValueError, ('images', '(2, 8, 8)')),
    Case('MixUp: alpha as str', lambda: MixUp('0.4'), TypeError, ('alpha', "'0.4'")),
    Case('MixUp: alpha 0', lambda: MixUp(0), ValueError, ('alpha', '0')),
    Case('MixUp: alpha nan', lambda: MixUp(float('nan')), ValueError, ('alpha', 'nan')),
    Case('MixUp: n_out 0', lambda: MixUp(n_out=0), ValueError, ('n_out', '0')),
    Case('MixUp: outside a Learner, without n_out', lambda: MixUp()(torch.zeros(2, 1, 8, 8), torch.zeros(2).long()), ValueError, ('n_out',)),
    Case('MixUp: on masks', lambda: learner(nn.Conv2d(1, 3, 3, padding=1), dls(seg_ds(), seg_ds(8)), batch_tfms=[MixUp()]).fit(1),
         ValueError, ('MixUp', 'masks')),
    # --- report
    Case('compare: different lengths', lambda: compare([1, 2], [1, 2, 3]), ValueError, ('one value of a and one of b per seed',)),
    Case('compare: level 95', lambda: compare([1, 2, 3], [2, 3, 4], level=95), ValueError, ('level', '95')),
    Case('compare: level 0', lambda: compare([1, 2, 3], [2, 3, 4], level=0), ValueError, ('level', '0')),
    Case('compare: a nan value', lambda: compare([1, float('nan'), 3], [2, 3, 4]), ValueError, ('a', 'nan')),
    Case('compare: strings', lambda: compare('abc', 'abd'), TypeError, ('a', "'abc'")),
    Case('summarise: unknown column by', lambda: summarise(ROWS, 'setting', ['acc']), ValueError, ('by', "'setting'")),
    Case('summarise: metrics a str', lambda: summarise(ROWS, 'setup', 'acc'), TypeError, ('metrics', "'acc'")),
    Case('summarise: unknown metric', lambda: summarise(ROWS, 'setup', ['accuracy']), ValueError, ('metrics', "'accuracy'")),
    Case('mean_std: no values', lambda: mean_std([]), ValueError, ('vals', 'empty')),
    Case('format_table: a str', lambda: format_table('abc'), TypeError, ('rows', "'abc'")),
    Case('check_claim: unknown metric', lambda: check_claim(Claim('x', 'a', 'b', 'accuracy'), ROWS), ValueError, ('metric', "'accuracy'")),
    Case('check_claim: unknown key', lambda: check_claim(CLAIM, ROWS, key='setting'), ValueError, ('key', "'setting'")),
    Case('check_claim: unknown setup', lambda: check_claim(Claim('x', 'a', 'c', 'acc'), ROWS), ValueError, ("'c'",)),
    # --- the lab
    Case('train_setup: steps 0', lambda: train_setup(Setup(), steps=0), ValueError, ('steps', '0')),
    Case('train_setup: steps -10', lambda: train_setup(Setup(), steps=-10), ValueError, ('steps', '-10')),
    Case('train_setup: lr 0', lambda: train_setup(Setup(), lr=0), ValueError, ('lr', '0')),
    Case('remedy_run: steps 0', lambda: remedy_run([], steps=0), ValueError, ('steps', '0')),
    Case('remedy_run: unknown remedy', lambda: remedy_run(['dropout!']), ValueError, ("'dropout!'",)),
    Case('remedy_run: on a str', lambda: remedy_run('mixup'), TypeError, ('on', "'mixup'")),
    Case('run_ladder: no seeds', lambda: run_ladder(seeds=()), ValueError, ('seeds',)),
    Case('tune: no seeds', lambda: tune(Setup(), seeds=()), ValueError, ('seeds',)),
    Case('tune: steps 0', lambda: tune(Setup(), steps=(0, 10)), ValueError, ('steps', '0')),
    Case('tune: lrs a str', lambda: tune(Setup(), lrs='fast'), TypeError, ('lrs', "'fast'")),
    Case('run_ladder: seeds a str', lambda: run_ladder(seeds='01'), TypeError, ('seeds', "'01'")),
    Case('Setup: per_class 0', lambda: Setup(per_class=0), ValueError, ('per_class', '0')),
    Case('Setup: mixup negative', lambda: Setup(mixup=-1), ValueError, ('mixup', '-1')),
    Case('Setup: p_conv 1.5', lambda: Setup(p_conv=1.5), ValueError, ('p_conv', '1.5')),
    Case('Setup: wd negative', lambda: Setup(wd=-1.), ValueError, ('wd', '-1')),
    Case('Setup: no widths', lambda: Setup(widths=()), ValueError, ('widths',)),
    Case('Setup: widths a list', lambda: Setup(widths=[8, 16]), TypeError, ('widths', 'tuple')),
    Case('ladder_cnn: p_head 2', lambda: ladder_cnn(p_head=2), ValueError, ('p_head', '2')),
    Case('ladder_cnn: hidden 0', lambda: ladder_cnn(hidden=0), ValueError, ('hidden', '0')),
    Case('ladder_cnn: n_in as str', lambda: ladder_cnn(n_in='1'), TypeError, ('n_in', "'1'")),
    # --- the command line
    Case('cli: --only empty', lambda: cli(['--only', '', '--quick']), SystemExit, ('--only',)),
    Case('cli: --only misspelt', lambda: cli(['--only', 'trainig', '--quick']), SystemExit, ("'trainig'", "Did you mean 'training'")),
    Case('cli: --out under a file', lambda: cli(['--only', 'data', '--quick', '--out', unwritable_out()]), SystemExit, ('--out', 'a_file')),
]


@pytest.mark.parametrize('case', CASES, ids=lambda c: c.id)
def test_bad_call(case): check(case)


def test_at_least_150_bad_calls_in_all_tables():
    from badcalls import tables
    assert sum(map(len, tables().values())) >= 150
