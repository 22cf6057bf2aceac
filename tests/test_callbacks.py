"""The Learner's extension point: a callback of one's own changes training without an edit to the Learner; the
loop calls its events in order; the library's callbacks (clipping, float16 with a gradient scaler) work; and bad data
that reaches a model gets a clear error once, on the first batch of a fit."""
import math
import pytest, torch, torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader
from archnotes.data import DataLoaders, ImageDataset
from archnotes.training import (EVENTS, Callback, CancelBatchException, CancelFitException, GradientClip, Learner,
                                MixedPrecision, accuracy, set_seed, simple_cnn)


def data(n=64, n_valid=32, size=8, n_classes=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n + n_valid, 1, size, size, generator=g)
    y = torch.arange(n + n_valid) % n_classes
    x += y.view(-1, 1, 1, 1).float()   # something to learn: the mean brightness
    classes = [str(i) for i in range(n_classes)]
    return DataLoaders.from_datasets(ImageDataset(x[:n], y[:n], classes), ImageDataset(x[n:], y[n:], classes), bs=16)


def learner(cbs=(), **kw):
    set_seed(0)
    return Learner(simple_cnn(n_in=1, n_out=4, widths=(8, 16)), data(), progress=False, cbs=cbs, **kw)


def grad_norm(model):
    return torch.stack([p.grad.norm() for p in model.parameters() if p.grad is not None]).norm().item()


class MyClip(Callback):
    "Written here, not in the library: clip the gradients' total norm before each step."
    def __init__(self, max_norm): self.max_norm = max_norm
    def before_step(self): nn.utils.clip_grad_norm_(self.learn.model.parameters(), self.max_norm)


class Norms(Callback):
    "The gradients' norm just before each step, after any clipping (order 1)."
    order = 1
    def __init__(self): self.norms = []
    def before_step(self): self.norms.append(grad_norm(self.learn.model))


def weights(learn): return torch.cat([p.detach().flatten() for p in learn.model.parameters()])


def test_a_callback_of_ones_own_clips_gradients():
    free, clipped = Norms(), Norms()
    a = learner([free]).fit(2, 1e-2)
    b = learner([MyClip(0.1), clipped]).fit(2, 1e-2)
    assert max(free.norms) > 0.1 and max(clipped.norms) <= 0.1 + 1e-5
    assert not torch.equal(weights(a), weights(b))
    c = learner([GradientClip(0.1)]).fit(2, 1e-2)        # the library's: the very same steps
    assert torch.equal(weights(b), weights(c))


def test_events_in_order():
    seen = []
    class Log(Callback):
        def __getattr__(self, name):
            if name in EVENTS: return lambda: seen.append(name)
            raise AttributeError(name)
    learn = learner([Log()])
    learn.fit(1, 1e-3)
    n_train, n_valid = len(learn.dls.train), len(learn.dls.valid)
    batch = ['before_batch', 'after_pred', 'after_loss', 'after_backward', 'before_step', 'after_batch']
    valid = ['before_batch', 'after_pred', 'after_loss', 'after_batch']
    expected = (['before_fit', 'before_epoch'] + batch * n_train + ['after_train', 'before_validate'] + valid * n_valid
                + ['after_validate', 'after_epoch', 'after_fit'])
    assert seen == expected
    assert all(not isinstance(cb, Log) for cb in learner().cbs)   # cbs= is the Learner's own; fit(cbs=) for one fit


def test_fit_callbacks_last_one_fit_and_cancels():
    class StopAt(Callback):
        def __init__(self, n): self.n, self.seen = n, 0
        def after_batch(self):
            self.seen += 1
            if self.seen == self.n: raise CancelFitException
    learn = learner()
    stop = StopAt(3)
    learn.fit(5, 1e-3, cbs=[stop])
    assert stop.seen == 3 and learn.recorder.rows == [] and stop not in learn.cbs
    class SkipAll(Callback):
        def before_batch(self):
            if self.learn.training: raise CancelBatchException
    w = weights(learn)
    learn.fit(1, 1e-2, cbs=[SkipAll()])
    assert torch.equal(weights(learn), w) and len(learn.recorder.rows) == 1   # no step taken, still validated


def test_float16_with_a_gradient_scaler():
    class PredType(Callback):
        order = 11   # after MixedPrecision's before_batch: inside autocast
        def after_pred(self): self.dtype = self.learn.pred.dtype
    seen = PredType()
    learn = learner([MixedPrecision(torch.float16), seen], metrics=[accuracy])
    learn.fit(4, 1e-2)
    assert seen.dtype == torch.float16
    mp = next(cb for cb in learn.cbs if isinstance(cb, MixedPrecision))
    assert mp.scaler is not None and mp.scaler.get_scale() > 0
    assert all(math.isfinite(l) for l in learn.recorder.losses)
    assert learn.recorder.rows[-1]['accuracy'] > 0.45, learn.recorder.rows   # it learns (chance: 0.25)


def test_bf16_flag_is_a_callback():
    learn = learner(bf16=True, channels_last=True)
    names = [type(cb).__name__ for cb in learn.cbs]
    assert 'MixedPrecision' in names and 'ChannelsLast' in names
    assert 'MixedPrecision' not in [type(cb).__name__ for cb in learner().cbs]


def test_first_batch_errors():
    with pytest.raises(ValueError, match='3 channels but the model.s first convolution takes 1'):
        Learner(simple_cnn(n_in=1, n_out=4), DataLoaders(DataLoader(TensorDataset(torch.randn(8, 3, 8, 8), torch.zeros(8).long()), 4),
                DataLoader(TensorDataset(torch.randn(4, 3, 8, 8), torch.zeros(4).long()), 4)), progress=False).fit(1)
    def as_float(pred, targ): return 0.5
    with pytest.raises(TypeError, match="metric 'as_float' returned float"):
        learner(metrics=[as_float]).fit(1)
    bn_head = nn.Sequential(nn.Flatten(), nn.Linear(64, 8), nn.BatchNorm1d(8), nn.Linear(8, 4))
    one_left = DataLoaders(DataLoader(TensorDataset(torch.randn(17, 1, 8, 8), torch.arange(17) % 4), 4),
                           DataLoader(TensorDataset(torch.randn(4, 1, 8, 8), torch.arange(4)), 4))
    with pytest.raises(ValueError, match='a training batch of one image'):
        Learner(bn_head, one_left, progress=False).fit(1)
