"""The first layer of the safeguarding net: patterns that disclose risk of harm, grouped by known kind, with
the careers phrases that must not trip them.

When a message is ambiguous the net errs on the side of safety: a false alarm costs a member of staff a
minute; a missed disclosure can cost far more. Benign phrases are removed before matching, and only
the exact phrase, so a disclosure elsewhere in the same message is still caught. Patterns about the pupil
("my step dad hits me") count everywhere; bare topic words ("abuse", "homeless") only outside careers
questions; a match straight after "never"/"not"/"no" ("i've never been bullied") does not count.
The learnt classifier (safeguarding/classifier.py) is the second layer; neither needs the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from safeguarding.normalise import normalise

ADULT = (r"(?:dad|mum|father|mother|step dad|step mum|parents?|carers?|foster (?:mum|dad|carer)|uncle|aunt(?:ie)?|"
         r"grand(?:dad|ad|pa|mum|ma)|nan|brother|sister|cousin|mums boyfriend|mums partner|dads girlfriend|"
         r"dads partner|boyfriend|girlfriend|teacher|coach|he|she|they|someone|somebody|a man|a guy|an adult|"
         r"people|person|family|neighbour)")
HURT_VERBS = (r"(?:hits?|hitting|beats?|beating|beat|punch(?:es|ed|ing)?|kicks?|kicked|kicking|slaps?|slapped|"
              r"slapping|chok(?:es|ed|ing)|strangl\w*|burn(?:s|ed|t)|hurts?|hurting|abus(?:es|ed|ing)|"
              r"batter(?:s|ed)|bruis(?:es|ed)|throws? things at|thrown things at|locks?|locked|touch(?:es|ed|ing)|"
              r"grab(?:s|bed)|attack(?:s|ed)|stabbed|starv(?:es|ed))")

CATEGORIES: dict[str, tuple[str, ...]] = {
    "suicidal_thoughts": (
        r" (?:kill|killing|end|ending|hang|hanging|drown) my ?self ",
        r" (?:i am|i feel|feel|feeling|felt|been|being|get|getting|so|really|very|bit|proper) suicidal ",
        r" i (?:have |had )?(?:overdosed|took an overdose|taken an overdose) ",
        r" (?:want|wanted|wants|going|trying|planning|thinking about|thought about) to (?:die|end it|end my life|"
        r"disappear forever|not exist|not wake up) ",
        r" (?:end|ending|take|taking) (?:it all|my (?:own )?life) ", r" end it all ",
        r" (?:do not|never) want to (?:be here|live|be alive|exist|wake up)(?: any ?more)? ",
        r" (?:not|no point|no reason) (?:worth )?(?:living|to live|being alive|in living) ",
        r" (?:better off|be better) (?:dead|without me|if i (?:was|were) (?:gone|dead)) ",
        r" (?:nobody|no one|noone) would (?:miss|care if) ", r" wish i (?:was|were) (?:dead|never born|gone) ",
        r" (?:cannot|can not|can't) (?:go on|take (?:it|this) any ?more|cope any ?more) ",
        r" took (?:loads of|too many|a load of) (?:pills|tablets) ",
        r" (?:pills|tablets) to (?:die|end it) ", r" hate my life ", r" life is not worth ",
        r" (?:goodbye|bye) (?:forever|everyone|world) ", r" (?:jump|jumping) (?:off|in front of) ",
        r" (?:so |really |just |proper )?done with (?:life|living|being alive|existing) ",
        r" (?:do not|never) plan on (?:being|still being) (?:here|alive|around) ",
        r" if i am still (?:here|alive|around) (?:by then|next|tomorrow|after) ",
    ),
    "self_harm": (
        r" (?:hurt|hurting|harm|harming|cut|cutting|burn|burning) my ?self ",
        r" (?:i|i have|i still|i keep|keep|started|been|still|always|my) self harm\w* ",
        r" (?:i|i have|i keep|keep|been) (?:carved|carve|carving|scratched|scratch|scratching) (?:\w+ ){0,3}(?:into )?my "
        r"(?:arms?|legs?|wrists?|skin|thighs?|stomach) ",
    ),
    "sexual_abuse": (
        r" rap(?:e|ed|ing) ", r" sexual(?:ly)? (?:abus|assault|touch)\w* ",
        r" (?:touch|touched|touching|touches) me ", r" made me do (?:stuff|things|sexual) ",
    ),
    "image_abuse": (
        r" (?:send|sent|sending|asked for|asking for|wants?|made me send|share|shared|leaked) "
        r"(?:me )?(?:nudes|naked|nude|explicit|sexy) ", r" (?:blackmail|blackmailing|sextort\w*) me ",
        r" (?:wants?|want|asked|asks|asking|keeps? asking|told|tells|made|makes|forcing|forced|pressur\w*|begging) "
        r"(?:me )?(?:to )?send (?:him |her |them )?(?:pics|pictures|photos|selfies|videos|vids|snaps|images) ",
    ),
    "sexual_exploitation": (
        r" (?:grooming|groomed) me ", r" (?:i am|i was|been|being|getting|think i am|think i was) groomed ",
        r" (?:older|old) (?:guy|man|men|boyfriend|girlfriend|woman|lad) (?:gives?|gave|buys?|bought|pays?|paid|picks? me up) ",
        r" (?:sex|sexual) with (?:an? )?(?:adult|older|grown) ",
        r" (?:older|old|grown) (?:guy|man|men|boy|lad|person|someone|woman|girl) (?:i met )?(?:online|on \w+ )?"
        r"(?:wants?|keeps?|kept|asked|asks|asking|messag\w*|told|tells|is|has been) ",
        r" (?:wants?|asked|asking|keeps? asking) (?:me )?to meet (?:up )?(?:in person|irl|alone|secretly|in secret) ",
        r" (?:told|tells|asked|made) me (?:to )?keep (?:it|this|us|our \w+) (?:a )?secret ",
        r" (?:made|making|forced|forcing|force) me (?:to )?(?:have sex|do sexual|send) ",
    ),
    "criminal_exploitation": (
        r" (?:carry|carrying|sell|selling|hold|holding|deliver|delivering) (?:drugs|weed|packages?) for ",
        r" (?:made|making|forced|forcing|force) me (?:to )?(?:sell|carry) ",
        r" owe (?:them|him|her) (?:money|for) ",
    ),
    "eating_disorder": (
        r" (?:i )?(?:purged|purging|keep purging|make myself sick|made myself sick|making myself sick) ",
    ),
    "neglect": (
        r" (?:no|not any|never any|never enough) food (?:at home|in the house) ",
        r" (?:do not|does not|never) (?:feed|give me food) ", r" (?:i am|been|being|getting) (?:neglected|starved) ",
    ),
    "domestic_abuse": (
        r" (?:hits|beats|hurts) my (?:mum|dad|brother|sister) ",
    ),
    "physical_abuse": (
        rf" (?:my )?{ADULT} (?:keeps? |always |sometimes |often |has |have |just |still )?{HURT_VERBS} me ",
        rf" {HURT_VERBS} me (?:at home|when (?:he|she|they) (?:is|are|gets?) (?:drunk|angry|mad)) ",
        r" (?:i am|i get|i got|i was|i have been|been|being|getting) (?:being )?(?:abused|beaten|hit|battered|"
        r"locked in|hurt) ",
        r" my \w+(?: \w+)? (?:is|are|can be|gets|get) (?:abusive|violent) ", r" (?:my|our) (?:abusive|violent) ",
        r" (?:scared|afraid|frightened|terrified) (?:to go|of going|to be) (?:back )?home ",
        r" (?:not|never|do not feel|dont feel) safe (?:at|in my) (?:home|house) ", r" unsafe at home ",
        r" forced me ",
        rf" (?:bruis\w*|swollen|marks?|cuts?|black eye|sore|hurts?|hurting) (?:\w+ ){{0,2}}from what (?:my )?{ADULT} did ",
    ),
    "running_away": (
        r" (?:i|i am|i will|i might|to|about|of|we|i have|i had|i keep) (?:run|running|ran) (?:away|off)"
        r"(?! from (?:a |the )?(?:dog|dogs|bee|wasp|wasps|spider|cow|cows|goose|geese|ball)) ", r" (?:leave|leaving|left) home (?:and never|for good|tonight|forever) ",
        r" (?:sleeping|slept|sleep) (?:rough|on the streets|outside|in a park) ",
        r" (?:i have|i|i have got|i got|got|i am left with) nowhere (?:to (?:go|sleep|stay|live)) ",
        r" (?:kicked|threw|thrown|chucked) me out ",
        r" (?:i am|i was|i got|i have been|been|got|getting) (?:kicked|thrown|chucked) out (?!of (?:the |my )?"
        r"(?:college|school|lesson|class|classroom|club|team|game|shop|match|library|exam|group|chat)\b)",
        r" (?:i am|i was|we are|we were|i have been|been|now|basically|going to be|technically) homeless ",
        r" (?:never|not) (?:going|coming) (?:back )?home ",
        r" living in (?:a|my|the|our) (?:tent|car|shed|stairwell|bus shelter|garage) ",
        r" (?:i am|i have been|been|we are|now) (?:sleeping|staying) in (?:a|my|the) (?:car|shed|stairwell|bus shelter|garage) ",
    ),
    "bullying_violence": (
        r" (?:threaten\w*|threatening) (?:me|us|to) ", r" (?:i am|i was|been|being|getting|got|get) threatened ",
        r" (?:going to|will|wants? to|want to|trying to|tried to|said (?:he|she|they)(?:d| would)) "
        r"(?:hurt|stab|beat|batter|shoot|jump) (?:me|us|my family) ",
        # "kill me" is everyday exaggeration ("my mum's gonna kill me") unless it is a reported threat
        r" (?:said|says|saying|told me|threatened|messaged|texted|keeps? saying|keep saying) [a-z' ]{0,30}"
        r"(?:kill|hurt|stab|beat|batter|shoot|jump) (?:me|us|my family) ",
        r" (?:he|she|they|someone|somebody|people|them|gang|boys|girls|lads) (?:is |are )?(?:going to|will|wants? to|"
        r"want to|trying to|tried to) kill (?:me|us|my family) ",
        r" (?:to|will|would|going to|wants? to|threatened to|tried to) (?:stab|knife|shank|shoot) me ",
        r" (?:i|i was|i got|i have been|i nearly got|nearly got) (?:stabbed|knifed|shot) ",
        r" (?:has|had|carries|carrying|pulled|pulls) (?:a )?(?:knife|gun|blade) ", r" with a (?:knife|gun|blade) ", r" beat me up ",
        r" (?:i|i was|i got|i have been|been|got|getting) beaten up ", r" jumped me ",
        r" (?:got|get|getting|been|was|were) jumped ",
        r" (?:attacked|assaulted|mugged|followed|stalking|stalked|following) me ", r" (?:being|getting) (?:stalked|followed) ",
        r" (?:feel|am|i am|i feel|not) (?:un)?safe ", r" (?:i am|i am in|i might be|i could be|we are|i feel) in danger ",
        r" scared for my life ",
        r" (?:someone|somebody|people|they|he|she) (?:keeps?|is|are) (?:hurting|following|watching|messaging) me ",
        r" (?:being|getting|been|got|get) bull(?:ied|y) ", r" bull(?:y|ies|ying) (?:me|us) ",
        r" the bullies ", r" (?:bullying|bullies) (?:at|in) (?:school|my school|college|my class) ", r" (?:scared|afraid|frightened|terrified) (?:to go|of going) (?:to )?(?:school|college|out) ",
        r" (?:picking|picks|pick) on me ", r" (?:being|getting|been|got) cyber ?bull\w* ", r" cyber ?bull\w* me ", r" (?:everyone|they all|people) (?:hate|hates) me ",
        r" (?:they|people|he|she|someone) (?:are |is |keeps? )?(?:spread|spreads|spreading|post|posted|posting) (?:rumours|stuff|pics|photos) about me ",
    ),
}

# Topic words: they disclose harm when a pupil uses them about themselves, but careers questions use them too
# ("a police job investigating online abuse", "jobs helping homeless people"). They count only when the
# message is not a careers question (CAREERS_TALK); the personal forms above count everywhere.
TOPICS: dict[str, tuple[str, ...]] = {
    "suicidal_thoughts": (r" suicid\w* ", r" kill yourself ", r" overdos\w* "),
    "self_harm": (r" self harm\w* ", r" self injur\w* "),
    "sexual_exploitation": (r" (?:groom|grooming|groomed) ",),
    "image_abuse": (r" nudes ", r" (?:blackmail|sextort)\w* "),
    "criminal_exploitation": (r" county lines ",),
    "domestic_abuse": (r" domestic (?:violence|abuse) ",),
    "physical_abuse": (r" abus\w* ",),
    "running_away": (r" homeless ", r" nowhere (?:to (?:go|sleep|stay|live)) ", r" (?:kicked|thrown|chucked) out (?!of (?:the |my )?"
                     r"(?:college|school|lesson|class|classroom|club|team|game|shop|match|library|exam|group|chat)\b)"),
    "bullying_violence": (r" threat\w* ", r" (?:stab|stabbed|knife|knifed|guns?) ", r" beaten up ", r" bullying ",
                          r" bullies ", r" in danger ", r" cyber ?bull\w* "),
}

# A question about jobs, training or the people who do them. Topic words in it are about the work.
CAREERS_TALK = re.compile(
    r" (?:jobs?|careers?|work|working|works|become|becoming|be an?|qualifications?|courses?|apprentice\w*|degree|"
    r"paid|pay|salary|earn|uni|university|college course|training|train to be|volunteer\w*|police|paramedics?|"
    r"officers?|workers?|nurses?|nursing|detectives?|solicitors?|lawyers?|psychologists?|pharmacists?|charity|"
    r"charities|shelters?|hostels?|join|joining|get into|investigat\w*|prevention|advis[eo]rs?|counsellors?|therapists?|army|navy|raf|"
    r"soldiers?|agency|unit|team|business|industry|profession|sector|ngo|doctors?|teachers?|youth worker) ")
# Straight before a match: negation ("i've never been bullied") or someone else ("people who've been stabbed").
NEGATION = re.compile(r" (?:never|not|no|who|who have|who has|that have|that has|who are|who were|that are) $")

# Whole careers phrases that contain a trigger word but disclose nothing. Removed before matching.
BENIGN = (
    r" (?:mental health|psychiatric|crisis) (?:nurse|nursing|worker|workers|practitioner|support worker|team) ",
    r" knife crime\w* ",
    r" (?:nerf|water|glue|paintball|toy|bb|starting) guns? ", r" (?:golf|good|bad|penalty|free|long) shot ",
    r" (?:die|died|dying) (?:of|from) (?:embarrassment|laughing|boredom|cringe|shame) ",
    r" killing it ", r" kill it ", r" killed it ", r" smashing it ",
    r" (?:homework|school|exams?|revision|maths|this|that|it|coursework|my legs|my feet|the wait) "
    r"(?:is|are) (?:killing|going to kill) me ",
    r" (?:works?|working|specialis\w*|investigat\w*) (?:on|in|with|into) (?:domestic |child |sexual )?abuse (?:cases|victims|survivors) ",
    r" (?:domestic|child|drug|substance|alcohol|sexual) abuse (?:officer|officers|worker|workers|counsellor|"
    r"charity|charities|cases|team|unit|services?|lawyer|solicitor|investigator|support) ",
    r" abuse cases ", r" child protection ", r" safeguarding (?:lead|officer|team|course|training) ",
    r" suicide prevention ", r" (?:help|helping|support|supporting|work with|working with|care for|caring for) "
    r"(?:people|children|kids|young people|teenagers|teens|victims|survivors|patients|families|those) "
    r"(?:who|that) (?:are |have been |were )?(?:abused|bullied|self harm|homeless|in danger|suicidal|threatened) ",
    r" (?:anti bullying|anti-bullying) (?:ambassador|coordinator|charity|officer|lead|work|campaign) ",
    r" shot (?:put|on goal|at goal|stopper) ", r" photo ?shoot\w* ", r" (?:gun|knife) (?:crime )?(?:laws?|policy|policies) ",
    r" butcher\w* knife ", r" (?:chef|chefs|kitchen) knife\w* ", r" knife skills ",
    r" threat (?:intelligence|analyst|hunting|detection|modelling|modeling) ", r" cyber threats? ",
    r" (?:run|running|ran) away with (?:the|it) ", r" fire ?(?:fighter|fighters) (?:who )?(?:rescue|help) ",
    r" (?:no|any) threat to ", r" in danger of (?:failing|missing|losing) ",
    # names of services, and topics of lessons and school work: "rape crisis", "an assembly about county lines"
    r" rape crisis ",
    r" (?:assembly|assemblies|video|talk|lesson|film|documentary|project|essay|piece|play|poem|story|book|"
    r"coursework|pshe|citizenship|speech|presentation) (?:is |was |we did |we watched )?(?:about|on) "
    r"(?:county lines|knife crime|grooming|bullying|cyber ?bullying|online safety|drugs|domestic (?:violence|abuse)|"
    r"homelessness|exploitation|abuse|radicalisation|self harm|suicide) ",
    r" (?:help|helps|helping|support|supports|supporting|work with|working with) (?:people|children|kids|young people|"
    r"teenagers|those) (?:who are |that are )?(?:sleeping rough|homeless|being bullied(?: online)?) ",
    # school, sport and games, not harm: "this homework is actual abuse", "hit in the face with a netball"
    r" (?:homework|revision|school|this lesson|pe|exams?|mocks?|maths|coursework|this test) (?:is|was|are) "
    r"(?:actual |literally |basically |pure |just )?(?:abuse|torture) ",
    r" hit (?:in the (?:face|head|nose|leg|arm|eye|stomach) )?(?:with|by) (?:a|the) "
    r"(?:net|foot|hockey |cricket |tennis |rugby |basket|dodge)?ball ", r" hit by a bus ",
    r" beat me (?:at|in) (?:fifa|fortnite|chess|cards|monopoly|uno|pool|darts|tennis|football|ping pong|"
    r"table tennis|mario ?kart|cod|minecraft|a race|the race|every game|the game|that game|games?) ",
    r" (?:a |the )?(?:wasp|bee|seagull|goose|spider|hamster|cat|kitten)s? (?:attacked|attacks|chased|bit) me ",
    r" threatened to (?:cancel|confiscate|ground|ban|bin) ",
)

_COMPILED = {name: [re.compile(p) for p in patterns] for name, patterns in CATEGORIES.items()}
_TOPICS = {name: [re.compile(p) for p in patterns] for name, patterns in TOPICS.items()}
_BENIGN = [re.compile(p) for p in BENIGN]


@dataclass(frozen=True)
class PatternHit:
    kind: str
    matched: str


def _first(normalised: str, compiled: dict[str, list[re.Pattern]]) -> PatternHit | None:
    for kind, patterns in compiled.items():
        for pattern in patterns:
            for found in pattern.finditer(normalised):
                if not NEGATION.search(normalised[:found.start() + 1]):  # "i've never been bullied"
                    return PatternHit(kind, found.group(0).strip())
    return None


def match(text: str) -> PatternHit | None:
    """The first kind of harm a pattern finds in the message, or None. Every hit counts as a disclosure."""
    normalised = normalise(text)
    for pattern in _BENIGN:
        normalised = pattern.sub("  ", normalised)
    hit = _first(normalised, _COMPILED)
    if hit is None and not CAREERS_TALK.search(normalised):
        hit = _first(normalised, _TOPICS)
    return hit
