"""The placement solver as a background task (django-tasks; the test settings run it immediately)."""

from django_tasks import task

from placement.services.runs import execute_run


@task()
def run_placement(run_id: int) -> str:
    """Solves a placement run and stores its proposal; returns the run's final status."""
    return execute_run(run_id).status
