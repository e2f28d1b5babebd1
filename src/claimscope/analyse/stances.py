"""Stances: who asserts, denies, disputes, reports or testifies to a claim, with the cue words.

Read from the dependency parse of one sentence, with the cue lexicon in ``data/stances.yaml``:
- a reporting verb with a named subject ("the State Department reported that ...", "according to HRW"):
  the subject asserts, the author reports;
- a denial or dispute verb ("the MEK denies it"): the subject denies or disputes;
- a concessive clause ("..., although the MEK vehemently denies it"): the author asserts the main clause and the
  clause's subject opposes it;
- a testimony ("former members testified", "testimonies ... provided firsthand accounts"): the witnesses testify;
- a piece of evidence from people or a body ("assessments from Western governments corroborated ..."): the author
  asserts, and they assert (or testify, for statements and accounts);
- a cue in a "by" gerund ("By denying this cooperation, the MEK leaders aim ..."): the clause's subject holds it;
- a passive cue: its agent holds it ("the attack was denied by the group"), never its subject; with no agent no
  one does ("the MEK was designated a terrorist organisation in 1997");
- a clause called false ("It is false that ...", "The allegations that ... are fabricated"): whoever calls it so
  denies it; a lie someone tells ("Tehran repeats the myth that ..."): the teller asserts it, the author denies it;
- an aside on the subject ("The MEK, which denies any role in X, moved ..."): no stance on the sentence's claim;
- a negated main verb ("the MEK never received ..."): the author denies the positive claim;
- otherwise the author asserts.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimscope.analyse import lexicon
from claimscope.analyse.nlp import text_of
from claimscope.model import Stance

# (start, end, text) of a holder phrase -> (entity id or "author"/"unknown", the words naming it)
HolderResolver = Callable[[int, int, str, Token], str]
CATEGORIES = ("reporting", "denial", "dispute", "testimony", "evidence")
NAMED = ("PERSON", "ORG", "NORP", "GPE")


@dataclass(frozen=True)
class StanceLexicon:
    verbs: dict[str, tuple[str, str]]  # lemma -> (category, stance)
    phrases: tuple[tuple[tuple[str, ...], str, str], ...]  # (token pattern, category, stance)
    negations: frozenset[str]
    concessive: frozenset[str]
    litotes: frozenset[str]  # lemmas whose negation affirms: "not forget"
    evidence_nouns: frozenset[str]  # pieces of evidence, not people: "testimonies from X provided accounts"
    testimony_nouns: frozenset[str]  # evidence that is someone's account: its makers testify
    needs_clause: frozenset[str]  # reporting verbs that report only with a clause or a quote after them
    needs_as: frozenset[str]  # reporting verbs that report only with "as ..." or an object predicate after them
    speakers: frozenset[str]  # nouns for people and bodies whose evidence makes them holders
    roles: frozenset[str]  # nouns for a role in one organisation: "the MEK leaders" hold for the MEK
    falsity: frozenset[str]  # "It is false that ...": whoever says so denies the clause
    truth: frozenset[str]  # "It is not true that ...": the same, negated
    claim_nouns: frozenset[str]  # "The claim that ... is false"
    falsity_negators: frozenset[str]  # "no lie", "hardly baseless": the frame affirms


@functools.cache
def _compiled(overrides_json: str) -> StanceLexicon:
    data = lexicon.load("stances", json.loads(overrides_json))
    verbs: dict[str, tuple[str, str]] = {}
    phrases = []
    for category in CATEGORIES:
        entry = data.get(category) or {}
        for verb in entry.get("verbs") or []:
            verbs.setdefault(verb, (category, entry["stance"]))
        for phrase in entry.get("phrases") or []:
            lemmas = phrase.startswith("~")
            words = tuple(("~" if lemmas else "") + w for w in phrase.lstrip("~").lower().split())
            phrases.append((words, category, entry["stance"]))
    evidence = data.get("evidence") or {}
    reporting = data.get("reporting") or {}
    falsity = data.get("falsity") or {}
    return StanceLexicon(verbs, tuple(phrases), frozenset(data.get("negation", {}).get("words") or []),
                         frozenset(data.get("concessive", {}).get("marks") or []),
                         frozenset(data.get("litotes", {}).get("verbs") or []),
                         frozenset(evidence.get("nouns") or []),
                         frozenset(evidence.get("testimony") or []),
                         frozenset(reporting.get("needs_clause") or []),
                         frozenset(reporting.get("needs_as") or []),
                         frozenset(evidence.get("speakers") or []),
                         frozenset(evidence.get("roles") or []),
                         frozenset(falsity.get("words") or []), frozenset(falsity.get("truth") or []),
                         frozenset(falsity.get("subjects") or []), frozenset(falsity.get("negators") or []))


def compiled(overrides: dict | None = None) -> StanceLexicon:
    return _compiled(lexicon.fingerprint(overrides))


@dataclass
class Cue:
    tokens: list[Token]
    category: str
    stance: str

    @property
    def head(self) -> Token:
        return self.tokens[0] if self.category == "reporting" and self.tokens[0].lower_ == "according" \
            else max(self.tokens, key=lambda t: t.pos_ in ("VERB", "AUX"))


def find_cues(sent: SpacySpan, lex: StanceLexicon) -> list[Cue]:
    cues: list[Cue] = []
    used: set[int] = set()
    lowers = [t.lower_ for t in sent]
    lemmas = [t.lemma_.lower() for t in sent]
    for words, category, stance in lex.phrases:
        n = len(words)
        for i in range(len(lowers) - n + 1):
            if all((lemmas if w[0] == "~" else lowers)[i + k] == w.lstrip("~") for k, w in enumerate(words)):
                start = sent.start + i
                cues.append(Cue(list(sent.doc[start:start + n]), category, stance))
                used.update(range(start, start + n))
    for k, token in enumerate(sent):
        if lemmas[k] not in lex.verbs or token.i in used or token.pos_ not in ("VERB", "NOUN"):
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() not in ("testimony", "denial"):
            continue
        category, stance = lex.verbs[token.lemma_.lower()]
        if token.pos_ == "VERB" and token.dep_ == "amod":
            continue  # "the alleged attack": an adjective, not someone's statement
        if lemmas[k] in lex.needs_clause and token.dep_ != "parataxis" and not any(
                c.dep_ in ("ccomp", "parataxis") or c.is_quote for c in token.children):
            continue  # "adding inflationary elements to the system" is not a report; "..., you added, ..." is
        if lemmas[k] in lex.needs_as and not _calls_something(token):
            continue  # "the MEK presented a plan" is not a report; "backers present the MEK as ..." is
        if category in ("denial", "dispute") and token.lemma_.lower() != "deny" and _acts_on_someone(token):
            continue  # "Khomeini dismissed President Banisadr", "police questioned him": not about a claim
        if category == "evidence" and not _about_evidence(token, lex):
            continue  # "the group supported the takeover": evidence verbs need a piece of evidence as subject
        cues.append(Cue([token, *_adverbs(token)], category, stance))
    return sorted(cues, key=lambda c: min(t.i for t in c.tokens))


def _calls_something(verb: Token) -> bool:
    """A verb like "present" or "label" reports when it has its own speaker (a subject, or an agent in the
    passive) and says what it calls its object: "backers present the MEK as ...", "officials labelled the MEK a
    cult". Without a speaker of its own ("an effort to ... present themselves as ...") no one is named."""
    children = list(verb.children)
    return any(c.dep_ in ("nsubj", "agent") for c in children) and any(
        (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd" for c in children)


def _about_evidence(verb: Token, lex: StanceLexicon) -> bool:
    subject = _speaker(verb, lex)
    return subject is not None and (subject.lemma_.lower() in lex.evidence_nouns or any(
        c.lemma_.lower() in lex.evidence_nouns for c in subject.children if c.dep_ == "conj"))


def _acts_on_someone(verb: Token) -> bool:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return obj is not None and (obj.ent_type_ in NAMED or obj.lower_ in (
        "him", "her", "them", "me", "us") or (obj.pos_ == "PROPN"))


def _adverbs(verb: Token) -> list[Token]:
    """Manner adverbs that belong to the cue ("vehemently denies", "flatly rejected")."""
    return [c for c in verb.children if c.dep_ == "advmod" and c.lower_.endswith("ly") and c.i == verb.i - 1]


def _pobj(prep: Token | None) -> Token | None:
    """The object of a preposition ("by the group": the group), or None."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("denied by the group"), or None."""
    return next((c for c in verb.children if c.dep_ == "agent"), None)


def _speaker(verb: Token, lex: StanceLexicon) -> Token | None:
    """Who speaks through a cue verb: its subject, or in the passive its agent ("the attack was denied by the
    group": the group). A passive without an agent names no one ("the MEK was designated a terrorist organisation
    in 1997": not the MEK)."""
    agent = _agent(verb)
    if agent is not None:
        return _pobj(agent)
    passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "auxpass")]
    if any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in passive) and not any(
            c.dep_ == "nsubjpass" and c.lower_ == "it" for c in passive):
        return _subject(verb, lex)  # "He's said that ...": a perfect ("has said") the parser took for a passive
    return None if passive else _subject(verb, lex)


