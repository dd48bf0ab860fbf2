"""Lexicon: the word lists news language uses, one copy each (every reader imports them from here)."""

from __future__ import annotations

from summarizer.core.brief import IncidentSubtype

# Nouns that make a named place a venue: "Crocus City Hall", "Promenade des Anglais", "Westgate mall".
VENUE_NOUNS = frozenset(
    """
hall center centre theatre theater stadium arena station airport bridge port harbor harbour mall
market hotel church mosque synagogue temple cathedral school university club plaza square park
museum tower building factory plant mine terminal festival promenade boulevard avenue street road
highway motorway tunnel beach resort camp embassy nightclub concert venue complex block estate
""".split()
)
# Particles inside names that put the head noun first: "Promenade des Anglais", "Plaza de Mayo".
NAME_PARTICLES = frozenset("de des du del della di da la le les do dos das van von der".split())
# Where the hurt are taken, not where an incident happens.
CARE_NOUNS = frozenset("hospital hospitals clinic clinics morgue mortuary infirmary".split())
# Common English names of countries that ISO 3166 (pycountry) spells otherwise.
COUNTRY_ALIASES = {
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "America": "United States",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Russia": "Russia",
}
# Adjectives of countries that no suffix rule makes from the name (readers/places.demonym_country makes
# "Nepali", "Canadian", "Chinese", "German" from "Nepal", "Canada", "China", "Germany").
IRREGULAR_DEMONYMS = {
    "french": "France",
    "spanish": "Spain",
    "dutch": "The Netherlands",
    "british": "United Kingdom",
    "english": "United Kingdom",
    "scottish": "United Kingdom",
    "welsh": "United Kingdom",
    "irish": "Ireland",
    "swiss": "Switzerland",
    "greek": "Greece",
    "danish": "Denmark",
    "swedish": "Sweden",
    "finnish": "Finland",
    "norwegian": "Norway",
    "polish": "Poland",
    "turkish": "Turkey",
    "filipino": "Philippines",
    "thai": "Thailand",
    "icelandic": "Iceland",
    "peruvian": "Peru",
    "belgian": "Belgium",
    "argentine": "Argentina",
    "american": "United States",
    "portuguese": "Portugal",
    "afghan": "Afghanistan",
    "saudi": "Saudi Arabia",
}
# "west London", "northern Morocco": a direction before a place name.
COMPASS = frozenset(
    "north south east west northern southern eastern western central north-west north-east "
    "south-west south-east northwest northeast southwest southeast".split()
)
# Words that mark a place as a region rather than a city.
REGION_NOUNS = frozenset(
    "province region county district state prefecture governorate department borough".split()
)
# Prepositions that put an incident at a place: "in Nice", "at the Arena", "near Jindo".
LOCATIVE = frozenset("in at near outside inside on off into onto across along around".split())
# Nouns that head the name of a water body: where a flood comes from, or what a bridge crosses, is not
# where the incident happened unless the parse puts the event there ("the ferry sank in the Yellow Sea").
WATER_NOUNS = frozenset(
    "sea ocean river lake gulf strait lagoon estuary creek canal".split()
)  # "Bay" names resorts too
# Nouns that introduce a town's name: "the town of Haltern", "the village of Ighil".
SETTLEMENT_NOUNS = frozenset("town city village hamlet municipality suburb township settlement".split())
# Say-verbs (lemmas) that attribute speech.
SAY_VERBS = frozenset(
    """
say tell add state explain claim report write warn announce note insist declare describe recall
confirm deny accuse urge vow promise ask answer reply admit acknowledge suggest tweet post quote
call describe hope cry shout scream recount testify taunt boast threaten plead lament
""".split()
)
# Nouns that can head a speaker who is not named: "a police spokeswoman", "the ministry", "relatives".
PERSON_NOUNS = frozenset(
    """
spokesman spokeswoman spokesperson official minister president premier chancellor king queen prince chief
director head witness survivor resident friend father mother brother sister son daughter wife husband
uncle aunt cousin relative lawyer attorney prosecutor judge officer commander mayor governor analyst
expert source doctor nurse surgeon paramedic driver captain member leader man woman boy girl student
teacher neighbour neighbor secretary mp senator lawmaker legislator diplomat ambassador envoy general
colonel sergeant inspector superintendent commissioner coroner engineer worker employee owner manager
chairman chairwoman chair founder activist campaigner researcher professor scientist seismologist
fan supporter spectator passenger crew guard firefighter rescuer volunteer journalist reporter
correspondent editor imam priest pastor bishop pope pilot co-pilot copilot teenager investigator
""".split()
)
ORG_NOUNS = frozenset(
    """
ministry government agency police office embassy group organization organisation outfit council company force
service department army military authorities authority brigade unit team committee commission court
parliament federation association union network militia movement party campaign charity hospital trust
operator contractor subcontractor firm landlord management club organiser organizer airline railway
""".split()
)
PERSONAL_PRONOUNS = frozenset("he she they i we".split())
# Nouns for a written message that "says" what its author wrote: "the statement said", "the report reads".
DOCUMENT_NOUNS = frozenset(
    """
statement report release letter tweet post message notice note bulletin communique communiqué update
announcement advisory alert memo filing document transcript
""".split()
)

