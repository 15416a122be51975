"""``python -m xingxian_cli.sample [OUT_DIR] [--seed N]``: write the sample_data folder."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from xingxian_cli.messages import template as msg
from xingxian_cli.sample.generator import DEFAULT_SEED, generate_sample_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xingxian_cli.sample")
    parser.add_argument("out_dir", nargs="?", default="sample_data", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    files = generate_sample_data(args.out_dir, seed=args.seed)
    print(
        msg.SAMPLE_DONE.format(
            count=len(files), out_dir=args.out_dir, seconds=time.perf_counter() - started
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
