#!/usr/bin/env python3
"""Times sentence-transformers (PyTorch, CPU) on the work `memograph bench embed` times.

The reference the built-in model is measured against. Write the workload and run both, one
after the other, on the same machine:

    memograph bench embed --json --write-workload /tmp/embed-workload.json
    python3 scripts/embed-reference.py /tmp/embed-workload.json

Needs `pip install sentence-transformers` (which installs PyTorch); the model folder is the
one `memograph model fetch` fills. Prints one JSON object with the same keys as
`bench embed --json`.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path


def default_model_directory() -> Path:
    """Where `memograph model fetch` puts the model (`memograph model path`)."""
    explicit = os.environ.get("MEMOGRAPH_MODEL_DIR")
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share"
    return Path(data_home) / "memograph/models/all-MiniLM-L6-v2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", help="the file `memograph bench embed --write-workload` wrote")
    parser.add_argument("--model", type=Path, default=default_model_directory())
    parser.add_argument("--runs", type=int, default=5, help="timed passes; the median is reported")
    parser.add_argument("--queries", type=int, default=200, help="timed single queries")
    arguments = parser.parse_args()
    if arguments.runs < 1 or arguments.queries < 1:
        parser.error("--runs and --queries must be positive")

    import sentence_transformers
    import torch

    workload = json.loads(Path(arguments.workload).read_text())
    sentences, query, batch_size = workload["sentences"], workload["query"], workload["batch_size"]
    model = load_model(arguments.model)
    with torch.inference_mode():
        model.encode(sentences[:128], batch_size=batch_size)
        rates = []
        for _ in range(arguments.runs):
            start = time.perf_counter()
            model.encode(sentences, batch_size=batch_size)
            rates.append(len(sentences) / (time.perf_counter() - start))
        for _ in range(10):
            model.encode([query])
        latencies = []
        for _ in range(arguments.queries):
            start = time.perf_counter()
            model.encode([query])
            latencies.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "sentences_per_second": round(statistics.median(rates), 1),
                "query_p50_ms": round(statistics.median(latencies), 3),
                "sentences": len(sentences),
                "batch_size": batch_size,
                "threads": torch.get_num_threads(),
                "implementation": f"sentence-transformers {sentence_transformers.__version__}, "
                f"torch {torch.__version__}",
            }
        )
    )


def load_model(directory: Path):
    """The model in `directory`, loaded by sentence-transformers onto the CPU."""
    from sentence_transformers import SentenceTransformer

    if not (directory / "model.safetensors").exists():
        raise SystemExit(f"no model in {directory}; run `memograph model fetch` or pass --model")
    return SentenceTransformer(str(directory), device="cpu")


if __name__ == "__main__":
    main()
