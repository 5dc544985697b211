#!/usr/bin/env python3
"""Exports a Hugging Face model and examples for spexbench's llm.torchscript and llm.heads tasks.

For users who have `transformers` installed (spexbench itself never needs it). Writes
OUT/model.pt, a TorchScript module with the calling convention of datasets/llm/script_model.h,
and OUT/examples.jsonl in the format of datasets/llm/script_examples.h:

    forward(input_ids, attention_mask)             -> logits    (default)
    forward(input_ids, attention_mask, head_mask)  -> logits    (--head-mask, for llm.heads)

Inputs: a JSON-lines file, one example per line:
    classification:  {"text": "a gripping, well acted film", "label": 1}
    causal-lm:       {"prompt": "The capital of France is", "answer": " Paris"}

Features are the words (--features words, whitespace-separated) or sentences (--features
sentences, ending in . ! or ?) of the text or prompt; each becomes the span of the tokens whose
characters it covers. Special tokens belong to no feature and are never ablated.

Examples:
    python3 scripts/export_hf_torchscript.py --model distilbert-base-uncased-finetuned-sst-2-english \\
        --task classification --inputs reviews.jsonl --out exported/sst2
    spexbench run --task llm.torchscript:model=exported/sst2/model.pt,examples=exported/sst2/examples.jsonl,example=0 \\
        --explainer spex --budget 4000

    python3 scripts/export_hf_torchscript.py --model gpt2 --task causal-lm --inputs qa.jsonl \\
        --out exported/gpt2 --features sentences

The model is traced (torch.jit.trace) on the longest example; models whose traced graph fixes the
sequence length cannot be exported this way. `--self-test OUT` runs the whole export on a small
stand-in tokenizer and model, without `transformers` (the project's tests do this).
"""
import argparse
import json
import os
import re
import sys

import torch

SENTENCE_END = re.compile(r"[.!?]+(\s+|$)")


def feature_ranges(text, unit):
    """Character ranges [start, end) of the words or sentences of `text`, with their text."""
    if unit == "words":
        return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    ranges, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        piece = text[start:end].strip()
        if piece:
            lead = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            ranges.append((lead, lead + len(piece), piece))
        start = end
    if text[start:].strip():
        lead = start + (len(text[start:]) - len(text[start:].lstrip()))
        ranges.append((lead, len(text.rstrip()), text[start:].strip()))
    return ranges