def _subject(verb: Token, lex: StanceLexicon) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:  # a misparse ("Well Mr. Edwards, ..., I have answered ..."): the nearest is the verb's,
        # unless it is a number, a date or a quantifier in apposition ("General Twining, in January, fifty-nine,")
        subjects = [c for c in subjects if c.pos_ not in ("NUM", "DET") and c.lower_ not in ("both", "all", "each")
                    and c.ent_type_ not in ("DATE", "TIME", "CARDINAL")] or subjects
    if subjects:
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    agent = _agent(verb)
    if agent is not None:
        return _pobj(agent)
    for child in verb.children:  # an adverb has no subject: one the parser hung there is the verb's
        subject = next((g for g in child.children if g.dep_ == "nsubj"), None) if child.dep_ == "advmod" else None
        if subject is not None:
            return subject
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "By denying this cooperation, the MEK leaders aim ...": the leaders; not the subject of a passive
        # ("it's covered over by saying that ...": who says it is not said)
        subject = _subject(verb.head.head, lex)
        return subject if subject is not None and subject.dep_ == "nsubj" else None
    if verb.dep_ == "acl" and _misattached(verb, lex):
        return _subject(verb.head.head.head, lex)  # "X barred Rajavi from the elections declaring ...": X declares
    if verb.dep_ in ("xcomp", "conj", "acl", "relcl") and verb.head is not verb:
        return _subject(verb.head, lex) if verb.dep_ != "acl" else verb.head
    return None


