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
    res = decoder_experiment(quick=True, progress=False, decoders=['toy', 'unet'])
    assert [r['decoder'] for r in res.rows] == ['toy', 'unet'] * 2
    assert [r['decoder'] for r in res.summary] == ['toy', 'unet']
    assert [c['claim'] for c in res.claims] == ['the U-Net, with skip connections, beats toy upsampling without them',
                                              'the U-Net places edges better than toy upsampling'] and 'predictions' in res.figures
    toy = res.rows[0]
    assert 0 < toy['mean_iou'] <= 1 and toy['params'] > 0


def test_the_experiment_needs_the_unet_reference():
    import pytest
    with pytest.raises(ValueError, match="must include 'unet'"): decoder_experiment(quick=True, progress=False, decoders=['nearest'])
