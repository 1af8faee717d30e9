"""The django-helpdesk side of bench/helpdesk.py, run with django-helpdesk's own virtualenv's Python.

Migrates the database that peer_settings names (made by bench/helpdesk.py), loads the first --stage tickets of
hd_common.rows(), then answers commands, one JSON object a line on stdin (``{"op": "once", "page": "list"}``),
with one JSON line on stdout each: the methods of hd_common.Side. Everything else it prints goes to stderr.
"""

import argparse
import datetime
import json
import os
import sys
import traceback

import hd_common as common

BATCH = 2000


class Peer(common.Side):
    def __init__(self, data, stage: int, search: str):
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from helpdesk.models import Queue

        super().__init__(data, stage)
        self.users = [
            get_user_model().objects.create_user(f"staf{n}", email=f"staf{n}@bench.test", is_staff=True)
            for n in range(common.STAFF)
        ]
        self.queues = [
            Queue.objects.create(
                title=name, slug=slug, allow_public_submission=True, email_address=f"{slug}@bench.test"
            )
            for slug, name, _code in common.CATEGORIES
        ]
        self.client = Client()
        self.client.force_login(self.users[0])  # a staff member: sees every queue, as Orbit's unit head does
        ticket = common.measured_ticket(data).number
        page = reverse("helpdesk:list")
        searched = f"{page}?q={search}&status=1&status=2&sort=created&sortreverse=on"
        self.pages = {
            # The rows (JSON), and what the user waits for: the list page, then the rows its table fetches.
            "list": self.get(self.list_url(), self.rows),
            "search": self.get(self.list_url(search), self.rows),
            "list_page": self.both(self.get(page), self.get(self.list_url(), self.rows)),
            "search_page": self.both(self.get(searched), self.get(self.list_url(search), self.rows)),
            "ticket": self.get(reverse("helpdesk:view", args=[ticket])),
            "dashboard": self.get(reverse("helpdesk:dashboard")),
        }
        self.submit_url = reverse("helpdesk:submit")

    @staticmethod
    def list_url(search: str = "") -> str:
        """What the ticket list page has its table fetch: open and reopened tickets, newest first, 25 a page."""
        from django.urls import reverse
        from helpdesk.query import query_to_base64

        query = {
            "filtering": {"status__in": [1, 2]},
            "sorting": "created",
            "sortreverse": True,
            "search_string": search,
        }
        columns = "draw=1&start=0&length=25&order%5B0%5D%5Bcolumn%5D=5&order%5B0%5D%5Bdir%5D=desc"
        return reverse("helpdesk:datatables_ticket_list", args=[query_to_base64(query)]) + "?" + columns

    @staticmethod
    def rows(response):
        body = response.json()
        return {"ids": [row["id"] for row in body["data"]], "matches": body["recordsFiltered"]}

    def get(self, url, check=None):
        def action():
            response = self.client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return check(response) if check else None

        return action

    @staticmethod
    def both(first, second):
        def action():
            first()
            return second()

        return action

    def load(self, rows) -> None:
        """Bulk inserts: each ticket, the follow-up its web form writes, and a follow-up per reply."""
        from django.core.management.color import no_style
        from django.db import connection, transaction

        from helpdesk.models import Ticket

        created, modified = Ticket._meta.get_field("created"), Ticket._meta.get_field("modified")
        created.auto_now_add = modified.auto_now = False  # keep the generated dates
        try:
            with transaction.atomic():
                for start in range(0, len(rows), BATCH):
                    self.load_batch(rows[start : start + BATCH])
                with connection.cursor() as cursor:  # the ids were given: the next ticket's id follows them
                    for sql in connection.ops.sequence_reset_sql(no_style(), [Ticket]):
                        cursor.execute(sql)
        finally:
            created.auto_now_add = modified.auto_now = True

    def load_batch(self, rows) -> None:
        from helpdesk.models import FollowUp, Ticket

        Ticket.objects.bulk_create(
            Ticket(
                id=row.number,
                title=row.subject,
                queue=self.queues[row.category],
                created=row.created,
                modified=row.last_activity,
                submitter_email=row.requester_email,
                assigned_to=None if row.assignee is None else self.users[row.assignee],
                status=common.PEER_STATUS[row.status][0],
                on_hold=common.PEER_STATUS[row.status][1],
                description=row.description,
                priority=3,
                due_date=row.resolution_due,
            )
            for row in rows
        )
        followups = []
        for row in rows:
            followups.append(
                FollowUp(
                    ticket_id=row.number,
                    title="Ticket Opened Via Web",
                    date=row.created,
                    public=True,
                    comment=row.description,
                )
            )
            followups += [
                FollowUp(
                    ticket_id=row.number,
                    title="Comment",
                    date=reply.at,
                    public=True,
                    comment=reply.body,
                    user=None if reply.staff is None else self.users[reply.staff],
                )
                for reply in row.replies
            ]
        FollowUp.objects.bulk_create(followups)

    def submit(self, n: int) -> None:
        request = common.submission(n)
        response = self.visitor().post(  # a new visitor each time
            self.submit_url,
            {
                "queue": self.queues[request["category"]].pk,
                "title": request["subject"],
                "body": request["description"],
                "priority": 3,
                "submitter_email": request["email"],
            },
        )
        assert response.status_code == 302, (response.status_code, response.content[:2000])


def serve(side: Peer, replies) -> None:
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "quit":
            return
        try:
            answer = {"value": getattr(side, op)(**command)}
        except Exception:  # the controller reports it and stops
            answer = {"error": traceback.format_exc()}
        replies.write(json.dumps(answer) + "\n")
        replies.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, required=True)
    parser.add_argument("--stage", type=int, required=True, help="tickets loaded before the first command")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--now", required=True, help="ISO date-time the tickets' dates are counted back from")
    parser.add_argument("--search", required=True)
    options = parser.parse_args()

    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray output must not mix with the replies
    os.environ["DJANGO_SETTINGS_MODULE"] = "peer_settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    data = common.rows(options.tickets, options.seed, datetime.datetime.fromisoformat(options.now))
    side = Peer(data, options.stage, options.search)
    side.load(data[: options.stage])
    try:
        serve(side, replies)
    finally:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
