"""Bad and borderline calls of the model side: `archnotes.cutting`, `heads`, `models`, `decoders` and the layers that
notebooks 03 and 05 define. Each gets a clear, early error (or, where the call is legal but probably wrong, a warning)
that names the argument and the bad value and says what to pass.

The harness is tests/badcalls.py; `python tests/badcalls.py` counts the outcomes of every table. Only names that
existed before the checks were added are imported at module level, so that the table also runs on the old code.
Nothing here reaches the network: the hub-cache cases write their files into a temporary cache and the download is
replaced by one that fails.
"""
import functools, io, os, tempfile
from collections import OrderedDict
from pathlib import Path
import pytest, torch, torch.nn as nn
from torchvision import models
from badcalls import Case, check
import archnotes.cutting as cutting
from archnotes.models import SmallResNet, load_pretrained_digits, sha256
from archnotes.cutting import (Body, adapt_conv, body_out_shape, check_arch, create_body, cut_model, default_split,
                               explore_cut, first_conv, get_meta, hooks, load_model, load_weights, num_features,
                               resnet_split, set_n_in, size_changes, weights_file)
from archnotes.heads import Head, create_head, create_vision_model, vision_split
from archnotes.layers import AdaptiveConcatPool2d, PixelShuffleICNR, ResBlock, SelfAttention, SigmoidRange, icnr_, lin_bn_drop
from archnotes.decoders import DynamicUnet, SimpleDecoderNet, UnetBlock, create_decoder, encoder_plan, flops, unet_cost


def small(n_in=1):
    "The body of notebook 04's SmallResNet (1 channel, total stride 8, 128 features): cheap to build and run."
    return create_body(SmallResNet(n_in=1), n_in=n_in)

def r18(**kw): return create_body('resnet18', **kw)

def tmp_file(content:bytes, name:str='w.pt') -> Path:
    p = Path(tempfile.mkdtemp()) / name
    p.write_bytes(content)
    return p

def ckpt_bytes(obj) -> bytes:
    buf = io.BytesIO(); torch.save(obj, buf)
    return buf.getvalue()

TRUNCATED = ckpt_bytes({'a': torch.zeros(64)})[:300]
WRONG_KEYS = ckpt_bytes({'a': torch.zeros(3)})

def offline(call, content:bytes|None=None):
    """Run `call` with TORCH_HOME in a temporary folder (torch.hub.set_dir is not used: it would override TORCH_HOME for
    the rest of the session) and downloads that fail; with `content`, the hub cache holds it as resnet18's weights file."""
    old_home, old_download = os.environ.get('TORCH_HOME'), cutting._download
    def no_network(url, dst): raise OSError('no network in the tests')
    os.environ['TORCH_HOME'] = tempfile.mkdtemp(); cutting._download = no_network
    try:
        if content is not None:
            p = weights_file(models.ResNet18_Weights.DEFAULT)
            p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(content)
        return call()
    finally:
        cutting._download = old_download
        if old_home is None: del os.environ['TORCH_HOME']
        else: os.environ['TORCH_HOME'] = old_home

def in_hub_cache(content:bytes, call): return offline(call, content)

def at_home(content:bytes, call):
    "Run `call` with HOME set to a temporary folder holding `content` as w.pt."
    old = os.environ.get('HOME')
    home = tmp_file(content).parent
    os.environ['HOME'] = str(home)
    try: return call()
    finally:
        if old is None: del os.environ['HOME']
        else: os.environ['HOME'] = old

def shipped_missing():
    "`load_pretrained_digits()` when the weights that ship with archnotes are missing from the install."
    import archnotes.models as m
    old = m.WEIGHTS_DIR
    m.WEIGHTS_DIR = Path(tempfile.mkdtemp())
    try: return load_pretrained_digits()
    finally: m.WEIGHTS_DIR = old

def load_with_own_sha(content:bytes):
    "`load_pretrained_digits` on a file holding `content`, with its own SHA-256 as the expected one (the hash check passes)."
    p = tmp_file(content)
    return load_pretrained_digits(p, expected_sha256=sha256(p))