def _misattached(participle: Token, lex: StanceLexicon) -> bool:
    """A participle the parser hung on the object of a preposition that cannot speak ("barred Rajavi from the
    elections declaring that ..."): it belongs to the clause's verb, whose subject speaks. A person, a group or a
    document keeps it ("a letter from the ministry stating ...")."""
    noun = participle.head
    clause = noun.head.head if noun.dep_ == "pobj" else None
    return (participle.tag_ == "VBG" and clause is not None and clause.pos_ in ("VERB", "AUX")
            and noun.ent_type_ not in NAMED and noun.pos_ != "PROPN"
            and noun.lemma_.lower() not in lex.evidence_nouns)


def _holder_token(cue: Cue, lex: StanceLexicon) -> Token | None:
    head = cue.head
    if head.lower_ == "according":
        to = next((c for c in head.children if c.lower_ == "to"), None)
        holder = _pobj(to)
        if holder is not None and holder.lemma_.lower() in lex.evidence_nouns:
            # "according to a statement by Maryam Rajavi": the statement's maker holds it, if it names one
            maker = _pobj(next((c for c in holder.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")),
                               None))
            return maker if maker is not None and _can_speak(maker, lex) else holder
        return holder
    subject = _speaker(head, lex)
    if subject is not None and subject.lower_ in ("which", "who", "that") and head.dep_ == "relcl":
        subject = head.head  # "reports, which have detailed ...": the reports
    if subject is not None and cue.category in ("testimony", "evidence") and \
            subject.lemma_.lower() in lex.evidence_nouns:
        # "Testimonies from former members ... have provided accounts": the witnesses are after "from"
        source = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")), None)
        witness = _pobj(source)
        if witness is not None and cue.category == "testimony":
            return witness
        if cue.category == "evidence":  # evidence "shows" things: the author asserts, the claim cites it, and
            return witness if witness is not None and _can_speak(witness, lex) else None  # its makers hold it
    return subject


def _presented(cue: Cue, lex: StanceLexicon) -> bool:
    """Whether the author presents the cue's statement rather than relays it: testimonies as evidence
    ("Testimonies from former members have provided firsthand accounts of ...") or a statement with the author's
    explanation of it ("The MEK leaders deny their cooperation ... because such an association undermines ...").
    The author then asserts the claim instead of reporting it."""
    subject = _speaker(cue.head, lex)
    evidence = subject is not None and subject.lemma_.lower() in lex.evidence_nouns
    return (cue.category == "testimony" and evidence) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "because" for m in c.children)
        for c in cue.head.children)