# Cue words of each incident kind (core/brief.IncidentType), as regular expressions matched case-blind
# at a word start; earlier kinds win ties.
INCIDENT_CUES: dict[str, str] = {
    "vehicle_ramming": (
        r"rammed|ramming|(?:truck|lorry|van|car|vehicle)\s+(?:\w+\s+)?(?:ploughed|plowed|ploughs|plows|"
        r"drove|driven|smashed|careered|mowed)|"
        r"(?:ploughed|plowed|drove|driven)\s+(?:\w+\s+){0,3}into\s+(?:a\s+|the\s+)?crowd"
    ),
    "bombing": (
        r"bombing|bomber|car bomb|suicide bomb|detonated (?:a|an|his) (?:bomb|explosive|device)|ied\b|"
        r"bomb blast|(?:nail|pipe|homemade|improvised) (?:bomb|explosive)"
    ),
    "armed_assault": (
        r"gunm[ae]n|opened fire|shooting|shot dead|gunfire|stormed|assailants? opened|mass shooting|"
        r"firearms"
    ),
    "hostage_taking": r"hostages?|took .* hostage|siege",
    "arson": r"arson|set fire to|deliberately set",
    "assassination": r"assassinat",
    "stabbing": r"stabbing|stabbed|knife attack",
    "crowd_crush": r"crush|stampede",
    "natural_disaster": (
        r"earthquake|quake|magnitude|flood|hurricane|cyclone|typhoon|tsunami|landslide|eruption"
    ),
    "fire": (
        r"fire (?:broke out|swept|rips|ripped|tore|engulfed|spread|gutted)|"
        r"(?:tower|block|building|house|flat|apartment|warehouse|factory|forest|bush|hotel|club)"
        r" (?:fire|blaze)|"
        r"blaze|inferno|wildfire|burned down"
    ),
    "structural_collapse": r"collapse[ds]?",
    "transport_accident": (
        r"collision|collided|derail|crash(?:ed)?|capsized|sank|sinking|ferry|train|plane|flight"
    ),
    "explosion": r"explosion|blast|exploded",
    "industrial_accident": r"factory|plant|mine|refinery|industrial",
    "cyberattack": r"cyber|ransomware|hack",
}
# (specific, generic): the kind that says how beats the kind that says what happened.
SPECIFIC_KINDS = [("bombing", "explosion"), ("vehicle_ramming", "transport_accident"), ("arson", "fire")]

# Number words text2num values; "dozen" only after one of them or "a".
NUMBER_WORDS = frozenset(
    """
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
""".split()
)
# Nouns a count of the whole incident is made of ("22 people", "84 victims"); a count of any other
# noun ("10 children", "61 civilians", "six members of the security forces") is a part of it.
WHOLE_COUNT_NOUNS = frozenset(
    """people persons person individuals victims casualties dead deaths fatalities lives
bodies injured wounded injuries others passengers""".split()
)
# Counts given as a word, not a number: (lower bound, upper bound).
VAGUE_COUNTS = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999)}

