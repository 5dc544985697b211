#!/usr/bin/env python3
"""Writes the TorchScript models and examples files the llm.torchscript and llm.heads tests load.

Run by ctest (fixture llm.torchscript_fixtures) with Debian's python3-torch:
    make_torchscript_models.py OUT_DIR

Writes to OUT_DIR:
  classifier.pt    forward(input_ids, attention_mask) -> (batch, 3) logits
  causal_lm.pt     forward(input_ids, attention_mask) -> (batch, length, 40) logits
  heads.pt         forward(input_ids, attention_mask, head_mask) -> (batch, 2) logits, with
                   head_mask (batch, 2 layers, 3 heads) multiplying each head's output
  returns_ids.pt   a "classifier" that returns (batch, length, 1): a wrong output shape
  corrupt.pt       not a TorchScript file
  classifier.jsonl, causal_lm.jsonl, heads.jsonl   examples (datasets/llm/script_examples.h)
  bad_span.jsonl, bad_answer.jsonl, bad_json.jsonl, bad_class.jsonl   broken examples
  expected.json    values computed here, in Python, for masks the C++ tests replay
"""
import json
import os
import sys
from typing import List

import torch

VOCAB = 40
MASK = 1
PAD = 0


class Classifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(VOCAB, 8)
        self.mix = torch.nn.Linear(8, 8)
        self.out = torch.nn.Linear(8, 3)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        x = self.embedding(input_ids) * attention_mask.unsqueeze(-1).to(torch.float32)
        pooled = x.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1).to(torch.float32)
        return self.out(torch.tanh(self.mix(pooled)) * 3.0)


class CausalLm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(VOCAB, 8)
        self.out = torch.nn.Linear(8, VOCAB)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        x = self.embedding(input_ids) * attention_mask.unsqueeze(-1).to(torch.float32)
        counts = attention_mask.cumsum(1).clamp(min=1).unsqueeze(-1).to(torch.float32)
        return self.out(torch.tanh(x.cumsum(1) / counts) * 2.0)


class Heads(torch.nn.Module):
    """Two layers of three 'heads' (each a small linear map of the mean token), summed."""

    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(VOCAB, 6)
        self.heads = torch.nn.Linear(6, 2 * 3 * 6)
        self.out = torch.nn.Linear(6, 2)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                head_mask: torch.Tensor) -> torch.Tensor:
        x = self.embedding(input_ids) * attention_mask.unsqueeze(-1).to(torch.float32)
        h = x.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1).to(torch.float32)
        per_head = self.heads(h).view(-1, 2, 3, 6)
        for layer in range(2):
            contribution = (per_head[:, layer] * head_mask[:, layer].unsqueeze(-1)).sum(1)
            h = torch.tanh(h + contribution)
        return self.out(h) * 2.0


class ReturnsIds(torch.nn.Module):
    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return input_ids.to(torch.float32).unsqueeze(-1)


def ablate(example, mask: List[int], ablation: str):
    """The model input of one mask, as the C++ side builds it (script_model.h)."""
    ids = example["input_ids"]
    span_of = [-1] * len(ids)
    for s, (begin, end) in enumerate(example["spans"]):
        for t in range(begin, end):
            span_of[t] = s
    kept = []
    for t, token in enumerate(ids):
        if span_of[t] < 0 or mask[span_of[t]]:
            kept.append(token)
        elif ablation == "mask":
            kept.append(example["mask_token_id"])
    prompt = len(kept)
    answer = example["target"].get("answer_ids", [])
    full = len(ids) + len(answer)
    row = kept + answer
    attention = [1] * len(row) + [0] * (full - len(row))
    row = row + [example.get("pad_token_id", PAD)] * (full - len(row))
    return row, attention, prompt


