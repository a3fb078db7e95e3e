"""Finding similar ideas and people who could help.

How it works (the README's "How matching works" says the same for people):

1. Words. Typed text is read only for its words (letters and digits; nothing is ever passed to
   an index as query syntax), lower-cased, accents removed, English and Welsh function words
   dropped, and lightly stemmed (plurals and common English endings; Welsh ``-au``/``-iau``
   plurals), so "collections" and "collecting" are one word. A small table of public-service
   words that mean the same (bin/refuse/rubbish, lorry/vehicle/van, text/SMS, ...) joins them
   into one term.
2. Candidates. Each term's weight is its rarity (``ln(1 + ideas / ideas with the term)``, the
   counts from the database's own index, capped so counting is bounded). The rarest terms are
   asked of the index (SQLite FTS5 ranked by ``bm25()``, PostgreSQL ``ts_rank_cd`` on a
   weighted tsvector), which returns its best ``CANDIDATES``.
3. Score. Each candidate is scored in Python the same way on both databases: how much of the
   typed text's weight the idea covers (words in its title or tags count fully, problem 0.7,
   proposal and benefit 0.4) and how much of the idea's own title, problem and tags the typed
   text covers, combined as an F-measure leaning to the first, then damped by how many terms
   are shared (one word in common counts for 0.3 of its score, two 0.51, three 0.66). The score
   is 0..1; it means the same on SQLite and PostgreSQL.

``SIMILAR_THRESHOLD``: ideas scoring below it are never offered as similar. It was set from the
evaluation set (tests/data/matching_eval.json, run by bench/matching.py): at 0.08 about three in
four pairs of ideas that share words but propose different things fall below it (27% above),
while 83% of real duplicates, written by different people in different words, are still found in
the top five. Text unlike every idea gets ``[]``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from flask import g, has_request_context
from sqlalchemy import select

from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.ideas.models import Idea, IdeaTag, Response, ResponseKind, Tag
from ideashub.matching import index
from ideashub.people.models import Organisation, Team, User
from ideashub.projects.models import Project, ProjectIdea, ProjectMember

# Below this score an idea is not offered as similar: text unlike every idea gets nothing.
# Set from the evaluation set (see the module's docstring and README "How matching works").
SIMILAR_THRESHOLD = 0.08
MAX_TEXT = 5000  # characters of typed text read (title and problem together); the rest is ignored

CANDIDATES = 30  # ideas taken from the index's own ranking before scoring
PEOPLE_CANDIDATES = 60  # people taken from the people index before scoring
PEOPLE_QUERY_TERMS = 6  # the idea's rarest words asked of the people index
MAX_QUERY_TERMS = 12  # terms asked of the index (the rarest; common words only weigh the score)
MAX_HELPER_TERMS = 24  # words of an idea read for its helpers (title, tags and problem first)
HELPER_SIMILAR = 10  # similar ideas whose responders, offers and projects count as evidence

# Where a word is found in an idea, and how much it says about the idea.
TITLE, TAGS, PROBLEM, BODY = 1.0, 1.0, 0.7, 0.4

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

_ENGLISH_STOP = """
a about above after again against all also am an and any are aren as at be because been before being below
between both but by can cannot could couldn did didn do does doesn doing don down during each etc every few
for from further get gets getting got had has have having he her here hers herself him himself his how i if
in into is isn it its itself just let lets like make makes many may me more most much must my myself need
needs new no nor not now of off on once one only or other our ours ourselves out over own per same she
should so some such than that the their theirs them themselves then there these they this those through to
too under until up upon us use used using very via was we were what when where which while who whom why
will with within without would you your yours yourself yourselves instead way ways help better less lot
lots often still even already able want wants within across cant dont isnt wont its thats go goes going
went take takes taken took put puts give gives given
re ll ve
"""
_WELSH_STOP = """
a ac am ar at ac ag beth bod bydd byddai cael chi da dan dros drwy ei eich ein eu fe fel fi fod gall gallai
gan gennym gyda hefyd heb hi hon hwn hwnnw hyn i iddo iddi iddynt ie in lle mae maen mewn mwy mwyaf na nad
naill neu ni nid nhw o oedd oes ond os pa pan pob pryd pwy roedd rhaid rhai rhwng sut sydd sy tan trwy
un wedi wrth y ydy yma yn yr yw ydynt ganddynt allant cyfer gyfer mynd
"""
STOP_WORDS = frozenset(_ENGLISH_STOP.split()) | frozenset(_WELSH_STOP.split())

# Words that mean the same in public services: each group becomes one term (its first word).
SYNONYMS = [
    ["bin", "refuse", "rubbish", "waste"],
    ["lorry", "truck", "vehicle", "van"],
    ["round", "route"],
    ["collection", "pickup"],
    ["text", "sms"],
    ["repair", "fix", "maintenance"],
    ["streetlight", "lamp", "lantern", "lighting"],
    ["computer", "laptop", "pc", "device", "tablet"],
    ["invoice", "bill"],
    ["supplier", "firm", "contractor"],
    ["vaccination", "vaccine", "jab", "immunisation"],
    ["medicine", "medication"],
    ["interpreter", "interpreting"],
    ["alarm", "sensor", "detector"],
    ["grit", "salt", "gritting"],
    ["tender", "tendering", "bid"],
    ["signature", "signing", "sign"],
    ["mould", "damp", "condensation"],
    ["solar", "photovoltaic"],
    ["password", "login", "logon"],
    ["induction", "onboarding", "starter", "joiner"],
    ["taxi", "minibus"],
    ["chatbot", "assistant"],
    ["assessment", "assessor", "assess"],
    ["website", "online", "web", "portal"],
    ["wildflower", "meadow"],
    ["rota", "shift", "rostering"],
    ["sanitary", "period"],
    ["kitchen", "canteen", "catering"],
    ["drinking", "refill", "fountain"],
    ["pothole", "defect"],
    ["tenant", "tenancy"],
]


def fold(word: str) -> str:
    """Lower case, accents removed (ŵ -> w, é -> e), as the indexes store words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# (ending, replacement, shortest stem left): the first that fits is applied, after plurals.