# Nouns for whoever did it: a name beside one is a culprit ("the bomber, Salman Abedi").
CULPRIT_NOUNS = frozenset(
    """bomber attacker gunman gunmen assailant perpetrator shooter killer driver suspect
hijacker arsonist culprit""".split()
)
# Words (as written) of a paragraph that introduces a list of suspects: "police named six suspects:".
CULPRIT_LIST_CUES = CULPRIT_NOUNS | {"suspects", "arrested", "detained", "charged"}
# Verbs (lemmas) and nouns of arrest: "X was detained", "police arrested X", "warrants for X".
ARREST_VERBS = frozenset("arrest detain charge apprehend indict".split())  # not "hold": "a ceremony held"
ARREST_NOUNS = frozenset("warrant warrants arrest".split())
# Verbs (lemmas) that state responsibility, by kind.
BLAME_VERBS = {
    "accusation": frozenset("accuse blame implicate fault".split()),
    "confirmation": frozenset("confirm verify corroborate".split()),
    "denial": frozenset("deny reject refute dismiss disown".split()),
}
# "X was behind the attack", "X was responsible for it", "held X accountable".
RESPONSIBLE_WORDS = frozenset("behind responsible accountable culpable".split())
# Nouns for a share in the blame: what a group claims or a party denies ("denied any wrongdoing",
# "no link between ...").
FAULT_NOUNS = frozenset(
    """responsibility involvement role part link links connection connections credit
wrongdoing negligence blame fault guilt liability culpability misconduct""".split()
)
# Verbs (lemmas) of coming to a view, which report a finding as a verb of saying does: "investigators
# believe the pilot ...".
BELIEVE_VERBS = frozenset("believe suspect think conclude find determine establish".split())
# Verbs (lemmas) of doing harm: a person as their subject, in a clause someone reports, is blamed
# ("officials said the teenager set the fire"); a person whose act is "deliberate" is too.
HARM_VERBS = frozenset(
    """kill murder shoot stab attack bomb detonate crash ram behead massacre slaughter
execute poison ignite torch""".split()
)
# Verbs (lemmas) of bringing an incident about, with the incident as their object ("started the fire").
CAUSE_VERBS = frozenset("cause start set trigger spark carry perpetrate commit plan orchestrate".split())
DELIBERATE_WORDS = frozenset(
    "deliberately intentionally purposely purposefully wilfully willfully knowingly".split()
)
# Where a claim is published.
CHANNELS = ("Amaq", "Telegram", "Twitter", "WhatsApp", "Facebook", "YouTube", "X", "website", "social media")
# Verbs that point at someone through a blame noun: "suggesting the involvement of", "insists on a
# connection".
ALLEGE_VERBS = frozenset("suggest allege insist point hint imply cite claim say".split())
# Nouns for what one side says of another, and words that dismiss them ("accusations ... were baseless").
ACCUSATION_NOUNS = frozenset("accusation allegation claim suggestion charge".split())
DISMISSIVE_WORDS = frozenset(
    """false baseless absurd provocation lie lies nonsense untrue unfounded fabrication
fabricated groundless ridiculous propaganda slander""".split()
)
# Nouns naming an incident as an event, and verbs saying when it started ("the blaze broke out at 00:54").
EVENT_NOUNS = frozenset(
    """attack assault bombing blast explosion fire blaze quake earthquake crash collision sinking
disaster shooting siege stampede crush raid rampage tremor derailment collapse flood floods flooding landslide
eruption tragedy accident tsunami storm cyclone hurricane typhoon wildfire""".split()
)
START_VERBS = (
    "began",
    "begun",
    "started",
    "broke out",
    "struck",
    "hit",
    "erupted",
    "happened",
    "occurred",
    "took place",
    "unfolded",
)
# Nouns for the incident itself: what a group "claims".
INCIDENT_NOUNS = frozenset(
    "attack attacks assault bombing bombings killing killings strike massacre shooting blast".split()
)

# Months and weekdays by name, as written; a month's abbreviations (not "May", its own name).
MONTH_WORDS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Months by name and abbreviation, numbered (readers/dates.py; months that date other events in
# readers/figures.py), and weekdays numbered as datetime does (Monday 0).
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_WORDS, 1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(WEEKDAY_WORDS)}
# The same as regular-expression alternations, in the order above (full names before abbreviations).
MONTH_NAMES = "|".join(MONTH_WORDS + MONTH_ABBREVIATIONS)
FULL_MONTH_NAMES = "|".join(MONTH_WORDS)
SHORT_MONTH_NAMES = "|".join(MONTH_ABBREVIATIONS)
WEEKDAY_NAMES = "|".join(WEEKDAY_WORDS)

# Function words, weekdays and months: words that name nothing (similarity, triage).
STOP = (
    set(
        """a an the of in on at to for and or but with by from as is was were are be been has have had
that this these those it its their his her they he she we our you your not no who which what when where
said says also after before over about into than then there here would could should will may might
""".split()
    )
    | set(MONTHS)
    | set(WEEKDAYS)
)
# Words that end a name without naming anything ("the Islamic State group" is "Islamic State").
GENERIC_NAME_TAILS = frozenset("group organization organisation movement militants militia network".split())

