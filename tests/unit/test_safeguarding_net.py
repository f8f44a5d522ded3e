"""The first layer of the safeguarding net, the patterns (safeguarding/net.py), on its own: catches disclosures
(misspelt and indirect ones too) and leaves careers talk and exaggeration alone."""
import pytest

from safeguarding.kinds import KINDS
from safeguarding.net import CATEGORIES, TOPICS, match

DISCLOSURES = [
    # self-harm and suicidal thoughts
    "i dont want to be here anymore", "i want to kill myself", "i wanna kms", "thinking about ending it all",
    "i keep cutting myself", "i self harm", "been self harming again", "i feel suicidal", "im sucidal",
    "i want to die", "i wanna die tbh", "everyone would be better off without me", "nobody would miss me",
    "i cant go on like this", "i took loads of pills last night", "whats the point, i want to end my life",
    "i hurt myself when im sad", "i dont want to live anymore", "i wish i was dead", "no reason to live",
    "i might unalive myself", "i hate my life and want to disappear forever", "goodbye everyone",
    # abuse at home
    "my step dad hits me", "my stepdad beats me", "my mum hits me when shes drunk", "dad keeps punching me",
    "my uncle touches me", "im being abused at home", "im scared to go home", "i dont feel safe at home",
    "theres never any food at home", "my mums boyfriend hurts me", "he hits me", "my parents lock me in my room",
    "my dad hits my mum", "there is domestic violence in my house", "i get hit at home",
    # hurt or threatened
    "sum1 keeps threatening me", "some boys said they will stab me", "someone is going to beat me up",
    "a guy keeps following me home", "i got jumped after school", "they threatend to hurt my family",
    "i feel unsafe", "i think im in danger", "someone has a knife and said theyll get me",
    # sexual exploitation
    "an older guy keeps asking for nudes", "he made me send pics", "i think im being groomed",
    "an older man buys me stuff and picks me up", "someone raped me", "they made me carry drugs for them",
    "i owe them money and they make me sell", "he touched me and i didnt want it", "my bf forced me",
    "a man i met online keeps asking me to send pics", "an older girl on snap wants me to meet up alone",
    "he told me to keep it a secret", "someone online wants me to send photos of myself",
    # running away
    "im going to run away tonight", "i ran away from home", "my mum kicked me out", "ive got nowhere to sleep",
    "i slept rough last night", "im never going back home",
    # bullying that frightens
    "im being bullied and im scared", "i get bullied every day", "the bullies wait for me after school",
    "im scared to go to school", "they keep picking on me", "ppl are posting stuff about me online",
    "getting cyberbullied", "everyone hates me at school",
]

CAREERS_TALK = [
    "I want to be a mental health nurse", "my dream job is killing it on YouTube", "this homework is killing me",
    "how do I become a police officer who works on abuse cases", "how much do electricians get",
    "what does a social worker do", "i want to help children who are abused when im older",
    "can i be a child protection social worker", "how do i become a domestic abuse officer",
    "what about suicide prevention charities", "i want to work for childline as a counsellor",
    "is being a paramedic stressful", "how long is a firefighter apprenticeship",
    "i want to be a butcher, do i need my own butchers knife", "how much do chefs earn",
    "what are knife skills in catering", "are there jobs in cyber security", "how do i become a threat analyst",
    "my exams are killing me lol", "maths is killing me", "i killed it in my mock exams",
    "what can i do after my gcses", "how do i become a prison officer", "do soldiers get paid well",
    "i want to be a criminal lawyer", "what does a crisis team worker do", "whats a safeguarding lead",
    "i want to be an anti bullying ambassador", "can i study psychology at uni", "how do i become a nurse",
    "i want to be a midwife", "whats the pay for a police officer in stoke", "what do forensic scientists do",
    "is nursing in demand round here", "tell me about t levels", "what level is a btec",
    "what jobs are growing in worcestershire", "can i do an apprenticeship to be a mechanic",
    "i want to work with animals", "how do i become a vet", "do apprentices get paid",
    "i want to be a youth worker", "what about the army", "can i be a photographer",
    "how do i become a personal trainer", "what does a counsellor earn", "is plumbing a good job",
    "i want to be a games designer", "i want to be a footballer", "what does a hairdresser earn",
    "how do i get into the police", "i'm in danger of failing maths, can i resit",
    "what's a shot put coach", "how long does it take to become a doctor", "can i leave school at 16",
    "what is a degree apprenticeship", "is social care a good career", "how do i become a probation officer",
    "how much do teachers get paid", "i love cooking, can i be a chef", "i want to run my own business",
    "my mum says i should be a dentist", "my dad is an electrician, can i be one too",
    "can i send pics of my art to a college", "how do photographers send photos to clients",
    "do older people work in retail", "my older brother is a plumber", "where do i send my cv",
]


