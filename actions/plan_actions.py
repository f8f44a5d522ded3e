"""The adviser's next steps in the chat: shown when the pupil asks (in the conversation that booked, or with the
booking reference and first name) or when the widget reopens on a conversation with a new plan; ticked off with
buttons. The checks live in booking/plans.py."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_actions import NOT_A_FIRST_NAME, NOT_A_REFERENCE, typed_first_name, typed_reference
from actions.db import engine
from booking import plans, service

LOOKUP_SLOTS = ["plan_reference", "plan_first_name"]


def show(dispatcher: CollectingDispatcher, plan: plans.Plan, opening: str) -> list[dict[str, Any]]:
    """The numbered steps, each marked done or not, with an "I've done" button for each step not done yet."""
    listed = "\n".join(f"{s.position}. {s.text}" + (" (done ✓)" if s.done else "") for s in plan.steps)
    left = [s for s in plan.steps if not s.done]
    tail = ("When you've done a step, press its button to tick it off." if left
            else "You've done every step. Brilliant!")
    dispatcher.utter_message(text=f"{opening}\n{listed}\n{tail}", buttons=[
        {"title": f"I've done {s.position}", "payload": f'/tick_step{{"step_id":"{s.id}"}}'} for s in left])
    return [SlotSet("plan_seen", plan.signature)]


def reachable_plan(tracker: Tracker) -> plans.Plan | None:
    """This conversation's own plan, or the one the pupil unlocked with its reference and first name."""
    own = plans.for_conversation(engine(), tracker.sender_id)
    if own is not None:
        return own
    reference, name = tracker.get_slot("plan_reference"), tracker.get_slot("plan_first_name")
    if not reference or not name:
        return None
    try:
        return plans.lookup(engine(), tracker.sender_id, reference, name)
    except service.BookingError:
        return None


class ValidatePlanForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_plan_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        if plans.has_booking(engine(), tracker.sender_id):
            return []  # the conversation that booked: its own plan, or "not yet"
        return LOOKUP_SLOTS

    def validate_plan_reference(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        reference = typed_reference(value)
        if reference is None:
            dispatcher.utter_message(text=NOT_A_REFERENCE)
            return {"plan_reference": None}
        return {"plan_reference": reference}

    def validate_plan_first_name(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        name = typed_first_name(value)
        if name is None:
            dispatcher.utter_message(text=NOT_A_FIRST_NAME)
            return {"plan_first_name": None}
        try:
            plans.lookup(engine(), tracker.sender_id, tracker.get_slot("plan_reference"), name)
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return {"plan_reference": None, "plan_first_name": None, "requested_slot": None}
        return {"plan_first_name": name}


class ActionShowPlan(Action):
    """After plan_form: the steps, or nothing more when the form already said why not."""

    def name(self) -> str:
        return "action_show_plan"

    def run(self, dispatcher, tracker, domain):
        plan = reachable_plan(tracker)
        if plan is None:
            if not plans.has_booking(engine(), tracker.sender_id) and not tracker.get_slot("plan_reference"):
                return []  # the form has just told the pupil why
            dispatcher.utter_message(text=plans.NO_PLAN)
            return []
        return show(dispatcher, plan, "Here are the next steps from your careers adviser:")


class ActionCheckPlan(Action):
    """The widget reopened on this conversation: shows the adviser's steps once, when they are new or changed."""

    def name(self) -> str:
        return "action_check_plan"

    def run(self, dispatcher, tracker, domain):
        plan = plans.for_conversation(engine(), tracker.sender_id)
        if plan is None or plan.signature == tracker.get_slot("plan_seen"):
            return []
        return show(dispatcher, plan, f"Welcome back, {plan.first_name}! Your careers adviser has written some next "
                                      "steps for you:")


class ActionTickStep(Action):
    def name(self) -> str:
        return "action_tick_step"

    def run(self, dispatcher, tracker, domain):
        step_id = str(next(tracker.get_latest_entity_values("step_id"), "") or "")
        plan = reachable_plan(tracker)
        step = next((s for s in plan.steps if str(s.id) == step_id), None) if plan and step_id.isdigit() else None
        if step is None:
            dispatcher.utter_message(text="I can't find that step. Ask me to show your next steps again.",
                                     buttons=[{"title": "Show my next steps", "payload": "/ask_next_steps"}])
            return []
        plans.tick(engine(), plan.reference, step.id)
        return show(dispatcher, plans.Plan(plan.reference, plan.first_name, plans.steps(engine(), plan.reference)),
                    f"Well done! I've ticked off step {step.position}.")


class ActionStopPlan(Action):
    def name(self) -> str:
        return "action_stop_plan"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="OK, I've stopped.")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + [SlotSet(s, None) for s in LOOKUP_SLOTS]