def _can_speak(token: Token, lex: StanceLexicon) -> bool:
    return token.ent_type_ in NAMED or token.pos_ == "PROPN" or token.lemma_.lower() in lex.speakers


def _evidence_stance(cue: Cue, lex: StanceLexicon) -> str:
    """The stance of the makers of a piece of evidence: they testify to what their account says, else assert."""
    subject = _speaker(cue.head, lex)
    return "testifies" if subject is not None and subject.lemma_.lower() in lex.testimony_nouns else "asserts"


@dataclass(frozen=True)
class Falsity:
    """A clause called false ("It is false that ...", "It is a lie that ...", "The claim that ... is baseless"), or
    called not false ("It is not untrue that ..."): whoever says so denies it, or affirms it."""

    words: list[Token]  # the cue ("false", "not untrue", "no lie")
    clause: Token | None  # the clause's head; None when "it" stands for a sentence before ("says it is false")
    denies: bool  # False: the frame affirms the clause ("not false that ...", "false that ... did not ...")


ANAPHORS = ("it", "this", "that", "which")


def _negation(token: Token, lex: StanceLexicon) -> Token | None:
    """The negation that hangs on the token ("did not", "never"), if any."""
    return next((c for c in token.children if c.dep_ == "neg" or c.lower_ in lex.negations), None)


def _that_clause(tokens: Iterable[Token], deps: tuple[str, ...]) -> Token | None:
    """The head of the first "that ..." clause with a subject of its own among ``tokens``."""
    return next((c for c in tokens if c.dep_ in deps and c.left_edge.lower_ == "that"
                 and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ != "that" for g in c.children)), None)


def falsity(verb: Token, lex: StanceLexicon, anaphoric: bool = False) -> Falsity | None:
    """The falsity frame a copula or a passive makes ("... is false", "... are fabricated"), if any. Not a
    question's, a condition's or a modal's ("if it is false that", "it would be false to ..."), nor one joined to
    another statement ("... is nonsense, but it did take money"), where what is denied is not the sentence.
    ``anaphoric``: "it is false" may stand for what came before."""
    word = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
    if word is None and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        word = verb  # "Accusations that ... are fabricated": the parser reads a participle, not an adjective
    elif verb.lemma_.lower() != "be":
        return None
    if word is None or any(
            c.dep_ == "mark" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children) or any(
            c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children):
        return None
    negators = [c for c in verb.children if c.dep_ == "neg" or c.lower_ in lex.negations] + \
        [c for c in {*verb.children, *word.children} if c.lower_ in lex.falsity_negators]
    lemma = word.lower_ if word is verb else word.lemma_.lower()
    if lemma not in lex.falsity and lemma not in lex.truth:
        return None
    calls_false = (lemma in lex.falsity) != bool(negators)  # "not true" calls false; "not untrue" does not
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")), None)
    if subject is None:
        return None
    clause = subject if subject.dep_ == "csubj" else _that_clause(verb.subtree, ("ccomp", "acl", "relcl")) \
        if subject.lower_ == "it" or subject.lemma_.lower() in lex.claim_nouns else None  # "the claim that ..."
    if clause is None and not (anaphoric and subject.lower_ in ANAPHORS):
        return None
    negated = clause is not None and _negation(clause, lex) is not None
    return Falsity(sorted([*negators, word], key=lambda t: t.i), clause, calls_false != negated)


