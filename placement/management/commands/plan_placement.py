"""``manage.py plan_placement --instance FILE.json --output PLAN.json``: the solver outside the web app."""

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from placement.model import Instance
from placement.solver import solve


class Command(BaseCommand):
    help = "Solves a placement instance (JSON, see placement/README.md) and writes the plan as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--instance", required=True, help="instance JSON file")
        parser.add_argument("--output", required=True, help="plan JSON file to write ('-' for standard output)")
        parser.add_argument("--time-limit", type=float, help="seconds for the solver (overrides the instance)")
        parser.add_argument("--greedy", action="store_true", help="use the greedy heuristic only, no solver")

    def handle(self, *args, **options):
        try:
            instance = Instance.load(options["instance"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Cannot read the instance {options['instance']}: {error}") from error
        if options["time_limit"]:
            instance.rules.time_limit = options["time_limit"]
        plan = solve_quietly(instance, use_solver=not options["greedy"])
        text = json.dumps(plan.to_json(), ensure_ascii=False, indent=2)
        if options["output"] == "-":
            self.stdout.write(text)
        else:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        self.stderr.write(plan.statement())
        for conflict in plan.conflicts:
            self.stderr.write(f"- {conflict.text()}")
        if plan.status in ("infeasible", "failed"):
            raise CommandError(f"No plan: {plan.status}")


def solve_quietly(instance: Instance, use_solver: bool):
    """HiGHS prints a banner on standard output from C++; send it to standard error so that
    ``--output -`` stays pure JSON."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        return solve(instance, use_solver=use_solver)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
