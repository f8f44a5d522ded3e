"""The pupil workload for `make bench-load` (run by locust in .venv-bench; imports nothing from Pathfinder).

Each simulated pupil holds one conversation after another, with no pause between messages: pay, outlook,
apprenticeships, study routes, then booking a careers interview (choosing the first slot offered, if any).
Every message is one request on Rasa's REST channel; a reply that is not a JSON list counts as an error.
"""
import os
import uuid

from locust import HttpUser, constant, task

from workload import CONVERSATION, SCHOOL  # bench/load/workload.py: locust puts this folder on sys.path


class Pupil(HttpUser):
    wait_time = constant(float(os.environ.get("PATHFINDER_BENCH_THINK_SECONDS", "0")))

    def say(self, sender: str, step: str, text: str) -> list:
        body = {"sender": sender, "message": text, "metadata": SCHOOL}
        with self.client.post("/webhooks/rest/webhook", json=body, name=step, catch_response=True) as response:
            try:
                replies = response.json()
            except ValueError:
                replies = None
            if response.status_code != 200 or not isinstance(replies, list):
                response.failure(f"HTTP {response.status_code}: {response.text[:120]!r}")
                return []
            response.success()
            return replies

    @task
    def conversation(self):
        sender = uuid.uuid4().hex
        replies = []
        for step, text in CONVERSATION:
            replies = self.say(sender, step, text)
        slots = [b.get("payload", "") for r in replies for b in r.get("buttons") or []
                 if str(b.get("payload", "")).startswith("/choose_slot")]
        if slots:
            self.say(sender, "booking", slots[0])
