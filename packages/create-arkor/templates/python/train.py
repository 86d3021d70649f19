#!/usr/bin/env python3
"""Fits a line to noisy points by gradient descent. Standard library only.

arkor runs it from the project root (see src/arkor/trainer.ts):
    python3 train.py --epochs 200 [--checkpoint PATH]
It tells arkor how training goes by appending JSON lines to $ARKOR_PROGRESS_FILE,
and on SIGTERM (Ctrl-C in arkor start, arkor jobs cancel, a scheduler's limit)
saves a checkpoint and exits.
"""
import argparse
import json
import os
import random
import signal
import sys


def report(**fields):
    """One progress line for arkor: step, total, metrics and message are all optional."""
    path = os.environ.get("ARKOR_PROGRESS_FILE")
    if path:
        with open(path, "a") as progress:
            progress.write(json.dumps(fields) + "\n")


def save(path, state):
    """Writes to a temporary file first, so a reader never sees half a checkpoint."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path + ".tmp", "w") as file:
        json.dump(state, file, indent=2)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--learning-rate", type=float, default=0.5)
    parser.add_argument("--checkpoint", default="checkpoints/model.json")
    args = parser.parse_args()

    # Points around y = 3x + 2, the same for every run with the same $SEED. Replace with your data.
    rng = random.Random(int(os.environ.get("SEED", "0")))
    points = [(x, 3 * x + 2 + rng.uniform(-0.1, 0.1)) for x in (rng.random() for _ in range(100))]
    model = {"slope": 0.0, "intercept": 0.0, "epoch": 0}

    def stop(signum, frame):
        save(args.checkpoint, {**model, "interrupted": True})
        print(f"{signal.Signals(signum).name}: saved {args.checkpoint} at epoch {model['epoch']}", flush=True)
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"fitting {len(points)} points for {args.epochs} epochs", flush=True)

    loss = 0.0
    for epoch in range(1, args.epochs + 1):
        errors = [(model["slope"] * x + model["intercept"] - y, x) for x, y in points]
        model["slope"] -= args.learning_rate * sum(2 * e * x for e, x in errors) / len(points)
        model["intercept"] -= args.learning_rate * sum(2 * e for e, _ in errors) / len(points)
        model["epoch"] = epoch
        loss = sum((model["slope"] * x + model["intercept"] - y) ** 2 for x, y in points) / len(points)
        report(step=epoch, total=args.epochs, metrics={"loss": round(loss, 6)})

    save(args.checkpoint, {**model, "loss": loss})
    print(f"fitted y = {model['slope']:.2f}x + {model['intercept']:.2f}; saved {args.checkpoint}", flush=True)


if __name__ == "__main__":
    main()
