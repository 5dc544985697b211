#!/usr/bin/env python3
"""A spexbench external worker for a Hugging Face text classifier (needs `transformers`, which is
not packaged for Debian 12, so this one is documented rather than tested here).

Components are the words of TEXT; an ablated word becomes the tokenizer's mask (or unknown)
token; the value is the logit of LABEL.

usage: huggingface_worker.py MODEL_NAME LABEL "TEXT ..."
  spexbench run --task 'external.process:command="python3 huggingface_worker.py
      distilbert-base-uncased-finetuned-sst-2-english POSITIVE \\"a great film\\""' ...
"""
import json
import sys

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def main(model_name, label, text):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForSequenceClassification.from_pretrained(model_name).eval()
    label_id = model.config.label2id[label]
    words = text.split()
    blank = tokenizer.mask_token or tokenizer.unk_token

    hello = json.loads(sys.stdin.readline())
    if hello.get("protocol") != "spexbench-external" or hello.get("version") != 1:
        sys.exit(f"unsupported protocol: {hello}")
    print(json.dumps({"protocol": "spexbench-external", "version": 1, "num_features": len(words)}), flush=True)

    with torch.inference_mode():
        for line in sys.stdin:
            masks = json.loads(line)["masks"]
            texts = [" ".join(w if keep == "1" else blank for w, keep in zip(words, m)) for m in masks]
            batch = tokenizer(texts, return_tensors="pt", padding=True, truncation=True)
            logits = model(**batch).logits[:, label_id]
            print(json.dumps({"values": logits.tolist()}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