_PLURALS = [("sses", "ss", 2), ("ies", "y", 3), ("iau", "", 3), ("oedd", "", 4), ("au", "", 3), ("s", "", 3)]
_ENDINGS = [("isation", "is", 3), ("ization", "is", 3), ("ations", "ate", 4), ("ation", "ate", 4),
            ("ition", "", 4), ("ment", "", 4), ("ness", "", 4), ("ings", "", 4), ("ing", "", 4),
            ("edly", "", 4), ("ied", "y", 3), ("ed", "", 4), ("ers", "", 4), ("er", "", 4), ("ise", "is", 3),
            ("ize", "is", 3), ("ly", "", 4), ("ion", "", 4), ("ate", "", 4), ("e", "", 4)]


def stem(word: str) -> str:
    """A light stem of a folded word: plurals and common English endings, Welsh plurals."""
    w = word
    if len(w) <= 3:
        return w
    for ending, replacement, shortest in _PLURALS:
        if w.endswith(ending) and len(w) - len(ending) >= shortest and not w.endswith(("ss", "us", "is")):
            w = w[: -len(ending)] + replacement
            break
    for ending, replacement, shortest in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= shortest:
            w = w[: -len(ending)] + replacement
            break
    if w.endswith("iz"):
        w = w[:-2] + "is"
    return w


_CANONICAL: dict[str, str] = {}
_GROUP: dict[str, list[str]] = {}
for _group in SYNONYMS:
    _stems = list(dict.fromkeys(stem(fold(w)) for w in _group))
    for _s in _stems:
        _CANONICAL[_s] = _stems[0]
    _GROUP[_stems[0]] = _stems


@lru_cache(maxsize=50_000)
def _term(raw: str) -> str | None:
    """The term a word as written stands for (None for a function word); words repeat, so cached."""
    word = fold(raw)
    if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
        return None
    s = stem(word)
    return _CANONICAL.get(s, s)