def token_spans(offsets, ranges):
    """Token spans [begin, end) covering each character range; tokens with empty offsets are
    special tokens and belong to no span. A range no token covers is dropped."""
    spans, names = [], []
    for start, end, name in ranges:
        covered = [t for t, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
        if not covered:
            continue
        begin, last = covered[0], covered[-1] + 1
        if spans and begin < spans[-1][1]:  # a token shared with the previous feature: merge
            spans[-1][1] = max(spans[-1][1], last)
            names[-1] += " " + name
            continue
        spans.append([begin, last])
        names.append(name)
    return spans, names


class LogitsOnly(torch.nn.Module):
    """forward(input_ids, attention_mask) -> logits of a Hugging Face model."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


class LogitsWithHeadMask(torch.nn.Module):
    """forward(input_ids, attention_mask, head_mask) -> logits, head_mask (batch, layers, heads)
    already holding 0 or heads / kept heads (script_model.h). Hugging Face multiplies each head's
    attention probabilities by head_mask[layer, batch, head], which scales the head's output."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, head_mask):
        per_layer = head_mask.permute(1, 0, 2).unsqueeze(-1).unsqueeze(-1)  # (layers, batch, heads, 1, 1)
        return self.model(input_ids=input_ids, attention_mask=attention_mask, head_mask=per_layer).logits


def export(model, tokenizer, rows, task, unit, out, head_mask=False, layers=0, heads=0):
    """Writes out/model.pt and out/examples.jsonl; returns the examples written."""
    os.makedirs(out, exist_ok=True)
    mask_token = tokenizer.mask_token_id
    if mask_token is None:
        mask_token = tokenizer.unk_token_id if tokenizer.unk_token_id is not None else tokenizer.pad_token_id
    pad_token = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    examples = []
    for number, row in enumerate(rows, 1):
        text = row["text"] if task == "classification" else row["prompt"]
        encoded = tokenizer(text, return_offsets_mapping=True)
        spans, names = token_spans([tuple(o) for o in encoded["offset_mapping"]], feature_ranges(text, unit))
        if not spans:
            raise SystemExit(f"input line {number}: no {unit} found in {text!r}")
        example = {"input_ids": list(encoded["input_ids"]), "spans": spans, "features": names, "text": text,
                   "pad_token_id": pad_token}
        if mask_token is not None:
            example["mask_token_id"] = mask_token
        if task == "classification":
            example["target"] = {"class": int(row["label"])}
        else:
            answer = tokenizer(row["answer"], add_special_tokens=False)["input_ids"]
            if not answer:
                raise SystemExit(f"input line {number}: the answer {row['answer']!r} has no tokens")
            example["target"] = {"answer_ids": list(answer)}
        examples.append(example)

    longest = max(examples, key=lambda e: len(e["input_ids"]) + len(e["target"].get("answer_ids", [])))
    ids = torch.tensor([longest["input_ids"] + longest["target"].get("answer_ids", [])])
    attention = torch.ones_like(ids)
    model.eval()
    with torch.no_grad():
        if head_mask:
            module = LogitsWithHeadMask(model)
            traced = torch.jit.trace(module, (ids, attention, torch.ones(1, layers, heads)), strict=False)
        else:
            module = LogitsOnly(model)
            traced = torch.jit.trace(module, (ids, attention), strict=False)
    traced.save(os.path.join(out, "model.pt"))
    with open(os.path.join(out, "examples.jsonl"), "w") as f:
        for example in examples:
            f.write(json.dumps(example) + "\n")
    return examples


# --- self-test: the whole export without `transformers` ------------------------------------------

class StandInTokenizer:
    """Characters to tokens: a [CLS] token, then one token per letter run, digit or punctuation."""
    mask_token_id, pad_token_id, unk_token_id, cls_token_id = 1, 0, 3, 2

    def __call__(self, text, return_offsets_mapping=False, add_special_tokens=True):
        ids, offsets = ([self.cls_token_id], [(0, 0)]) if add_special_tokens else ([], [])
        for match in re.finditer(r"[A-Za-z]{1,3}|[^\sA-Za-z]", text):
            ids.append(4 + sum(map(ord, match.group())) % 60)
            offsets.append((match.start(), match.end()))
        encoded = {"input_ids": ids}
        if return_offsets_mapping:
            encoded["offset_mapping"] = offsets
        return encoded


class StandInOutput:
    def __init__(self, logits):
        self.logits = logits


class StandInModel(torch.nn.Module):
    """A Hugging Face-like model: keyword inputs, an output object with .logits, and a 5-D head
    mask (layers, batch, heads, 1, 1) as Hugging Face expands it."""

    def __init__(self, outputs, causal, layers=2, heads=2):
        super().__init__()
        self.embedding = torch.nn.Embedding(64, 4 * heads)
        self.mix = torch.nn.ModuleList([torch.nn.Linear(4 * heads, 4 * heads) for _ in range(layers)])
        self.out = torch.nn.Linear(4 * heads, outputs)
        self.causal, self.heads = causal, heads

    def forward(self, input_ids=None, attention_mask=None, head_mask=None):
        x = self.embedding(input_ids) * attention_mask.unsqueeze(-1).float()
        if self.causal:
            x = x.cumsum(1) / attention_mask.cumsum(1).clamp(min=1).unsqueeze(-1).float()
        else:
            x = x.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1).float()
        for layer, mix in enumerate(self.mix):
            update = mix(x)
            if head_mask is not None:  # scale each head's block of the update
                scale = head_mask[layer].reshape(head_mask.shape[1], self.heads)
                scale = scale.repeat_interleave(update.shape[-1] // self.heads, dim=1)
                update = update * (scale.unsqueeze(1) if self.causal else scale)
            x = torch.tanh(x + update)
        return StandInOutput(self.out(x))


def self_test(out):
    torch.manual_seed(0)
    assert feature_ranges("Good film. Bad end!", "sentences") == [(0, 10, "Good film."), (11, 19, "Bad end!")]
    assert [r[2] for r in feature_ranges("not  very good", "words")] == ["not", "very", "good"]
    tokenizer = StandInTokenizer()
    reviews = [{"text": "A truly wonderful film, not boring at all.", "label": 1},
               {"text": "Dull. The plot was weak but the cast shines!", "label": 0}]
    written = export(StandInModel(2, causal=False), tokenizer, reviews, "classification", "words",
                     os.path.join(out, "classifier"))
    assert written[0]["features"][:3] == ["A", "truly", "wonderful"], written[0]["features"]
    assert written[0]["spans"][0] == [1, 2] and written[0]["target"] == {"class": 1}
    export(StandInModel(2, causal=False), tokenizer, reviews, "classification", "sentences",
           os.path.join(out, "heads"), head_mask=True, layers=2, heads=2)
    qa = [{"prompt": "Paris is the capital of", "answer": " France"}]
    lm = export(StandInModel(64, causal=True), tokenizer, qa, "causal-lm", "words", os.path.join(out, "causal_lm"))
    assert lm[0]["target"]["answer_ids"] == tokenizer(" France", add_special_tokens=False)["input_ids"]
    for name in ("classifier", "heads", "causal_lm"):
        loaded = torch.jit.load(os.path.join(out, name, "model.pt"))
        ids = torch.tensor([written[1]["input_ids"]])
        args = (ids, torch.ones_like(ids)) + ((torch.ones(1, 2, 2),) if name == "heads" else ())
        shape = tuple(loaded(*args).shape)
        assert shape == ((1, ids.shape[1], 64) if name == "causal_lm" else (1, 2)), (name, shape)
    print(f"export_hf_torchscript self-test: ok ({out})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="Hugging Face model name or local folder")
    parser.add_argument("--task", choices=["classification", "causal-lm"], default="classification")
    parser.add_argument("--inputs", help="JSON-lines file of texts and labels, or prompts and answers")
    parser.add_argument("--out", help="output folder (model.pt, examples.jsonl)")
    parser.add_argument("--features", choices=["words", "sentences"], default="words")
    parser.add_argument("--head-mask", action="store_true", help="export for llm.heads (forward takes a head mask)")
    parser.add_argument("--self-test", metavar="OUT", help="export stand-in models to OUT, without transformers")
    args = parser.parse_args()
    if args.self_test:
        self_test(args.self_test)
        return
    if not (args.model and args.inputs and args.out):
        parser.error("--model, --inputs and --out are required")
    try:
        import transformers
    except ImportError:
        sys.exit("export_hf_torchscript: this needs the `transformers` package (pip install transformers)")
    tokenizer = transformers.AutoTokenizer.from_pretrained(args.model)
    auto = (transformers.AutoModelForSequenceClassification if args.task == "classification"
            else transformers.AutoModelForCausalLM)
    model = auto.from_pretrained(args.model, torchscript=True, return_dict=True)
    with open(args.inputs) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    config = model.config
    layers = getattr(config, "num_hidden_layers", 0)
    heads = getattr(config, "num_attention_heads", 0)
    examples = export(model, tokenizer, rows, args.task, args.features, args.out, args.head_mask, layers, heads)
    print(f"wrote {args.out}/model.pt and {len(examples)} examples to {args.out}/examples.jsonl")
    if args.head_mask:
        print(f"llm.heads:layers={layers},heads={heads},torchscript={args.out}/model.pt,examples={args.out}/examples.jsonl")


if __name__ == "__main__":
    main()
