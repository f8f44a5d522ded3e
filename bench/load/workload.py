"""The messages of one pupil conversation in `make bench-load` (plain data: locust and the runner share it)."""

SCHOOL = {"school_id": "worcester-high"}
CONVERSATION = [
    ("greeting", "hi"),
    ("pay", "how much do plumbers earn"),
    ("outlook", "are there lots of plumbing jobs round here"),
    ("apprenticeships", "what apprenticeships are there for plumbing"),
    ("routes", "how do i become a nurse"),
    ("routes", "what can i do after my gcses"),
    ("booking", "can i book a careers interview"),
    ("booking", "Sam"),
    ("booking", "year 10"),
    ("booking", "apprenticeships in engineering"),
    ("booking", "yes"),
]