@lru_cache(maxsize=50_000)
def _stem_of(raw: str) -> str:
    return stem(fold(raw))


def terms_of(text: str) -> list[tuple[str, str]]:
    """(term, word as written) for each word of ``text`` that carries meaning, in order."""
    found = []
    for raw in _TOKEN.findall(text or ""):
        term = _term(raw)
        if term is not None:
            found.append((term, raw.lower()))
    return found


def _profile(fields: Iterable[tuple[str, float]]) -> tuple[dict[str, float], dict[str, str]]:
    """Each term's weight (the heaviest field it is in) and a word that shows it."""
    weights: dict[str, float] = {}
    shown: dict[str, str] = {}
    for text, weight in fields:
        for term, word in terms_of(text):
            if weight > weights.get(term, 0.0):
                weights[term] = weight
            shown.setdefault(term, word)
    return weights, shown


_GROUP_WORDS: dict[str, list[str]] = {}
for _group in SYNONYMS:
    _GROUP_WORDS[_CANONICAL[stem(fold(_group[0]))]] = [fold(w) for w in _group]


def _index_group(term: str, shown: str | None = None) -> tuple[list[str], list[str]]:
    """How the index is asked for ``term``: (exact words, prefixes).

    PostgreSQL (words indexed as written): each stem of the term and its synonyms as a prefix
    (``collect:*`` finds collection, collected), the stem as a word when shorter than 4 letters.
    SQLite (FTS5's porter tokenizer stems indexed and asked words alike): the word as typed and
    the synonyms, as words; prefix queries are slow on FTS5."""
    if index.dialect() != "postgresql":
        words = [fold(shown)] if shown else []
        words += [w for w in _GROUP_WORDS.get(term, [term]) if w not in words]
        return words, []
    forms: list[str] = []
    prefixes = []
    for s in _GROUP.get(term, [term]):
        # The prefix every written form shares: lorry -> lorr* (lorries), registrate -> registr* (registration).
        prefix = s[:-3] if s.endswith("ate") else s[:-1] if s.endswith(("y", "e")) else s
        if len(prefix) >= 4:
            prefixes.append(prefix)
        else:
            forms += [s, s + "s", s + "es"]
    if shown and shown.lower() != fold(shown):  # PostgreSQL keeps accents: dŵr as written too
        forms.append(shown.lower())
    return forms, prefixes


def _term_query(term: str, shown: str | None = None) -> str:
    forms, prefixes = _index_group(term, shown)
    groups = [(forms, None)] if forms else []
    groups += [([], p) for p in prefixes]
    return index.query_text(groups)


class _Weights:
    """Rarity of terms (idf), from the database's index, counted once per call."""

    def __init__(self, terms: Iterable[str], shown: dict[str, str] | None = None):
        wanted = list(dict.fromkeys(terms))
        self.shown = shown or {}
        total, counts = index.document_counts([_term_query(t, self.shown.get(t)) for t in wanted])
        self.total = max(total, 1)
        self.df = dict(zip(wanted, counts, strict=True))
        self._idf = {t: math.log(1.0 + self.total / max(n, 1)) for t, n in self.df.items()}
        self._rare = math.log(1.0 + self.total)

    def idf(self, term: str) -> float:
        found = self._idf.get(term)
        return self._rare if found is None else found


@dataclass(frozen=True)
class SimilarIdea:
    idea: Idea
    score: float  # 0..1, higher is more alike
    reason: str  # in words: "same words: bins, recycling, collections; same tag: waste"


@dataclass(frozen=True)
class Helper:
    user: User
    score: float
    reasons: list[str] = field(default_factory=list)  # ["skills: procurement, data", "answered 2 similar ideas"]


def _coverage(a: dict[str, float], b: dict[str, float], weights: _Weights, whole: float | None = None) -> float:
    """How much of ``a``'s weight is found in ``b`` (0..1), each shared term counting as much as
    it weighs in both (``whole``: ``a``'s weight, when already known)."""
    idf = weights.idf
    if whole is None:
        whole = sum(idf(t) * w for t, w in a.items())
    if not whole:
        return 0.0
    return sum(idf(t) * w * b[t] for t, w in a.items() if t in b) / whole