def told_false(verb: Token, lex: StanceLexicon) -> tuple[Falsity, Token | None] | None:
    """A clause the author calls a lie that someone tells ("The MEK spread the lie that it never received weapons
    from Iraq", "Tehran repeats the myth that ..."): the author denies the clause, the teller says it. The frame,
    and the teller (the verb's subject, if any)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                and c.lemma_.lower() in lex.falsity), None) if verb.pos_ == "VERB" else None
    clause = _that_clause(obj.children, ("acl", "relcl")) if obj is not None else None
    if clause is None:
        return None
    return Falsity([obj], clause, _negation(clause, lex) is None), _speaker(verb, lex)


def _owners(frame: Falsity, verb: Token, cues: list[Cue]) -> list[Cue]:
    """The reporting cues that say the sentence's own falsity frame: "It is false, the MEK says, that ...",
    "According to the MEK, it is false that ...", "It is untrue, as Iran says, that ..." (an "as" clause before the
    clause called false; after it, "..., as Tehran has claimed" reports the clause itself)."""
    start = frame.clause.left_edge.i if frame.clause is not None else verb.i

    def owns(cue: Cue) -> bool:
        head = cue.head
        if cue.category != "reporting" or cue.stance != "asserts":
            return False
        if head.lower_ == "according" or (head.dep_ == "parataxis" and head.head == verb):
            return True
        return head.dep_ == "advcl" and head.i < start and any(
            m.dep_ == "mark" and m.lower_ == "as" for m in head.children)
    return [cue for cue in cues if owns(cue)]


def _aside(cue: Cue) -> bool:
    """A cue in a relative or participial clause on the main clause's subject, said by that subject ("The MEK,
    which denies any role in the uprisings, moved its fighters to Ashraf", "Rajavi, who said ..., fled to Paris"):
    it holds another proposition, not the sentence's. Not when the clause's object is what the cue is about ("The
    attack, which the MEK denies, killed ..."), nor a clause on an object ("... the reports, which have detailed
    the MEK's presence in Iraq"), where the sentence's claim is what is said, nor evidence ("The documents
    confirming the cooperation include ...")."""
    head = cue.head
    antecedent = head.head
    if cue.category not in ("reporting", "denial", "dispute") or head.dep_ not in ("relcl", "acl") \
            or antecedent.dep_ not in ("nsubj", "nsubjpass") or antecedent.head.dep_ != "ROOT":
        return False
    if head.dep_ == "acl":
        return head.tag_ == "VBG"  # "The MEK, denying any role, moved ..."
    return any(c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in head.children)


def _expletive(holder: Token) -> bool:
    """The "it" of "it is false to say ...", "it would be false to deny ...": no one speaks."""
    return holder.lower_ == "it" and holder.head.lemma_.lower() == "be" and any(
        c.dep_ in ("acomp", "attr") for c in holder.head.children)


def _said_false(verb: Token, lex: StanceLexicon) -> Falsity | None:
    """A falsity frame a reporting verb reports: "Iran says it is false that ...", "although Rajavi says it is
    false", "the claim, which Rajavi says is false, ..."."""
    return next((f for c in verb.children if c.dep_ == "ccomp" and (f := falsity(c, lex, anaphoric=True))), None)


def _says_not(verb: Token, lex: StanceLexicon) -> bool:
    """The sentence's main verb reports a negated clause ("the MEK said that it did not assist", "insists it never
    received"), so the clause is the claim and the speaker denies it; not a verb whose negation affirms ("said it
    would not forget"), nor a report inside another statement ("Khomeini barred Rajavi, declaring that those who
    did not endorse ... could not be trusted": what is declared is not what the sentence claims)."""
    return verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.lemma_.lower() not in lex.litotes
               and _negation(c, lex) is not None for c in verb.children)


def _phrase(token: Token) -> tuple[int, int, str]:
    """The noun phrase a token heads: its left modifiers, and on its right only an "of"/"from" phrase, up to
    the first comma or clause ("former members of the group", not "..., such as those collected by ..." nor "...
    named Samad Eskandari")."""
    left = [t for t in token.subtree if t.i <= token.i]
    right: list[Token] = []
    for t in token.doc[token.i + 1:token.right_edge.i + 1]:
        if t.is_punct or t.dep_ in ("acl", "relcl") or (not right and t.lower_ not in ("of", "from")):
            break
        right.append(t)
    words = [*left, *right]
    while len(words) > 1 and (words[0].dep_ in ("det", "cc") or words[0].is_punct):
        words = words[1:]
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return start, end, text_of(token.doc)[start:end]


def _named(holder: Token, offset: int, holder_of: HolderResolver) -> tuple[str, str]:
    """The holder's id and the words naming it: "I" and "we" are the author."""
    if holder.pos_ == "PRON" and holder.lower_ in ("i", "we", "me", "us"):
        return "author", holder.text
    h_start, h_end, holder_text = _phrase(holder)
    return holder_of(offset + h_start, offset + h_end, holder_text, holder), holder_text


def find_stances(sent: SpacySpan, offset: int, lex: StanceLexicon, holder_of: HolderResolver) -> list[Stance]:
    """The stances on the claim a sentence makes; offsets are document offsets (``offset`` + paragraph ones)."""
    stances: list[Stance] = []
    author_role = "asserts"
    cues = find_cues(sent, lex)
    # the sentence's own "It is false that ...": the author's, or that of a speaker who says it ("It is false, the
    # MEK says, that ..."); never in a question
    question = sent.text.rstrip().endswith("?")
    frame = falsity(sent.root, lex) if not question else None
    owners = {id(c) for c in _owners(frame, sent.root, cues)} if frame else set()
    told = told_false(sent.root, lex) if not (frame or question or any(c.head == sent.root for c in cues)) \
        else None
    if told:  # "The MEK spread the lie that ...": the author calls it false, the MEK says it
        frame, teller = told
        if teller is not None and not _expletive(teller):
            verb = sent.root
            stances.append(Stance(*_named(teller, offset, holder_of), "asserts" if frame.denies else "denies",
                                  verb.text, offset + verb.idx, offset + verb.idx + len(verb.text)))
    for cue in cues:
        if _aside(cue):
            continue
        start = offset + min(t.idx for t in cue.tokens)
        end = offset + max(t.idx + len(t.text) for t in cue.tokens)
        cue_text = text_of(sent.doc)[start - offset:end - offset]
        holder = _holder_token(cue, lex)
        negated = _negation(cue.head, lex) is not None
        stance = cue.stance
        if cue.category == "evidence":
            stances.append(Stance("author", "the author", "asserts", cue_text, start, end))
            author_role = ""
            stance = _evidence_stance(cue, lex)
        if negated and stance in ("asserts", "testifies"):
            stance = "denies"  # "did not confirm", "never said": the holder withholds or denies
        elif stance in ("asserts", "testifies") and _says_not(cue.head, lex):
            stance = "denies"  # "the MEK said that it did not assist ...": it denies that it assisted
        elif stance == "asserts" and (said := frame if id(cue) in owners else _said_false(cue.head, lex)):
            stance = "denies" if said.denies else stance  # "Iran says it is false that ...": Iran denies it
        if holder is None or _expletive(holder):
            continue
        stances.append(Stance(*_named(holder, offset, holder_of), stance, cue_text, start, end))  # type: ignore[arg-type]
        concessive = any(c.lower_ in lex.concessive for c in cue.head.children if c.dep_ == "mark")
        main = cue.head.dep_ == "ROOT" or cue.head.lower_ == "according" or id(cue) in owners or (
            cue.head.head.dep_ == "ROOT" and cue.head.dep_ == "ccomp")
        if cue.head.lemma_.lower() in lex.needs_as and any(c.dep_ == "ccomp" for c in cue.head.children):
            main = False  # "present X as Y" takes no clause: a clause under it is the author's own, misparsed
        if main and cue.category != "evidence" and not _presented(cue, lex):
            author_role = "reports" if not concessive else author_role
    if any(s.holder != "author" and s.stance in ("denies", "disputes") for s in stances):
        # "The MEK denied it, according to a statement by Maryam Rajavi": whoever the sentence is according to
        # relays the denial; they do not assert what is denied
        stances = [replace(s, stance="reports") if s.stance == "asserts" and s.cue.lower().startswith("according")
                   else s for s in stances]
    if author_role and not any(s.holder == "author" for s in stances):  # "I said that ...": the author's already
        root = sent.root
        negation = _negation(root, lex)
        if frame and author_role == "asserts":  # "It is false that the MEK killed ...": the author denies it
            s, e = offset + frame.words[0].idx, offset + frame.words[-1].idx + len(frame.words[-1].text)
            stances.insert(0, Stance("author", "the author", "denies" if frame.denies else "asserts",
                                     text_of(sent.doc)[s - offset:e - offset], s, e))
        elif author_role == "asserts" and negation is not None and not stances \
                and root.lemma_.lower() not in lex.litotes:
            s = offset + negation.idx
            stances.insert(0, Stance("author", "the author", "denies", negation.text, s, s + len(negation.text)))
        else:
            s = offset + sent.start_char
            stances.insert(0, Stance("author", "the author", author_role, "", s, s))  # type: ignore[arg-type]
    return stances