def my_resnet(**kw): return models.resnet18(**kw)     # a builder that is not torchvision's

def unet(**kw): return DynamicUnet(small(), 3, 32, **kw)


CASES = [
    # --- create_body / load_model: what `arch` can be
    Case('create_body: a lambda', lambda: create_body(lambda **kw: models.resnet18(**kw)), TypeError, ('arch', '<lambda>', 'instance')),
    Case('create_body: a function of ours', lambda: create_body(my_resnet), TypeError, ('arch', 'my_resnet', 'instance')),
    Case('create_body: functools.partial', lambda: create_body(functools.partial(models.resnet18, num_classes=10)), TypeError, ('arch', 'partial')),
    Case('create_body: the class ResNet', lambda: create_body(models.ResNet), TypeError, ('arch', 'ResNet', 'class')),
    Case('create_body: arch None', lambda: create_body(None), TypeError, ('arch', 'None')),
    Case('create_body: arch an int', lambda: create_body(18), TypeError, ('arch', '18')),
    Case('create_body: misspelt name', lambda: create_body('resnet-18'), ValueError, ('resnet-18', 'resnet18')),
    Case('create_body: capitalised name', lambda: create_body('ResNet18'), ValueError, ('ResNet18', 'resnet18')),
    Case('create_body: instance with pretrained=True', lambda: create_body(models.resnet18(), pretrained=True), ValueError, ('pretrained',)),
    Case('create_body: pretrained as str', lambda: offline(lambda: create_body('resnet18', pretrained='yes')), TypeError, ('pretrained', "'yes'")),
    Case('create_body: pretrained None', lambda: offline(lambda: create_body('resnet18', pretrained=None)), TypeError, ('pretrained', 'None')),
    Case('load_model: name as bytes', lambda: load_model(b'resnet18'), TypeError, ('arch', "b'resnet18'")),
    Case('check_arch: not a str', lambda: check_arch(18), TypeError, ('name', '18')),
    Case('check_arch: empty', lambda: check_arch(''), ValueError, ("''", 'arch_names')),
    # --- create_body: n_in
    Case('create_body: n_in as str', lambda: create_body('resnet18', n_in='1'), TypeError, ('n_in', "'1'")),
    Case('create_body: n_in float', lambda: create_body('resnet18', n_in=2.5), TypeError, ('n_in', '2.5')),
    Case('create_body: n_in True', lambda: create_body('resnet18', n_in=True), TypeError, ('n_in', 'True')),
    Case('create_body: n_in 0', lambda: create_body('resnet18', n_in=0), ValueError, ('n_in', '0')),
    Case('create_body: n_in negative', lambda: create_body(SmallResNet(), n_in=-1), ValueError, ('n_in', '-1')),
    # --- create_body / cut_model: cut
    Case('create_body: cut=True', lambda: create_body('resnet18', cut=True), TypeError, ('cut', 'True')),
    Case('create_body: cut=False', lambda: create_body('resnet18', cut=False), TypeError, ('cut', 'False')),
    Case('create_body: cut float', lambda: create_body('resnet18', cut=2.5), TypeError, ('cut', '2.5')),
    Case('create_body: cut a child name', lambda: create_body('resnet18', cut='layer4'), TypeError, ('cut', "'layer4'")),
    Case('create_body: cut=10 keeps fc', lambda: create_body('resnet18', cut=10), ValueError, ('cut=10', 'fc', 'classifier')),
    Case('create_body: cut=-1 keeps avgpool only (allowed) vs 99', lambda: create_body('resnet18', cut=99), ValueError, ('cut=99', '10 children')),
    Case('create_body: cut=0', lambda: create_body('resnet18', cut=0), ValueError, ('cut=0',)),
    Case('create_body: cut on mobilenet keeps classifier', lambda: create_body('mobilenet_v3_small', cut=3), ValueError, ('cut=3', 'classifier')),
    Case('create_body: cut fn returns a list', lambda: create_body('resnet18', cut=lambda m: list(m.children())[:-2]), TypeError, ('cut', 'list', 'nn.Module')),
    Case('create_body: cut fn returns an int', lambda: create_body('resnet18', cut=lambda m: 8), TypeError, ('cut', 'int', 'nn.Module')),
    Case('create_body: cut fn returns None', lambda: create_body('resnet18', cut=lambda m: None), TypeError, ('cut', 'None', 'nn.Module')),
    Case('create_body: cut fn takes no argument', lambda: create_body('resnet18', cut=lambda: 0), TypeError, ('cut', 'argument')),
    Case('cut_model: model a name', lambda: cut_model('resnet18'), TypeError, ('model', "'resnet18'")),
    # --- Body
    Case('Body: n_in as str', lambda: Body(nn.Conv2d(3, 8, 3), n_in='3'), TypeError, ('n_in', "'3'")),
    Case('Body: n_in 0', lambda: Body(nn.Conv2d(3, 8, 3), n_in=0), ValueError, ('n_in', '0')),
    Case('Body: 1-channel conv, n_in left at 3', lambda: Body(nn.Conv2d(1, 8, 3), nn.ReLU()), ValueError, ('n_in=3', 'convolution', 'n_in=1')),
    Case('Body: size 0', lambda: Body(nn.Conv2d(3, 8, 3), size=0), ValueError, ('size', '0')),
    Case('Body: size as str', lambda: Body(nn.Conv2d(3, 8, 3), size='224'), TypeError, ('size', "'224'")),
    Case('Body: meta not a dict', lambda: Body(nn.Conv2d(3, 8, 3), meta='resnet'), TypeError, ('meta', "'resnet'")),
    Case('Body: meta without split', lambda: Body(nn.Conv2d(3, 8, 3), meta=dict(cut=-2)), ValueError, ('meta', 'split')),
    Case('Body: a layer that is not a module', lambda: Body(nn.Conv2d(3, 8, 3), 'relu'), TypeError, ("'relu'",)),
    # --- num_features, body_out_shape, size_changes, explore_cut, get_meta
    Case('num_features: size as str', lambda: num_features(small(), size='32'), TypeError, ('size', "'32'")),
    Case('num_features: size 3 numbers', lambda: num_features(small(), size=(1, 32, 32)), TypeError, ('size', '(1, 32, 32)')),
    Case('num_features: size 0', lambda: num_features(small(), size=0), ValueError, ('size', '0')),
    Case('num_features: a name, not a body', lambda: num_features('resnet18'), TypeError, ('body', "'resnet18'")),
    Case('num_features: a whole classifier', lambda: num_features(SmallResNet()), ValueError, ('body', 'classifier', 'create_body')),
    Case('num_features: a Linear', lambda: num_features(nn.Linear(3, 4)), ValueError, ('body', 'Linear')),
    Case('num_features: alexnet at 16 pixels', lambda: num_features(create_body('alexnet'), size=16), ValueError, ('size', '(16, 16)')),
    Case('body_out_shape: n_in as str', lambda: body_out_shape(small(), n_in='1'), TypeError, ('n_in', "'1'")),
    Case('size_changes: size as str', lambda: size_changes(small(), size='32'), TypeError, ('size', "'32'")),
    Case('size_changes: not a module', lambda: size_changes([nn.Conv2d(3, 8, 3)]), TypeError, ('model', 'list')),
    Case('explore_cut: cut=True', lambda: explore_cut('resnet18', cut=True), TypeError, ('cut', 'True')),
    Case('explore_cut: size as str', lambda: explore_cut('resnet18', size='64'), TypeError, ('size', "'64'")),
    Case('get_meta: a name', lambda: get_meta('resnet18'), TypeError, ('model', "'resnet18'")),
    Case('hooks: fn not callable', lambda: hooks([nn.ReLU()], 'print').__enter__(), TypeError, ('fn', "'print'")),
    Case('hooks: a module, not a list', lambda: hooks(nn.ReLU(), print).__enter__(), TypeError, ('modules', 'ReLU')),
    # --- n_in adaptation
    Case('adapt_conv: a Linear', lambda: adapt_conv(nn.Linear(3, 4), 1), TypeError, ('conv', 'Linear')),
    Case('adapt_conv: n_in True', lambda: adapt_conv(nn.Conv2d(3, 8, 3), True), TypeError, ('n_in', 'True')),
    Case('adapt_conv: n_in as str', lambda: adapt_conv(nn.Conv2d(3, 8, 3), '1'), TypeError, ('n_in', "'1'")),
    Case('set_n_in: model a name', lambda: set_n_in('resnet18', 1), TypeError, ('model', "'resnet18'")),
    Case('set_n_in: n_in 0', lambda: set_n_in(SmallResNet(), 0), ValueError, ('n_in', '0')),
    Case('first_conv: no conv', lambda: first_conv(nn.Sequential(nn.Linear(3, 4))), ValueError, ('Conv2d',)),
    # --- splitters
    Case('resnet_split: whole classifier', lambda: resnet_split(models.resnet18()), TypeError, ('model', 'ResNet', 'Body')),
    Case('default_split: whole classifier', lambda: default_split(SmallResNet()), TypeError, ('model', 'SmallResNet', 'Body')),
    Case('vision_split: a body only', lambda: vision_split(small()), TypeError, ('vision_split', 'Body')),
    # --- weights in the hub cache (no network)
    Case('hub cache: empty file', lambda: in_hub_cache(b'', lambda: r18(pretrained=True)), ValueError, ('pretrained', 'resnet18-f37072fd.pth', 'delete')),
    Case('hub cache: junk file', lambda: in_hub_cache(b'<html>not found</html>', lambda: r18(pretrained=True)), ValueError, ('pretrained', 'resnet18-f37072fd.pth', 'delete')),
    Case('hub cache: truncated file', lambda: in_hub_cache(TRUNCATED, lambda: r18(pretrained=True)), ValueError, ('pretrained', 'resnet18-f37072fd.pth', 'delete')),
    Case('hub cache: wrong checkpoint', lambda: in_hub_cache(WRONG_KEYS, lambda: r18(pretrained=True)), ValueError, ('pretrained', 'resnet18-f37072fd.pth', 'delete')),
    Case('load_weights: a name, not weights', lambda: load_weights('resnet18'), TypeError, ('weights', "'resnet18'", 'DEFAULT')),
    Case('weights_file: None', lambda: weights_file(None), TypeError, ('weights', 'None')),
    # --- create_head
    Case('create_head: nf as str', lambda: create_head('512', 10), TypeError, ('nf', "'512'")),
    Case('create_head: nf float', lambda: create_head(512.0, 10), TypeError, ('nf', '512.0')),
    Case('create_head: nf True', lambda: create_head(True, 10), TypeError, ('nf', 'True')),
    Case('create_head: n_out as str', lambda: create_head(512, '10'), TypeError, ('n_out', "'10'")),
    Case('create_head: n_out 0', lambda: create_head(512, 0), ValueError, ('n_out', '0')),
    Case('create_head: nf a tuple (body_out_shape)', lambda: create_head((512, 7, 7), 10), TypeError, ('nf', '(512, 7, 7)')),
    Case('create_head: lin_ftrs float', lambda: create_head(512, 10, lin_ftrs=[256.5]), TypeError, ('lin_ftrs[0]', '256.5')),
    Case('create_head: lin_ftrs [0]', lambda: create_head(512, 10, lin_ftrs=[0]), ValueError, ('lin_ftrs[0]', '0')),
    Case('create_head: lin_ftrs an int', lambda: create_head(512, 10, lin_ftrs=256), TypeError, ('lin_ftrs', '256')),
    Case('create_head: lin_ftrs a str', lambda: create_head(512, 10, lin_ftrs='256'), TypeError, ('lin_ftrs', "'256'")),
    Case('create_head: ps 1.5', lambda: create_head(512, 10, ps=1.5), ValueError, ('ps', '1.5')),
    Case('create_head: ps as str', lambda: create_head(512, 10, ps='0.5'), TypeError, ('ps', "'0.5'")),
    Case('create_head: ps None', lambda: create_head(512, 10, ps=None), TypeError, ('ps', 'None')),
    Case('create_head: ps list too short', lambda: create_head(512, 10, ps=[0.5]), ValueError, ('ps', '2 linear layers')),
    Case('create_head: ps list bad item', lambda: create_head(512, 10, lin_ftrs=[], ps=['a']), TypeError, ('ps[0]', "'a'")),
    Case('create_head: pool as str', lambda: create_head(512, 10, pool='False'), TypeError, ('pool', "'False'")),
    Case('create_head: concat_pool None', lambda: create_head(512, 10, concat_pool=None), TypeError, ('concat_pool', 'None')),
    Case('create_head: y_range a number', lambda: create_head(512, 10, y_range=5), TypeError, ('y_range', '5')),
    Case('create_head: y_range one value', lambda: create_head(512, 10, y_range=(5,)), ValueError, ('y_range', '(5,)')),
    Case('create_head: y_range reversed', lambda: create_head(512, 10, y_range=(5, 0)), ValueError, ('y_range', '(5, 0)')),
    Case('create_head: y_range strs', lambda: create_head(512, 10, y_range=('0', '5')), TypeError, ('y_range', "'0'")),
    Case('create_head: y_range infinite', lambda: create_head(512, 10, y_range=(0, float('inf'))), ValueError, ('y_range', 'inf')),
    Case('Head: pool=False fed a grid', lambda: create_head(128, 10, pool=False)(torch.randn(2, 128, 4, 4)), ValueError, ('pool=False', '(2, 128, 4, 4)')),
    Case('Head: nf as str', lambda: Head(nn.Linear(4, 2), nf='4'), TypeError, ('nf', "'4'")),
    # --- create_vision_model
    Case('create_vision_model: n_out as str', lambda: create_vision_model(SmallResNet(), '10', n_in=1), TypeError, ('n_out', "'10'")),
    Case('create_vision_model: pool=False', lambda: create_vision_model(SmallResNet(), 10, n_in=1, pool=False), ValueError, ('pool=False', 'custom_head')),
    Case('create_vision_model: custom_head a str', lambda: create_vision_model(SmallResNet(), 10, n_in=1, custom_head='linear'), TypeError, ('custom_head', "'linear'")),
    Case('create_vision_model: custom_head a class', lambda: create_vision_model(SmallResNet(), 10, n_in=1, custom_head=nn.Linear), TypeError, ('custom_head', 'class')),
    Case('create_vision_model: custom_head and lin_ftrs', lambda: create_vision_model(SmallResNet(), 10, n_in=1, custom_head=nn.Identity(), lin_ftrs=[64]), ValueError, ('custom_head', 'lin_ftrs')),
    Case('create_vision_model: cut keeps fc', lambda: create_vision_model('resnet18', 10, cut=10), ValueError, ('cut=10', 'fc')),
    Case('create_vision_model: lin_ftrs [0]', lambda: create_vision_model(SmallResNet(), 10, n_in=1, lin_ftrs=[0]), ValueError, ('lin_ftrs[0]', '0')),
    # --- layers from notebooks 03 and 05
    Case('AdaptiveConcatPool2d: size as str', lambda: AdaptiveConcatPool2d('1'), TypeError, ('size', "'1'")),
    Case('AdaptiveConcatPool2d: size 0', lambda: AdaptiveConcatPool2d(0), ValueError, ('size', '0')),
    Case('lin_bn_drop: ni as str', lambda: lin_bn_drop('8', 4), TypeError, ('ni', "'8'")),
    Case('lin_bn_drop: nf 0', lambda: lin_bn_drop(8, 0), ValueError, ('nf', '0')),
    Case('lin_bn_drop: p 1.0', lambda: lin_bn_drop(8, 4, p=1.0), ValueError, ('p', '1.0')),
    Case('lin_bn_drop: p as str', lambda: lin_bn_drop(8, 4, p='0.5'), TypeError, ('p', "'0.5'")),
    Case('lin_bn_drop: act a str', lambda: lin_bn_drop(8, 4, act='relu'), TypeError, ('act', "'relu'")),
    Case('SigmoidRange: strs', lambda: SigmoidRange('0', '1'), TypeError, ('low', "'0'")),
    Case('SigmoidRange: NaN', lambda: SigmoidRange(0, float('nan')), ValueError, ('high', 'nan')),
    Case('icnr_: scale 0', lambda: icnr_(torch.empty(8, 4, 1, 1), scale=0), ValueError, ('scale', '0')),
    Case('icnr_: rows not a multiple of scale**2', lambda: icnr_(torch.empty(10, 4, 1, 1)), ValueError, ('w', '10', 'scale')),
    Case('icnr_: not a tensor', lambda: icnr_([1.0, 2.0]), TypeError, ('w', 'list')),
    Case('PixelShuffleICNR: nf 0', lambda: PixelShuffleICNR(8, 0), ValueError, ('nf', '0')),
    Case('PixelShuffleICNR: scale float', lambda: PixelShuffleICNR(8, 4, scale=1.5), TypeError, ('scale', '1.5')),
    Case('PixelShuffleICNR: ni as str', lambda: PixelShuffleICNR('8'), TypeError, ('ni', "'8'")),
    Case('SelfAttention: nf 4 (no query channels)', lambda: SelfAttention(4), ValueError, ('nf', '4', '8')),
    Case('SelfAttention: nf as str', lambda: SelfAttention('16'), TypeError, ('nf', "'16'")),
    Case('ResBlock: nh 0', lambda: ResBlock(8, 8, nh=0), ValueError, ('nh', '0')),
    Case('ResBlock: ni as str', lambda: ResBlock('8', 8), TypeError, ('ni', "'8'")),
    Case('UnetBlock: up_in_c 1', lambda: UnetBlock(1, 8), ValueError, ('up_in_c', '1')),
    # --- decoders
    Case('DynamicUnet: at 2x2', lambda: DynamicUnet(r18(), 11, (2, 2)), ValueError, ('img_size', '(2, 2)', 'too small')),
    Case('DynamicUnet: a whole classifier as Body', lambda: DynamicUnet(Body(models.resnet18()), 3, 32), ValueError, ('encoder', 'classifier', 'create_body')),
    Case('DynamicUnet: classifier children as Body', lambda: DynamicUnet(Body(*models.resnet18().children()), 3, 32), ValueError, ('encoder', 'Linear', 'create_body')),
    Case('DynamicUnet: 1-channel encoder, n_in 3', lambda: DynamicUnet(Body(nn.Conv2d(1, 8, 3, stride=2), nn.ReLU()), 3, 32), ValueError, ('n_in=3', 'n_in=1')),
    Case('DynamicUnet: plain Sequential encoder', lambda: DynamicUnet(nn.Sequential(nn.Conv2d(1, 8, 3, stride=2)), 3, 32), TypeError, ('encoder', 'Body')),
    Case('DynamicUnet: encoder a name', lambda: DynamicUnet('resnet18', 3, 32), TypeError, ('encoder', "'resnet18'")),
    Case('DynamicUnet: n_out as str', lambda: DynamicUnet(small(), '11', 32), TypeError, ('n_out', "'11'")),
    Case('DynamicUnet: n_out True', lambda: DynamicUnet(small(), True, 32), TypeError, ('n_out', 'True')),
    Case('DynamicUnet: n_out 0', lambda: DynamicUnet(small(), 0, 32), ValueError, ('n_out', '0')),
    Case('DynamicUnet: img_size as str', lambda: DynamicUnet(small(), 3, '32'), TypeError, ('img_size', "'32'")),
    Case('DynamicUnet: img_size float', lambda: DynamicUnet(small(), 3, 32.0), TypeError, ('img_size', '32.0')),
    Case('DynamicUnet: y_range a number', lambda: unet(y_range=5), TypeError, ('y_range', '5')),
    Case('DynamicUnet: blur as str', lambda: unet(blur='no'), TypeError, ('blur', "'no'")),
    Case('DynamicUnet: self_attention 1', lambda: unet(self_attention=1), TypeError, ('self_attention', '1')),
    Case('DynamicUnet: last_cross None', lambda: unet(last_cross=None), TypeError, ('last_cross', 'None')),
    Case('SimpleDecoderNet: up misspelt', lambda: SimpleDecoderNet(small(), 3, 32, up='Nearest'), ValueError, ('up', "'Nearest'", "'nearest'")),
    Case('SimpleDecoderNet: at 2x2 (warns)', lambda: SimpleDecoderNet(small(), 3, 2), UserWarning, ('img_size', '(2, 2)', 'too small')),
    Case('create_decoder: misspelt', lambda: create_decoder('Unet', small(), 3, 32), ValueError, ('name', "'Unet'", "'unet'")),
    Case('create_decoder: name not a str', lambda: create_decoder(DynamicUnet, small(), 3, 32), TypeError, ('name', 'DynamicUnet')),
    Case('encoder_plan: img_size 0', lambda: encoder_plan(small(), 0), ValueError, ('img_size', '0')),
    Case('unet_cost: img_size as str', lambda: unet_cost(unet(), 'big'), TypeError, ('img_size', "'big'")),
    Case('unet_cost: img_size below the stride', lambda: unet_cost(unet(), 4), ValueError, ('img_size', '(4, 4)', '8')),
    Case('unet_cost: not a DynamicUnet', lambda: unet_cost(SimpleDecoderNet(small(), 3, 32)), TypeError, ('unet', 'SimpleDecoderNet')),
    Case('flops: x a shape, not a tensor', lambda: flops(small(), (1, 1, 32, 32)), TypeError, ('x', '(1, 1, 32, 32)')),
    Case('flops: model a name', lambda: flops('resnet18', torch.zeros(1, 3, 32, 32)), TypeError, ('model', "'resnet18'")),
    # --- SmallResNet and the shipped weights
    Case('SmallResNet: n_in as str', lambda: SmallResNet(n_in='1'), TypeError, ('n_in', "'1'")),
    Case('SmallResNet: n_out 0', lambda: SmallResNet(n_out=0), ValueError, ('n_out', '0')),
    Case('SmallResNet: widths an int', lambda: SmallResNet(widths=16), TypeError, ('widths', '16')),
    Case('SmallResNet: widths empty', lambda: SmallResNet(widths=()), ValueError, ('widths',)),
    Case('SmallResNet: widths float', lambda: SmallResNet(widths=(16, 32.5)), TypeError, ('widths[1]', '32.5')),
    Case('load_pretrained_digits: ~ expanded (junk there)', lambda: at_home(b'junk', lambda: load_pretrained_digits('~/w.pt')), ValueError, ('path', 'w.pt', 'SHA-256')),
    Case('load_pretrained_digits: missing file', lambda: load_pretrained_digits('/nonexistent/w.pt'), FileNotFoundError, ('path', '/nonexistent/w.pt')),
    Case('load_pretrained_digits: missing file, no script hint', lambda: load_pretrained_digits('/nonexistent/w.pt'), FileNotFoundError, ('path=None',)),
    Case('load_pretrained_digits: shipped file missing', shipped_missing, FileNotFoundError, ('path=None', 'reinstall', 'repository')),
    Case('load_pretrained_digits: empty path', lambda: load_pretrained_digits(''), ValueError, ('path', "''")),
    Case('load_pretrained_digits: a folder', lambda: load_pretrained_digits(tempfile.mkdtemp()), ValueError, ('path', 'folder')),
    Case('load_pretrained_digits: path an int', lambda: load_pretrained_digits(3), TypeError, ('path', '3')),
    Case('load_pretrained_digits: empty file', lambda: load_with_own_sha(b''), ValueError, ('path', 'w.pt', 'checkpoint')),
    Case('load_pretrained_digits: junk file', lambda: load_with_own_sha(b'junk'), ValueError, ('path', 'w.pt', 'checkpoint')),
    Case('load_pretrained_digits: truncated file', lambda: load_with_own_sha(TRUNCATED), ValueError, ('path', 'w.pt', 'checkpoint')),
    Case('load_pretrained_digits: a bare state dict', lambda: load_with_own_sha(ckpt_bytes(SmallResNet().state_dict())), ValueError, ('path', 'state_dict')),
    Case('load_pretrained_digits: sha not hex', lambda: load_pretrained_digits(expected_sha256='abc'), ValueError, ('expected_sha256', "'abc'")),
    Case('load_pretrained_digits: sha an int', lambda: load_pretrained_digits(expected_sha256=123), TypeError, ('expected_sha256', '123')),
]


