"""Adding a decoder is one class and one entry in `DECODERS`: the decoder experiment then trains it with the others."""
import torch, torch.nn as nn, torch.nn.functional as F
from archnotes.decoders import DECODERS, Decoder, create_decoder
from archnotes.cutting import create_body
from archnotes.lab.decoders import decoder_experiment


class ToyDecoder(Decoder):
    "A 1x1 convolution on the encoder's last grid, upsampled bilinearly to the input size."
    def __init__(self, encoder, n_out, img_size):
        super().__init__(encoder, n_out, img_size)
        self.head = nn.Conv2d(self.sizes[-1][0], n_out, 1)

    def forward(self, x):
        self.check_input(x)
        h, _ = self.encode(x)
        return F.interpolate(self.head(h), x.shape[-2:], mode='bilinear', align_corners=False)


def test_a_registered_decoder_is_built_and_trained_by_the_experiment(monkeypatch):
    monkeypatch.setitem(DECODERS, 'toy', ToyDecoder)
    m = create_decoder('toy', create_body('resnet18'), 4, 64)
    assert m(torch.randn(2, 3, 64, 64)).shape == (2, 4, 64, 64) and m.stride == 32
    res = decoder_experiment(quick=True, progress=False, decoders=['toy', 'unet'], strides=(32,), equal_flops=(32,),
                             longer=(8, ()))
    assert [(r['decoder'], r['budget']) for r in res.rows] == [('toy', 'equal steps'), ('unet', 'equal steps'),
                                                               ('toy', 'equal FLOPs')] * 2
    assert [r['setup'] for r in res.summary] == ['toy @32', 'unet @32', 'toy @32, equal FLOPs']
    assert [c['claim'] for c in res.claims] == [
        'stride 32: the U-Net beats toy upsampling on masks', 'stride 32: the U-Net beats toy upsampling on edges',
        "stride 32, toy given the U-Net's FLOPs: the U-Net beats toy upsampling on masks",
        "stride 32, toy given the U-Net's FLOPs: the U-Net beats toy upsampling on edges"] and 'sweep' in res.figures
    toy = res.rows[0]
    assert 0 < toy['mean_iou'] <= 1 and toy['params'] > 0


def test_the_experiment_needs_the_unet_reference():
    import pytest
    with pytest.raises(ValueError, match="must include 'unet'"): decoder_experiment(quick=True, progress=False, decoders=['nearest'])


def test_two_workers_train_the_same_runs_as_one_process():
    "The sweep's worker processes (one thread each) give the rows the main process gives, up to rounding."
    kw = dict(quick=True, progress=False, decoders=['nearest', 'unet'], strides=(16,), equal_flops=(), longer=(8, ()))
    torch.set_num_threads(1)
    one, two = decoder_experiment(**kw).rows, decoder_experiment(workers=2, **kw).rows
    assert [r['setup'] for r in one] == [r['setup'] for r in two]
    for a, b in zip(one, two):
        assert (a['params'], a['gflops'], a['steps'], a['seed']) == (b['params'], b['gflops'], b['steps'], b['seed'])
        for k in ('mean_iou', 'boundary_f1', 'valid_loss'): assert abs(a[k] - b[k]) <= 1e-4, (k, a[k], b[k])
