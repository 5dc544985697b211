#!/usr/bin/env python3
"""A spexbench external worker with PyTorch (Debian's python3-torch): a small fixed-seed MLP over
the masks, in inference mode, batched. It stands in for any torch model a user wants explained.

usage: torch_mlp_worker.py N [HIDDEN]
"""
import json
import sys

import torch


def main(n, hidden=32):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(n, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1))
    model.eval()

    hello = json.loads(sys.stdin.readline())
    if hello.get("protocol") != "spexbench-external" or hello.get("version") != 1:
        sys.exit(f"unsupported protocol: {hello}")
    print(json.dumps({"protocol": "spexbench-external", "version": 1, "num_features": n}), flush=True)

    with torch.inference_mode():
        for line in sys.stdin:
            masks = json.loads(line)["masks"]
            x = torch.tensor([[c == "1" for c in m] for m in masks], dtype=torch.float64)
            values = model.double()(x).squeeze(1).tolist()
            print(json.dumps({"values": values}), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 32)