# --- counts of people: what a count counts, and the part it plays in the report (readers/figures.py) -
# Word classes, by lemma, that name a category: the noun counted ("bodies"), the verb or adjective
# of what happened to them ("were killed", "remain missing", "left dozens dead").
# Keyed by the brief's figure categories (core/brief.FigureCategory), and "other_people" for people
# a count is of who are no casualties ("evacuated", "rescued").
CASUALTY_WORDS: dict[str, frozenset[str]] = {
    "killed": frozenset(
        """kill die dead death fatality body corpse life perish murder slay slaughter massacre
        execute drown electrocute fatal behead victim succumb""".split()
    ),
    "injured": frozenset(
        """injure injured wound wounded hurt injury hospitalise hospitalize hospitalised
        hospitalized treat treatment casualty maim""".split()
    ),
    "missing": frozenset("missing unaccounted trap trapped".split()),
    "arrests": frozenset("arrest detain apprehend custody detention arrestee detainee hold".split()),
    "other_people": frozenset(
        """evacuate rescue displace survive survivor evacuee aboard board strand
        relocate""".split()
    ),
}
# "feared dead", "presumed dead", "believed dead": not yet counted among the dead.
PRESUMED_VERBS = frozenset("fear presume believe think".split())
# Nouns that stand for a category's running count: "the death toll topped 20,000", "the number of
# injured rose to 74", "casualty figures".
TOLL_NOUNS = frozenset("toll tally count number figure total list".split())
# Verbs (lemmas) that put a count above the figure they govern: "topped 2,000", "passed 1,000".
ABOVE_VERBS = frozenset("top pass surpass exceed cross eclipse overtake outstrip break".split())
# Verbs (lemmas) that bring a count near the figure: "approached 3,000", "neared 500".
NEAR_VERBS = frozenset("approach near".split())
# Adverbs that date a figure before the report's own: "had initially reported 50".
EARLIER_ADVERBS = frozenset("initially earlier previously originally first formerly before once".split())
# Words that make a count an addition: "eight more", "another 25", "a further 72".
ADDED_WORDS = frozenset("more another additional further".split())
# Verbs of finding or adding victims: "another 25 bodies were retrieved", "two more died".
FOUND_VERBS = frozenset(
    """find recover retrieve discover pull dig locate add die succumb confirm
    unearth raise bring""".split()
)
# Verbs of handling bodies: a count of bodies handled is a part of the toll ("88 bodies identified").
BODY_HANDLING_VERBS = frozenset("identify hand release bury repatriate cremate return claim".split())
# Modal verbs and verbs of expecting: a count under them is a projection ("could rise to 10,000").
MODAL_VERBS = frozenset("could may might would will".split())
EXPECT_VERBS = frozenset("expect fear predict forecast warn project anticipate".split())
# Nouns of people a count can be made of whose number is no casualty by itself: "300 passengers".
PEOPLE_NOUNS = frozenset(
    """people person persons individual individuals man men woman women child children
    boy boys girl girls adult adults baby babies infant infants teenager teenagers student students pupil
    pupils passenger passengers crew worker workers miner miners soldier soldiers officer officers
    policeman policemen troops civilian civilians tourist tourists foreigner foreigners national nationals
    resident residents villager villagers worshipper worshippers worshiper worshipers pilgrim pilgrims fan
    fans spectator spectators climber climbers attacker attackers militant militants gunman gunmen
    assailant assailants suspect suspects member members victim victims citizen citizens shopper shoppers
    guest guests employee employees firefighter firefighters rescuer rescuers staff family families
    relative relatives patient patients visitor visitors player players customer customers inmate inmates
    prisoner prisoners refugee refugees migrant migrants others jihadi jihadis bomber bombers
    protester protesters demonstrator demonstrators""".split()
)
# Adjectives that set an event apart from the incident: "a separate shooting", "a previous attack".
OTHER_EVENT_WORDS = frozenset("separate another previous earlier similar last prior".split())
# Nouns that, as a verb's object, say what happened to its subject: "lost their lives", "sought treatment".
CASUALTY_OBJECTS = frozenset("life treatment injury wound".split())
# Nouns a count can be made of that are no people, though they die or are destroyed alongside them.
NOT_PEOPLE_NOUNS = frozenset(
    """livestock cattle animal sheep goat cow horse pig poultry chicken dog house home
    building dwelling shelter vehicle car truck bus boat ship aircraft plane helicopter tonne ton hectare acre
    village district province country team unit bag""".split()
)
# Nouns for a change in a count: "a rise of more than 500" is the size of the change, an increment.
CHANGE_NOUNS = frozenset("rise increase jump climb surge addition".split())
# Nouns for the state the hurt are in: "in a critical condition", "in intensive care".
CONDITION_NOUNS = frozenset("condition care coma".split())
# Words for some of a count ("many injured"): what they say is not said of the whole count.
SOME_WORDS = frozenset("many some most several few".split())
# Nouns whose category depends on what happens to them: victims die, are hurt or are taken to hospital.
VAGUE_PEOPLE_NOUNS = frozenset("victim".split())
# Nouns for a figure being given out: "after the announcement of 104 deaths" tells an earlier figure.
REPORT_NOUNS = frozenset("announcement report estimate count tally statement".split())

