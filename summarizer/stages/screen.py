"""Screen: set aside sentences that address a model rather than a reader (suspected prompt injection).

News copy reports; it does not tell an AI what to write. A sentence that does, or that carries chat
markup, our own prompt format or an outside image, is never evidence and never reaches the model.
"""

from __future__ import annotations

import re

from summarizer.core.text import FAKE_MARKUP, INVISIBLE

_ADDRESSEE = (
    r"(?:ai|a\.i\.|assistants?|models?|language models?|llms?|chat ?bots?|gpts?|bots?|summari[sz]ers?|"
    r"summari[sz]ation (?:tools?|systems?)|(?:ai|automated) (?:systems?|tools?))"
)
PATTERNS = [
    # "ignore previous instructions" and its kin
    r"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{0,20}"
    r"\b(?:previous|prior|above|earlier|preceding|your|system|original|initial)\b.{0,20}"
    r"\b(?:instructions?|prompts?|rules|directions|guidelines|context|text|messages?)\b",
    r"\b(?:new|updated|real|actual|hidden|secret|following) (?:instructions?|directives?|system prompt)\b",
    r"\bsystem prompt\b|\bprompt injection\b|\bjailbreak|\bdeveloper mode\b",
    # speaking to the machine
    rf"\b(?:you are|you're|act as|pretend to be|as an?) (?:now )?(?:an? )?(?:helpful |new )?{_ADDRESSEE}\b",
    rf"\b(?:attention|note to|dear|hey|to (?:any|all|the)) {_ADDRESSEE}\b",
    rf"\b{_ADDRESSEE}\b[^.]{{0,60}}\b(?:must|should|shall|need to|are (?:instructed|required|told)"
    r"|will (?:now )?(?:write|report|say|output))\b",
    r"\b(?:set|change|make|replace|rewrite|use|write|put|output|print|report|state|say)\b[^.]{0,30}"
    r"\b(?:the|your|its) (?:headline|title|summary|brief|output|answer|response|death toll|toll"
    r"|casualty (?:count|figure))\b[^.]{0,20}\b(?:to|as|is|:|=)",
    r"\b(?:respond|answer|reply|output)\b[^.]{0,20}"
    r"\b(?:only )?(?:with|in) (?:json|yaml|the following|this)\b",
    r"\b(?:do not|don't|never) (?:mention|report|include|summari[sz]e|reveal)\b",
    # chat templates and role markers
    r"\[/?INST\]|<</?SYS>>|^#{1,4} ?(?:instruction|system|response)"
    r"|^\W*(?:system|assistant|user|human)\s*:\s*\S",
    FAKE_MARKUP.pattern,
    # imitating this tool's own prompt and answer format
    r"\bthe incident\s*:|\bdoes the last sentence report\b|\bthe requested json\b"
    r"|\bthis_incident\b|\bother_event\b"
    r"|\"(?:about|headline|summary|arguments|tool_calls?)\"\s*:",
    # outside content: images and links, markup
    r"!\[[^\]]*\]\s*\(|\[[^\]]+\]\(\s*(?:https?:)?//|<\s*(?:img|a|iframe|script|style)\b|\{\{|\{%|%\}|\}\}",
]
_SUSPECT = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I | re.M)


# Cyrillic and Greek letters that pass for Latin ones ("Ιgnore" with a Greek Iota), folded for matching only.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіІјΑΒΕΗΙΚΜΝΟΡΤΧΥΖοıⅠ", "ABEKMHOPCTXaeopcyxiIjABEHIKMNOPTXYZoiI"
)


def visible(text: str) -> str:
    return INVISIBLE.sub("", text).translate(_LOOKALIKES)


def suspect(text: str) -> bool:
    """True when a sentence reads as an instruction to a model or carries markup no news sentence needs."""
    return bool(_SUSPECT.search(visible(text)))