BETA2 = 2.25  # the F-measure leans to the typed text (it may be a title only)
SHARED_DAMPING = 0.7  # one word in common counts for 0.3, two 0.51, three 0.66: ideas on one subject are not one idea


def _pair_score(query: dict[str, float], doc: dict[str, float], core: dict[str, float], weights: _Weights,
                query_whole: float | None = None) -> float:
    recall = _coverage(query, doc, weights, query_whole)  # the typed text found in the idea
    precision = _coverage(core, query, weights)  # the idea's own title, problem, tags found in the typed text
    if not recall or not precision:
        return 0.0
    shared = sum(1 for t in query if t in doc)
    damping = 1.0 - SHARED_DAMPING ** shared
    return damping * (1 + BETA2) * precision * recall / (BETA2 * precision + recall)


def _reason(query: dict[str, float], shown_query: dict[str, str], doc: dict[str, float], shown_doc: dict[str, str],
            same_tags: list[str], weights: _Weights) -> str:
    shared = sorted((t for t in query if t in doc), key=lambda t: -weights.idf(t) * query[t] * doc[t])
    same, related = [], []
    for term in shared:
        word, typed = shown_doc.get(term, term), shown_query.get(term, term)
        if _stem_of(word) == _stem_of(typed):
            same.append(word)
        else:
            related.append(f"{typed} ~ {word}")
    parts = []
    if same:
        parts.append(_("same words: %(words)s", words=", ".join(same[:5])))
    if related:
        parts.append(_("related words: %(words)s", words=", ".join(related[:3])))
    if same_tags:
        tags = ", ".join(same_tags[:3])
        parts.append(_("same tag: %(tags)s", tags=tags) if len(same_tags) == 1 else _("same tags: %(tags)s", tags=tags))
    return "; ".join(parts) or _("similar wording")


def _scored(query_fields: list[tuple[str, float]], *, exclude: Iterable[int] = (), query_tags: Iterable[str] = (),
            candidates: int = CANDIDATES, weights: _Weights | None = None) -> list[tuple[float, int, Callable[[], str]]]:
    """(score, idea id, reason) for the best candidates, best first, above the threshold."""
    query, shown_query = _profile(query_fields)
    if not query:
        return []
    wanted_tags = {t.lower() for t in query_tags}
    if weights is None or not set(query) <= set(weights.df):
        weights = _Weights(query, shown_query)
    usable = [t for t in query if weights.df.get(t, 0) > 0]
    if not usable:
        return []
    query_whole = sum(weights.idf(t) * w for t, w in query.items())
    ranked = sorted(usable, key=lambda t: -weights.idf(t) * query[t])
    asked = [t for t in ranked if weights.df[t] < index.DF_CAP][:MAX_QUERY_TERMS]
    # Only common words: ideas having the two weightiest of them, not every idea having either.
    if asked:
        ids = index.idea_candidates(_any_of(asked, weights), candidates, exclude)
    else:  # only common words: the newest ideas having all of the weightiest three
        ids = index.idea_candidates(_all_of(ranked[:3], weights), candidates, exclude, ranked=False)
    if not ids:
        return []
    texts = {row.id: row for row in db.session.execute(
        select(Idea.id, Idea.title, Idea.problem, Idea.proposal, Idea.benefit).where(Idea.id.in_(ids)))}
    tags: dict[int, list[str]] = defaultdict(list)
    for idea_id, name in db.session.execute(
            select(IdeaTag.idea_id, Tag.name).join(Tag, Tag.id == IdeaTag.tag_id).where(IdeaTag.idea_id.in_(ids))):
        tags[idea_id].append(name)
    found = []
    for idea_id in ids:
        row = texts.get(idea_id)
        if row is None:
            continue
        tag_text = " ".join(tags[idea_id])
        core, shown_doc = _profile([(row.title, TITLE), (tag_text, TAGS), (row.problem[:MAX_TEXT], PROBLEM)])
        doc = dict(core)
        for term, word in terms_of(f"{row.proposal} {row.benefit}"[:MAX_TEXT]):
            if term not in doc:
                doc[term] = BODY
                shown_doc.setdefault(term, word)
        score = _pair_score(query, doc, core, weights, query_whole)
        if score >= SIMILAR_THRESHOLD:
            same_tags = [t for t in sorted(tags[idea_id]) if t.lower() in wanted_tags]
            # The reason is put into words only for the ideas shown (see _load).
            found.append((round(min(score, 1.0), 3), idea_id,
                          partial(_reason, query, shown_query, doc, shown_doc, same_tags, weights)))
    found.sort(key=lambda m: (-m[0], -m[1]))
    return found