def value(model, example, mask, ablation, head_mask=None):
    row, attention, prompt = ablate(example, mask, ablation)
    ids = torch.tensor([row])
    att = torch.tensor([attention])
    with torch.no_grad():
        if head_mask is None:
            logits = model(ids, att).double()
        else:
            logits = model(ids, att, head_mask).double()
    target = example["target"]
    if "class" in target:
        if head_mask is not None:
            return torch.log_softmax(logits, 1)[0, target["class"]].item()
        return logits[0, target["class"]].item()
    log_p = torch.log_softmax(logits, 2)
    return sum(log_p[0, prompt - 1 + j, a].item() for j, a in enumerate(target["answer_ids"]))


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write((row if isinstance(row, str) else json.dumps(row)) + "\n")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)

    def random_mask(n):
        return [int(b) for b in torch.randint(0, 2, (n,), generator=generator)]

    classifier, lm, heads = Classifier().eval(), CausalLm().eval(), Heads().eval()
    torch.jit.script(classifier).save(os.path.join(out, "classifier.pt"))
    torch.jit.script(lm).save(os.path.join(out, "causal_lm.pt"))
    torch.jit.script(heads).save(os.path.join(out, "heads.pt"))
    torch.jit.script(ReturnsIds()).save(os.path.join(out, "returns_ids.pt"))
    with open(os.path.join(out, "corrupt.pt"), "wb") as f:
        f.write(b"this is not a TorchScript archive")

    # A [CLS]-like token 2 outside every span; words of one or two tokens.
    classifier_examples = [
        {"input_ids": [2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], "spans": [[1, 2], [2, 4], [4, 5], [5, 6], [6, 8], [8, 9], [9, 10], [10, 11]],
         "mask_token_id": MASK, "target": {"class": 2}, "features": ["a", "bc", "d", "e", "fg", "h", "i", "j"]},
        {"input_ids": [2] + list(range(15, 35)), "spans": [[t, t + 1] for t in range(1, 21)],
         "mask_token_id": MASK, "pad_token_id": PAD, "target": {"class": 0}},
    ]
    lm_examples = [
        {"input_ids": [2, 20, 21, 22, 23, 24, 25, 26], "spans": [[1, 3], [3, 4], [4, 5], [5, 7], [7, 8]],
         "mask_token_id": MASK, "target": {"answer_ids": [30, 31, 32]}},
    ]
    heads_examples = [
        {"input_ids": [2, 5, 9, 12, 30], "spans": [[1, 5]], "target": {"class": 1}},
        {"input_ids": [2, 7, 8, 33], "spans": [[1, 4]], "target": {"class": 0}},
        {"input_ids": [2, 11, 19, 25, 26, 38], "spans": [[1, 6]], "target": {"class": 1}},
    ]
    write_jsonl(os.path.join(out, "classifier.jsonl"), classifier_examples)
    write_jsonl(os.path.join(out, "causal_lm.jsonl"), lm_examples)
    write_jsonl(os.path.join(out, "heads.jsonl"), heads_examples)
    write_jsonl(os.path.join(out, "bad_span.jsonl"), [classifier_examples[0],
        {"input_ids": [2, 5, 6], "spans": [[1, 2], [2, 5]], "mask_token_id": MASK, "target": {"class": 0}}])
    write_jsonl(os.path.join(out, "bad_answer.jsonl"),
        [{"input_ids": [2, 20, 21], "spans": [[1, 2], [2, 3]], "mask_token_id": MASK, "target": {"answer_ids": [30, 99]}}])
    write_jsonl(os.path.join(out, "bad_class.jsonl"),
        [{"input_ids": [2, 20, 21], "spans": [[1, 2], [2, 3]], "mask_token_id": MASK, "target": {"class": 7}}])
    write_jsonl(os.path.join(out, "bad_json.jsonl"), [classifier_examples[0], '{"input_ids": [2, 5,'])

    expected = {"classifier": [], "causal_lm": [], "heads": []}
    for index, example in enumerate(classifier_examples):
        for ablation in ("mask", "delete"):
            for _ in range(6):
                mask = random_mask(len(example["spans"]))
                expected["classifier"].append({"example": index, "ablation": ablation, "mask": mask,
                                               "value": value(classifier, example, mask, ablation)})
    for ablation in ("mask", "delete"):
        for _ in range(6):
            mask = random_mask(len(lm_examples[0]["spans"]))
            mask[0] = 1  # keep a prompt token besides [CLS] sometimes deleted
            expected["causal_lm"].append({"example": 0, "ablation": ablation, "mask": mask,
                                          "value": value(lm, lm_examples[0], mask, ablation)})
    for _ in range(8):
        keep = random_mask(6)
        kept_per_layer = [max(1, sum(keep[3 * l:3 * l + 3])) for l in range(2)]
        head_mask = torch.tensor([[[keep[3 * l + h] * 3.0 / kept_per_layer[l] for h in range(3)] for l in range(2)]])
        mean = sum(value(heads, e, [1], "mask", head_mask) for e in heads_examples) / len(heads_examples)
        expected["heads"].append({"mask": keep, "value": mean})
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