# --- the incident's subtype (readers/kinds.py; core/brief.IncidentSubtype) -------------------------
# EM-DAT's natural hazard types, by the lemmas of the nouns news uses for them ("the quake", "floods").
HAZARD_NOUNS: dict[IncidentSubtype, frozenset[str]] = {
    "earthquake": frozenset("earthquake quake tremor temblor".split()),
    "flood": frozenset("flood flooding deluge inundation".split()),
    "storm": frozenset("storm cyclone hurricane typhoon tornado".split()),
    "wildfire": frozenset("wildfire bushfire".split()),
    "landslide": frozenset("landslide mudslide landslip rockslide avalanche".split()),
    "tsunami": frozenset("tsunami".split()),
    "volcanic_activity": frozenset("eruption volcano".split()),
    "extreme_temperature": frozenset("heatwave".split()),
}
# Modifiers that make a hazard noun another type: a "flash flood", a "forest fire", a "heat wave".
HAZARD_MODIFIERS: dict[tuple[str, str], IncidentSubtype] = {
    ("flash", "flood"): "flash_flood",
    ("forest", "fire"): "wildfire",
    ("bush", "fire"): "wildfire",
    ("brush", "fire"): "wildfire",
    ("grass", "fire"): "wildfire",
    ("heat", "wave"): "extreme_temperature",
    ("cold", "wave"): "extreme_temperature",
}
# EM-DAT's transport modes, by the vehicles (lemmas) whose crash, sinking or derailment is the incident.
VEHICLE_NOUNS: dict[IncidentSubtype, frozenset[str]] = {
    "air": frozenset(
        "plane airplane aeroplane aircraft airliner jet jetliner helicopter flight airbus boeing".split()
    ),
    "rail": frozenset("train railway locomotive tram carriage wagon railcar".split()),
    "road": frozenset("bus coach minibus car truck lorry van vehicle motorbike motorcycle".split()),
    "water": frozenset("ferry boat ship vessel ferryboat yacht barge steamer trawler dinghy liner".split()),
}
# Verbs and nouns (lemmas) of what happens to a vehicle; the first four name their mode by themselves.
MODE_EVENT_WORDS: dict[str, IncidentSubtype] = {
    "derail": "rail",
    "derailment": "rail",
    "capsize": "water",
    "shipwreck": "water",
}
VEHICLE_EVENT_WORDS = frozenset(
    """crash collide collision derail derailment capsize sink sinking plunge overturn
    accident disaster tragedy explode explosion wreck sank sunk""".split()
)  # spaCy's small model keeps "sank"
# Phrasal verbs of the same: "the airliner went down", "the tanker ran aground".
VEHICLE_EVENT_PHRASES = frozenset({("go", "down"), ("run", "aground"), ("go", "under")})
# Verbs and nouns (lemmas) of giving way, and what gave way: a building, a bridge or a dam.
COLLAPSE_WORDS = frozenset("collapse cave crumble burst breach failure fail".split())
STRUCTURE_NOUNS: dict[IncidentSubtype, frozenset[str]] = {
    "bridge_collapse": frozenset("bridge footbridge flyover overpass viaduct".split()),
    "dam_collapse": frozenset("dam levee dyke dike embankment reservoir".split()),
    "building_collapse": (
        VENUE_NOUNS
        - {
            "bridge",
            "road",
            "street",
            "avenue",
            "boulevard",
            "highway",
            "motorway",
            "tunnel",
            "beach",
            "park",
            "square",
            "port",
            "harbor",
            "harbour",
            "mine",
            "festival",
            "concert",
            "promenade",
            "camp",
            "plaza",
            "club",
        }
    )
    | frozenset("house home roof wall apartment flat structure storey ceiling".split()),
}
# Verbs (lemmas) that make a hostage-taking GTD's hijacking or kidnapping rather than a barricade incident.
HIJACK_VERBS = frozenset("hijack commandeer".split())
KIDNAP_VERBS = frozenset("kidnap abduct".split())