def _any_of(terms: Sequence[str], weights: _Weights) -> str:
    groups: list[tuple[list[str], str | None]] = []
    for term in terms:
        forms, prefixes = _index_group(term, weights.shown.get(term))
        if forms:
            groups.append((forms, None))
        groups += [([], p) for p in prefixes]
    return index.query_text(groups)


def _all_of(terms: Sequence[str], weights: _Weights) -> str:
    return index.all_of([_term_query(t, weights.shown.get(t)) for t in terms])


def _load(found: list[tuple[float, int, Callable[[], str]]], limit: int) -> list[SimilarIdea]:
    top = found[:limit]
    ideas = {i.id: i for i in db.session.scalars(select(Idea).where(Idea.id.in_([m[1] for m in top])))}
    return [SimilarIdea(ideas[i], score, reason()) for score, i, reason in top if i in ideas]


def similar_ideas(title: str, problem: str = "", *, limit: int = 5, exclude: Iterable[int] = ()) -> list[SimilarIdea]:
    """Up to ``limit`` ideas like the typed ``title`` and ``problem``, best first, in any stage
    (never hidden, withdrawn or merged away), each above ``SIMILAR_THRESHOLD``.

    Only the first ``MAX_TEXT`` characters of the title and problem together are read; text with
    no words that carry meaning, or unlike every idea, gives ``[]``."""
    title = (title or "")[:MAX_TEXT]
    problem = (problem or "")[: max(MAX_TEXT - len(title), 0)]
    if limit <= 0:
        return []
    return _load(_scored([(title, TITLE), (problem, PROBLEM)], exclude=exclude), limit)


def similar_to_idea(idea: Idea, *, limit: int = 5) -> list[SimilarIdea]:
    """Ideas like ``idea`` (itself left out): its title, tags and problem are the typed text."""
    if limit <= 0:
        return []
    return _load(_idea_matches(idea), limit)


def _idea_matches(idea: Idea, weights: _Weights | None = None) -> list[tuple[float, int, Callable[[], str]]]:
    """The ideas like ``idea``, scored. Within one request they are found once: the idea page asks
    for them for its "Similar ideas" and again as evidence for "People who could help" (a term's
    rarity is the same whichever call counted it, so both calls would find the same)."""
    memo = g.setdefault("matching_idea_matches", {}) if has_request_context() else {}
    key = (idea.id, idea.version)
    if key not in memo:
        tag_text = " ".join(idea.tag_names)
        memo[key] = _scored([(idea.title, TITLE), (tag_text, TAGS), (idea.problem[:MAX_TEXT], PROBLEM)],
                            exclude=[idea.id], query_tags=idea.tag_names, weights=weights)
    return memo[key]


# --- People who could help ---------------------------------------------------------------------

# What each kind of evidence adds to a person's score (times how alike the similar idea is).
SKILL_WEIGHT = 3.0
BIO_WEIGHT = 1.5
RESPONSE_WEIGHT = 0.6
OFFER_WEIGHT = 1.0
PROJECT_WEIGHT = 1.0
OTHER_ORGANISATION_BONUS = 1.1  # people in another organisation rank a little higher still
MIN_HELPER_EVIDENCE = 0.15  # below this a person is not suggested at all


def _quote(title: str) -> str:
    return f"“{title}”"


