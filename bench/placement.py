"""Placement solver benchmark: seeded instances of 45×7, 300×40 and 5,000×400 (people × pokja), each without
and with rolling (rolling plus a 30 % churn limit), in one run.

For every case it prints the solve time, objective, best bound, relative gap, status, the greedy heuristic's
objective as a share of the solver's, and the case's peak memory. Each case runs in its own forked process so
that its peak resident memory (``resource.getrusage``) is its own.

    .venv/bin/python bench/placement.py [--sizes 45x7,300x40,5000x400] [--seed 1] [--time-limit 60]
"""

import argparse
import multiprocessing
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from placement import greedy  # noqa: E402
from placement.checks import check_plan  # noqa: E402
from placement.generate import random_instance  # noqa: E402
from placement.model import Scores, score  # noqa: E402
from placement.solver import solve  # noqa: E402

LARGE_GAP = 0.01  # the 5,000 × 400 target: within 1 % of the bound
CHURN_LIMIT = 30.0


def run_case(people: int, pokja: int, rolling: bool, seed: int, time_limit: float, queue) -> None:
    instance = random_instance(people, pokja, seed=seed, rolling=rolling, churn_limit=CHURN_LIMIT if rolling else None)
    instance.rules.time_limit = time_limit
    if people * pokja > 100_000:
        instance.rules.mip_gap = LARGE_GAP
    began = time.perf_counter()
    plan = solve(instance)
    seconds = time.perf_counter() - began
    scores = Scores(instance)
    greedy_began = time.perf_counter()
    start = greedy.plan(instance, scores)
    greedy_seconds = time.perf_counter() - greedy_began
    greedy_valid = not check_plan(instance, start)
    queue.put(
        {
            "case": f"{people}×{pokja}",
            "rolling": rolling,
            "status": plan.status,
            "seconds": seconds,
            "objective": plan.objective,
            "bound": plan.bound,
            "gap": plan.gap,
            "violations": len(plan.violations),
            "greedy_ratio": score(instance, start, scores) / plan.objective if plan.objective else None,
            "greedy_seconds": greedy_seconds,
            "greedy_valid": greedy_valid,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="45x7,300x40,5000x400")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    header = (
        f"{'case':>10} {'rolling':>7} {'status':>9} {'time s':>7} {'objective':>12} {'bound':>12} {'gap %':>7} "
        f"{'greedy/opt':>10} {'greedy s':>8} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes.split(","):
        people, pokja = (int(n) for n in size.lower().split("x"))
        for rolling in (False, True):
            queue = context.Queue()
            child = context.Process(target=run_case, args=(people, pokja, rolling, args.seed, args.time_limit, queue))
            child.start()
            row = queue.get()
            child.join()
            gap = "—" if row["gap"] is None else f"{100 * row['gap']:.3f}"
            ratio = "—" if row["greedy_ratio"] is None else f"{row['greedy_ratio']:.4f}"
            ratio += "" if row["greedy_valid"] else "*"
            print(
                f"{row['case']:>10} {'yes' if rolling else 'no':>7} {row['status']:>9} {row['seconds']:>7.2f} "
                f"{row['objective'] or 0:>12.2f} {row['bound'] or 0:>12.2f} {gap:>7} {ratio:>10} "
                f"{row['greedy_seconds']:>8.2f} {row['peak_mb']:>8.0f}",
                flush=True,
            )
    print("\nrolling = last period's ketua may not stay ketua, and at most 30 % of memberships change.")
    print("greedy/opt marked * = the greedy plan broke a hard rule (it is only the solver's fallback).")


if __name__ == "__main__":
    main()