@pytest.mark.parametrize('case', CASES, ids=lambda c: c.id)
def test_bad_call(case): check(case)


def test_cases_are_unique():
    assert len({c.id for c in CASES}) == len(CASES)


def test_sizes_accept_an_int():
    "Every size argument takes an int as well as a pair (the borderline calls that must work, with the same results)."
    body = small()
    assert num_features(body, size=32) == num_features(body, size=(32, 32)) == 128
    assert body_out_shape(body, 32) == (128, 4, 4)
    assert size_changes(body, 32) == size_changes(body, (32, 32))
    assert Body(nn.Conv2d(3, 8, 3), size=64).size == (64, 64)
    u = DynamicUnet(body, 3, 32)
    assert u.img_size == (32, 32) and u(torch.zeros(1, 1, 32, 32)).shape == (1, 3, 32, 32)
    assert [r['params'] for r in unet_cost(u, 32)] == [r['params'] for r in unet_cost(u, (32, 32))]
    assert explore_cut('resnet18', size=64)['body_output'] == (512, 2, 2)


def test_legal_cuts_still_work():
    "Cuts that keep only pooling or dropout after the features stay allowed; a cut function may return any module."
    assert num_features(create_body('resnet18', cut=-1)) == 512                 # keeps avgpool: (512, 1, 1)
    assert num_features(create_body('resnet18', cut=lambda m: nn.Sequential(*list(m.children())[:-2]))) == 512
    assert create_body(models.resnet18(), cut=8, pretrained=False).n_in == 3


def test_tilde_is_expanded():
    "`load_pretrained_digits('~/...')` reads the file under the home folder."
    from archnotes.models import WEIGHTS_DIR, DIGITS_WEIGHTS
    ckpt = at_home((WEIGHTS_DIR / DIGITS_WEIGHTS).read_bytes(), lambda: load_pretrained_digits('~/w.pt'))
    assert set(ckpt) >= {'state_dict', 'stats'}


def test_missing_weights_say_where_to_get_the_script():
    "The message for missing weights never names scripts/pretrain_body.py without saying it is in the repository, not the wheel."
    for call in (lambda: load_pretrained_digits('/nonexistent/w.pt'), shipped_missing):
        with pytest.raises(FileNotFoundError) as e: call()
        assert 'pretrain_body.py' not in str(e.value) or 'repository' in str(e.value), str(e.value)


def test_hub_cases_leave_the_real_cache_alone():
    "The hub-cache cases write only into temporary folders and leave torch's cache setting as it was."
    before, env = torch.hub.get_dir(), os.environ.get('TORCH_HOME')
    for c in CASES:
        if c.id.startswith(('hub cache', 'create_body: pretrained')): check(c)
    assert (torch.hub.get_dir(), os.environ.get('TORCH_HOME')) == (before, env)