def helpers_for(idea: Idea, *, limit: int = 5, exclude_user_ids: Iterable[int] = ()) -> list[Helper]:
    """Up to ``limit`` people who could help with ``idea``, other teams and organisations first:
    never deactivated people, never the author, never someone who said "not my area" to an
    invitation to this idea.

    Evidence: skills and bio matching the idea's words (the people index), responses to similar
    ideas, offers of help on them, and work on projects made from them. The score is 0..1
    (``raw / (1 + raw)``); people outside the idea's team come first, then by score, with people
    in another organisation a little higher."""
    if limit <= 0:
        return []
    skip = set(exclude_user_ids) | declined_for(idea) | {idea.author_id}

    tag_text = " ".join(idea.tag_names)
    wanted, shown_wanted = _profile([(idea.title, TITLE), (tag_text, TAGS), (idea.problem[:MAX_TEXT], PROBLEM),
                                     (f"{idea.proposal} {idea.benefit}"[:MAX_TEXT], BODY)])
    if not wanted:
        return []
    if len(wanted) > MAX_HELPER_TERMS:  # the weightiest: title, tags and problem before the rest
        wanted = dict(sorted(wanted.items(), key=lambda kv: -kv[1])[:MAX_HELPER_TERMS])
    weights = _Weights(wanted, shown_wanted)  # rarity of the idea's words, for both kinds of evidence
    evidence = _Evidence()
    evidence.from_work(_idea_matches(idea, weights)[:HELPER_SIMILAR])

    ranked = sorted((t for t in wanted if weights.df.get(t, 0) < index.DF_CAP),
                    key=lambda t: -weights.idf(t) * wanted[t])[:PEOPLE_QUERY_TERMS]
    by_profile = index.people_candidates(_any_of(ranked, weights), PEOPLE_CANDIDATES) if ranked else []
    ids = (set(evidence.raw) | set(by_profile)) - skip
    if not ids:
        return []
    # Plain rows to score; whole people only for those suggested.
    places = _place_terms()
    people = db.session.execute(
        select(User.id, User.team_id, User.skills, User.bio, Team.organisation_id)
        .outerjoin(Team, Team.id == User.team_id).where(User.id.in_(ids), User.active.is_(True))).all()
    found = []
    for person in people:
        words = evidence.from_profile(person, wanted, weights, places)
        raw = evidence.raw[person.id]
        if raw < MIN_HELPER_EVIDENCE:
            continue
        score = raw / (1.0 + raw)
        other_org = person.organisation_id != idea.organisation_id
        rank = score * (OTHER_ORGANISATION_BONUS if other_org else 1.0)
        found.append((person.team_id == idea.team_id, -rank, person.id, round(score, 3), words))
    found.sort(key=lambda f: f[:3])
    top = found[:limit]
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([f[2] for f in top])))}
    return [Helper(users[f[2]], f[3], f[4]) for f in top if f[2] in users]


def _place_terms() -> frozenset[str]:
    """The words of every organisation's and team's name ("riverside", "council", "health", "team"):
    a profile mentioning where its owner works says nothing about what they know."""
    memo = g.setdefault("matching_place_terms", None) if has_request_context() else None
    if memo is None:
        names = db.session.scalars(select(Organisation.name).union_all(select(Team.name)))
        memo = frozenset(term for name in names for term, _ in terms_of(name)) | {"team"}
        if has_request_context():
            g.matching_place_terms = memo
    return memo


def declined_query(idea: Idea):
    """The people who answered "not my area" to an invitation to ``idea`` (never suggested for it
    again), as a query of their ids."""
    from ideashub.matching.models import Invitation, InvitationStatus

    return select(Invitation.user_id).where(Invitation.idea_id == idea.id, Invitation.status == InvitationStatus.DECLINED)


def declined_for(idea: Idea) -> set[int]:
    return set(db.session.scalars(declined_query(idea)))


