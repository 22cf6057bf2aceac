"""The real pretrained-weights path, offline: the test places a weights file in a temporary TORCH_HOME, where
torchvision's hub cache keeps them, and `create_body(..., pretrained=True)` must load exactly those weights."""
import pickle, urllib.error
import pytest, torch
from torchvision import models
import archnotes.cutting as cutting
from archnotes.cutting import create_body, load_weights, weights_file


@pytest.fixture
def torch_home(tmp_path, monkeypatch):
    monkeypatch.setenv('TORCH_HOME', str(tmp_path))
    def offline(url, dst): raise urllib.error.URLError('no network in tests')
    monkeypatch.setattr(cutting, '_download', offline)
    (tmp_path / 'hub' / 'checkpoints').mkdir(parents=True)
    return tmp_path


def place(model, weights):
    path = weights_file(weights)
    torch.save(model.state_dict(), path)
    return path


def test_pretrained_resnet_body_has_the_cached_weights(torch_home):
    torch.manual_seed(0)
    ref = models.resnet18()
    path = place(ref, models.ResNet18_Weights.DEFAULT)
    assert path == torch_home / 'hub' / 'checkpoints' / 'resnet18-f37072fd.pth'
    body = create_body('resnet18', pretrained=True)
    ref_state = ref.state_dict()
    for k, v in body.state_dict().items(): assert torch.equal(v, ref_state[k]), k
    one = create_body(models.resnet18, n_in=1, pretrained=True)          # a builder works too; weights adapted to 1 channel
    assert torch.allclose(one.conv1.weight, ref.conv1.weight.sum(1, keepdim=True))
    four = create_body('resnet18', n_in=4, pretrained=True)
    assert torch.equal(four.conv1.weight[:, :3], ref.conv1.weight) and four.conv1.weight[:, 3].abs().sum() == 0


def test_pretrained_googlenet_keeps_its_input_conversion(torch_home):
    ref = models.googlenet(weights=None, aux_logits=True, transform_input=True, init_weights=False)
    place(ref, models.GoogLeNet_Weights.DEFAULT)
    body = create_body('googlenet', pretrained=True).eval()
    assert type(body.body.transform_input).__name__ == 'InceptionInput'
    ref.eval()
    x = torch.randn(1, 3, 64, 64)
    seen = []
    h = ref.avgpool.register_forward_pre_hook(lambda m, inp: seen.append(inp[0]))
    with torch.no_grad(): ref(x); out = body(x)
    h.remove()
    assert torch.allclose(out, seen[0], atol=1e-5)     # same features as torchvision's own forward, conversion included


def test_missing_weights_offline_name_file_folder_and_url(torch_home):
    with pytest.raises(FileNotFoundError) as e: create_body('resnet34', pretrained=True)
    msg = str(e.value)
    assert 'resnet34-b627a593.pth' in msg and str(torch_home / 'hub' / 'checkpoints') in msg and 'https://' in msg


def test_a_missing_file_is_downloaded_once(torch_home, monkeypatch):
    torch.manual_seed(1)
    ref, calls = models.resnet18(), []
    def fake_download(url, dst):
        calls.append(url); torch.save(ref.state_dict(), dst)
    monkeypatch.setattr(cutting, '_download', fake_download)
    create_body('resnet18', pretrained=True); create_body('resnet18', pretrained=True)
    assert calls == [models.ResNet18_Weights.DEFAULT.url]


class Payload:
    def __reduce__(self): return (print, ('this would run on load',))


def test_weights_are_loaded_with_weights_only(torch_home):
    path = weights_file(models.ResNet18_Weights.DEFAULT)
    torch.save({'conv1.weight': Payload()}, path)
    with pytest.raises(pickle.UnpicklingError): load_weights(models.ResNet18_Weights.DEFAULT)


def test_transfer_switches_to_imagenet_weights_with_one_setting(torch_home):
    from archnotes.lab.transfer import source_stats, transfer_model
    torch.manual_seed(2)
    ref = models.resnet18()
    place(ref, models.ResNet18_Weights.DEFAULT)
    model = transfer_model('imagenet', 6)
    assert torch.allclose(model[0].conv1.weight, ref.conv1.weight.sum(1, keepdim=True))   # ImageNet body, one channel
    assert torch.equal(model[0].layer4[0].conv1.weight, ref.layer4[0].conv1.weight)
    assert model.eval()(torch.randn(2, 1, 32, 32)).shape == (2, 6)
    mean, std = source_stats('imagenet')
    assert len(mean) == len(std) == 1 and 0.4 < mean[0] < 0.5