@pytest.mark.parametrize("text", DISCLOSURES)
def test_disclosure_is_caught(text):
    found = match(text)
    assert found is not None, text
    assert found.kind in KINDS


@pytest.mark.parametrize("text", CAREERS_TALK)
def test_careers_talk_is_left_alone(text):
    assert match(text) is None, (text, match(text))


def test_at_least_sixty_phrasings_each_way():
    assert len(set(DISCLOSURES)) >= 60 and len(set(CAREERS_TALK)) >= 60


def test_disclosure_inside_a_careers_question_is_still_caught():
    assert match("i want to be a mental health nurse because i self harm") is not None
    assert match("how do i become a chef? my dad hits me") is not None
    assert match("can i be a police officer if im homeless right now") is not None


def test_topic_words_count_outside_careers_questions_only():
    assert match("domestic violence at my house again").kind == "domestic_abuse"
    assert match("how do i become a domestic violence advisor") is None
    assert match("there's loads of county lines round my estate and they want me in").kind == "criminal_exploitation"
    assert match("do police work on county lines") is None


def test_negation_and_other_people_do_not_count():
    assert match("ive never been bullied but what does a youth worker do") is None
    assert match("do paramedics see people who've been stabbed") is None
    assert match("i've been bullied for months") is not None


def test_everyday_exaggeration_is_left_alone():
    for text in ["my mum will kill me if i get a 4 in english", "my friends are gonna kill me for spoiling the ending",
                 "me and my sister had a nerf gun war", "i want to die of embarrassment"]:
        assert match(text) is None, (text, match(text))
    assert match("some lads said they're going to kill me after school").kind == "bullying_violence"


def test_kinds_are_named_from_the_known_list():
    assert set(CATEGORIES) <= set(KINDS) and set(TOPICS) <= set(KINDS)
    assert match("my stepdad beats me").kind == "physical_abuse"
    assert match("i want to kill myself").kind == "suicidal_thoughts"
    assert match("i keep cutting myself").kind == "self_harm"
    assert match("an older guy keeps asking for nudes").kind == "image_abuse"
    assert match("they made me carry drugs for them").kind == "criminal_exploitation"
    assert match("im going to run away tonight").kind == "running_away"


def test_odd_input_does_not_crash():
    for text in ["", "   ", "\x00\x01", "🙂🙂🙂", "a" * 20000, "<script>alert(1)</script>", "'; DROP TABLE x;--"]:
        assert match(text) is None


@pytest.mark.parametrize("banter, disclosure", [
    ("this homework is actual abuse 😭 3 essays in one night", "what my step dad does at home is abuse"),
    ("lol i got hit in the face with a netball today", "i got hit by my dad last night"),
    ("i feel like i got hit by a bus after sports day", "i got hit with a belt"),
    ("my brother beat me at fifa again im quitting", "my brother beat me at home and i have bruises"),
    ("a wasp attacked me at lunch, i was screaming", "a man attacked me on the way home"),
    ("mum threatened to cancel my birthday if i dont tidy up", "he threatened to kill me after school"),
    ("we watched a video about county lines in citizenship", "im doing county lines for some older boys"),
    ("our drama piece is about bullying, we won the competition", "im being bullied every day"),
])
def test_school_sport_and_game_banter_is_left_alone_but_the_harm_it_sounds_like_is_not(banter, disclosure):
    assert match(banter) is None
    assert match(disclosure) is not None


@pytest.mark.parametrize("text", [
    "rape crisis volunteer what training do they give u",
    "jobs helping people sleeping rough at night",
    "what job helps kids who are being bullied online",
])
def test_careers_questions_naming_services_and_the_people_helped_are_left_alone(text):
    assert match(text) is None


@pytest.mark.parametrize("text, kind", [
    ("im so done with life", "suicidal_thoughts"),
    ("i dont need a careers adviser, i dont plan on being here next year", "suicidal_thoughts"),
    ("can you book me a meeting for next week, if im still here by then", "suicidal_thoughts"),
    ("i carved a word into my leg with a compass", "self_harm"),
    ("im 17 n living in a tent, how do i get a job", "running_away"),
    ("purged 3 times today", "eating_disorder"),
    ("my face is still swollen from what dad did", "physical_abuse"),
])
def test_plain_everyday_disclosures_are_caught(text, kind):
    assert match(text).kind == kind


def test_their_everyday_neighbours_are_left_alone():
    for text in ["im done with this lesson", "my cat scratched my arm", "my leg is sore from what the coach did in training lol"]:
        assert match(text) is None, text