class _Evidence:
    """What each person has done or knows that bears on an idea: a raw score and its reasons."""

    def __init__(self) -> None:
        self.raw: dict[int, float] = defaultdict(float)
        self.said: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def from_work(self, similar: list[tuple[float, int, Callable[[], str]]]) -> None:
        """Answers to, offers of help on, and projects made from the similar ideas."""
        alike = {i: score for score, i, _ in similar}
        if not alike:
            return
        titles = {r.id: r.title for r in db.session.execute(select(Idea.id, Idea.title).where(Idea.id.in_(alike)))}
        answered: dict[int, set[int]] = defaultdict(set)
        offered: set[tuple[int, int]] = set()
        for author_id, idea_id, kind in db.session.execute(
                select(Response.author_id, Response.idea_id, Response.kind)
                .where(Response.idea_id.in_(alike), Response.hidden_at.is_(None)).limit(2000)):
            if kind == ResponseKind.OFFER and (author_id, idea_id) not in offered:
                offered.add((author_id, idea_id))
                self.raw[author_id] += OFFER_WEIGHT * alike[idea_id]
                self.said[author_id]["offer"].append(titles.get(idea_id, ""))
            answered[author_id].add(idea_id)
        for author_id, ids in answered.items():
            self.raw[author_id] += RESPONSE_WEIGHT * sum(alike[i] for i in ids)
            self.said[author_id]["answered"].append(str(len(ids)))
        seen: set[tuple[int, int]] = set()
        for user_id, project_id, name, idea_id in db.session.execute(
                select(ProjectMember.user_id, Project.id, Project.name, ProjectIdea.idea_id)
                .join(Project, Project.id == ProjectMember.project_id)
                .join(ProjectIdea, ProjectIdea.project_id == Project.id)
                .where(ProjectIdea.idea_id.in_(alike)).limit(2000)):
            if (user_id, project_id) not in seen:
                seen.add((user_id, project_id))
                self.raw[user_id] += PROJECT_WEIGHT * alike[idea_id]
                self.said[user_id]["project"].append(name)

    def from_profile(self, person, wanted: dict[str, float], weights: _Weights,
                     places: frozenset[str] = frozenset()) -> list[str]:
        """Add what ``person``'s skills and bio say; the reasons, in words. Words of ``places``
        (organisation and team names) in a bio are not evidence."""
        whole = sum(weights.idf(t) * w for t, w in wanted.items())
        matched_skills, skill_weight = [], 0.0
        for skill in (s.strip() for s in (person.skills or "").split(",") if s.strip()):
            hit = sum(weights.idf(t) * wanted[t] for t in {t for t, _ in terms_of(skill)} if t in wanted)
            if hit:
                matched_skills.append(skill)
                skill_weight += hit
        if matched_skills and whole:
            self.raw[person.id] += SKILL_WEIGHT * min(skill_weight / whole * 2, 1.0)
        bio, shown_bio = _profile([(person.bio, 1.0)])
        shared = sorted((t for t in bio if t in wanted and t not in places), key=lambda t: -weights.idf(t) * wanted[t])
        if shared and whole:
            self.raw[person.id] += BIO_WEIGHT * min(sum(weights.idf(t) * wanted[t] for t in shared) / whole * 2, 1.0)
        said = self.said[person.id]
        words = []
        if matched_skills:
            words.append(_("skills: %(skills)s", skills=", ".join(matched_skills[:4])))
        if said["offer"]:
            offers = list(dict.fromkeys(t for t in said["offer"] if t))
            words.append(_("offered help on %(topics)s", topics=", ".join(_quote(t) for t in offers[:2])))
        if said["answered"]:
            n = int(said["answered"][0])
            words.append(_("answered a similar idea") if n == 1 else _("answered %(count)s similar ideas", count=n))
        if said["project"]:
            names = list(dict.fromkeys(said["project"]))
            projects = ", ".join(_quote(n) for n in names[:2])
            words.append(_("works on the project %(projects)s", projects=projects) if len(names) == 1
                         else _("works on the projects %(projects)s", projects=projects))
        if shared:
            words.append(_("profile mentions %(words)s", words=", ".join(shown_bio[t] for t in shared[:3])))
        return words
