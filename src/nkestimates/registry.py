"""The human-edited registry: controlled vocabularies and the producers behind the figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import YamlDocument, without_lines
from .schema import Context, Facts, Sources, Vocabularies, each, raise_all, read_checked
from .terms import WRITTEN

VOCABULARIES = "vocabularies.yaml"
SOURCES = "sources.yaml"
CONTEXT = "context.yaml"
FACTS = "facts.yaml"


@dataclass(frozen=True)
class Registry:
    vocabularies: dict[str, dict[str, str]]  # vocabulary -> term -> description
    producers: dict[str, dict]  # producer id -> entry
    publications: dict[str, dict]  # publication id -> entry (with its producer id)
    aliases: dict[str, str]  # a producer's name as an article writes it -> producer id
    descriptions: dict[tuple[str, str], str]  # (phrase that is not a name, seed) -> producer id
    context: list[dict]  # other credible estimates, never part of the articles' table
    facts: dict[str, dict]  # fact id -> researched fact (statement, flags it supports, evidence)

    def check_term(self, vocabulary: str, term: str, where: Path, line: int | None) -> None:
        terms = self.vocabularies[vocabulary]
        if term not in terms:
            raise InputError(where, f"unknown {vocabulary} '{term}'",
                             f"Use a term from {VOCABULARIES} ({', '.join(sorted(terms))[:140]}…) "
                             "or add it there with a description", line)

    def producer_for(self, as_written: str, seed: str, where: Path, line: int | None) -> str:
        """The producer an article means: a name matches anywhere, a description only in its seeds."""
        if as_written in self.aliases:
            return self.aliases[as_written]
        if (as_written, seed) in self.descriptions:
            return self.descriptions[(as_written, seed)]
        scoped = sorted(s for (text, s) in self.descriptions if text == as_written)
        if scoped:
            raise InputError(where, f"'{as_written}' is not a name; it stands for a producer only in "
                             f"{', '.join(scoped)}",
                             f"Add {seed} to the 'descriptions' entry of the producer it means in {SOURCES}",
                             line)
        raise InputError(where, f"unknown producer alias '{as_written}'",
                         f"Add the name to a producer's aliases in {SOURCES}, or a phrase that is not "
                         "a name to its 'descriptions' with this seed", line)

    def is_name(self, as_written: str) -> bool:
        """True when as_written names a producer (not a description such as 'the group')."""
        return as_written in self.aliases

    def stands_for_no_producer(self, producer: str) -> bool:
        """Placeholders (unattributed, an individual's testimony, ...) may cite another's publication."""
        return bool(self.producers[producer].get("placeholder"))

    def names_no_producer(self, name: str) -> bool:
        """True for a placeholder's name, as the table writes it ('An unidentified report')."""
        return any(p.get("placeholder") and p["name"] == name for p in self.producers.values())

    def probable_producer(self, name: str, publication: str, flags: list[str]) -> str:
        """Whom the research takes to have made a figure whose attribution it could not confirm
        (flag attribution_unconfirmed): the producer named, or for a placeholder ('an unidentified
        report') the producer of the publication traced to; '' when confirmed or unknown."""
        if "attribution_unconfirmed" not in flags:
            return ""
        if not self.names_no_producer(name):
            return name
        owner = self.publications.get(publication, {}).get("producer")
        return self.producers[owner]["name"] if owner else ""


def _terms(publication: dict):
    """The vocabulary terms a publication entry uses."""
    if publication.get("method"):
        yield "method", publication["method"]
    for figure in publication.get("figures", []):
        yield "measure", figure["measure"]
        if figure.get("qualifier"):
            yield "qualifier", figure["qualifier"]


LABELLED = {"measure": "measure_label", "method": "method_family"}  # every term needs an entry there


def _vocabularies(document: YamlDocument) -> dict[str, dict[str, str]]:
    vocabularies = {name: {str(t): str(d) for t, d in terms.items()}
                    for name, terms in without_lines(document.data).items()}
    raise_all([InputError(document.path, f"{vocabulary} '{term}' has no entry in '{labels}'",
                          f"Add '{term}: ...' under '{labels}'", document.line((vocabulary, term)))
               for vocabulary, labels in LABELLED.items()
               for term in vocabularies[vocabulary] if term not in vocabularies[labels]]
              + [InputError(document.path, f"{labels} has an entry for '{term}', which is no {vocabulary}",
                            f"Correct the name, or add it to '{vocabulary}'", document.line((labels, term)))
                 for vocabulary, labels in LABELLED.items()
                 for term in vocabularies[labels] if term not in vocabularies[vocabulary]]
              + [InputError(document.path, f"vocabulary '{vocabulary}' lacks '{term}', which the build writes",
                            f"Add '{term}:' with its meaning under '{vocabulary}'", document.line((vocabulary,)))
                 for vocabulary, terms in WRITTEN.items() for term in terms if term not in vocabularies[vocabulary]]
              + list(_listing_problems(document, vocabularies)))
    return vocabularies


# Vocabularies that list, for each measure, terms of another vocabulary (comma-separated).
LISTINGS = {"measure_unit": "unit", "measure_population_group": "population_group"}


def _listing_problems(document: YamlDocument, vocabularies: dict[str, dict[str, str]]):
    for listing, listed in LISTINGS.items():
        for measure in vocabularies["measure"]:
            if measure not in vocabularies[listing]:
                yield InputError(document.path, f"measure '{measure}' has no entry in '{listing}'",
                                 f"Add '{measure}: ...' under '{listing}' with the {listed} terms its figures take",
                                 document.line((listing,)))
        for measure, terms in vocabularies[listing].items():
            if measure not in vocabularies["measure"]:
                yield InputError(document.path, f"{listing} has an entry for '{measure}', which is no measure",
                                 "Correct the name, or add the measure to 'measure'", document.line((listing, measure)))
            for term in (t.strip() for t in terms.split(",")):
                if term not in vocabularies[listed]:
                    yield InputError(document.path, f"{listing} of '{measure}' names '{term}', which vocabulary "
                                     f"'{listed}' does not define", f"Use a term from '{listed}' or add it there",
                                     document.line((listing, measure)))


def load_registry(folder: Path) -> Registry:
    """The registry's files, each checked against its schema; every file's problems at once."""
    vocab_path, sources_path = folder / VOCABULARIES, folder / SOURCES
    vocabulary_doc, sources_doc = each([(vocab_path, Vocabularies), (sources_path, Sources)],
                                       lambda job: read_checked(*job))
    vocabularies = _vocabularies(vocabulary_doc)
    raw = sources_doc.data
    producers, publications, aliases, descriptions = {}, {}, {}, {}
    for producer in raw["producers"]:
        pid = producer["id"]
        if pid in producers:
            raise InputError(sources_path, f"duplicate producer id '{pid}'", "Give each producer one entry",
                             producer["__line__"])
        producers[pid] = without_lines(producer)
        for alias in [producer["name"], *producer.get("aliases", [])]:
            if aliases.setdefault(alias, pid) != pid:
                raise InputError(sources_path, f"alias '{alias}' belongs to two producers",
                                 "Keep each alias under one producer", producer["__line__"])
        for description in producer.get("descriptions", []):
            _add_description(descriptions, description, pid, sources_path)
        for publication in producer.get("publications", []):
            if publication["id"] in publications:
                raise InputError(sources_path, f"duplicate publication id '{publication['id']}'",
                                 "Give each publication one id", publication["__line__"])
            publications[publication["id"]] = {**without_lines(publication), "producer": pid}
            for vocabulary, term in _terms(publication):
                if term not in vocabularies[vocabulary]:
                    raise InputError(sources_path, f"unknown {vocabulary} '{term}'",
                                     f"Use a term from {VOCABULARIES}", publication["__line__"])
    return Registry(vocabularies, producers, publications, aliases, descriptions,
                    _load_context(folder / CONTEXT, vocabularies),
                    _load_facts(folder / FACTS, vocabularies, publications, producers))


def _add_description(descriptions: dict, description: dict, pid: str, path: Path) -> None:
    """A phrase that is not a name ('the group') stands for pid only in the seeds it lists."""
    for seed in description["seeds"]:
        if descriptions.setdefault((description["text"], seed), pid) != pid:
            raise InputError(path, f"description '{description['text']}' stands for two producers in {seed}",
                             "Keep it under one producer for that seed", description.get("__line__"))


# A fact the research could not confirm, a search that found nothing or a publication no research
# covers backs only a flag that says so; a flag that states a finding ("prints the top of a wider
# range") needs a fact found.
UNFOUND = ("unconfirmed", "not found", "not researched")
ABSENCE_FLAGS = {"attribution_unconfirmed", "no_primary_source", "no_method_published", "unverifiable"}


def _load_facts(path: Path, vocabularies: dict, publications: dict, producers: dict) -> dict[str, dict]:
    """Researched facts that justify flags, each with its evidence and confidence."""
    facts = {}
    for fact in (read_checked(path, Facts).data if path.exists() else None) or []:
        line = fact.get("__line__")
        if fact["id"] in facts:
            raise InputError(path, f"duplicate fact id '{fact['id']}'", "Give each fact one id", line)
        for flag in fact["supports"]:
            if flag not in vocabularies["flag"]:
                raise InputError(path, f"unknown flag '{flag}'", f"Use a flag from {VOCABULARIES}", line)
        if fact["confidence"] not in vocabularies["confidence"]:
            raise InputError(path, f"unknown confidence '{fact['confidence']}'",
                             f"Use a term from {VOCABULARIES}", line)
        if fact["confidence"] in UNFOUND and (findings := sorted(set(fact["supports"]) - ABSENCE_FLAGS)):
            raise InputError(path, f"fact '{fact['id']}' is '{fact['confidence']}' but supports {', '.join(findings)}, "
                             "which state a finding",
                             f"A fact the research could not confirm supports only flags that report what was not "
                             f"found ({', '.join(sorted(ABSENCE_FLAGS))}); record the finding in a confirmed fact, "
                             "or drop the flag", line)
        concerns = [field for field in ("publication", "producer", "estimates") if fact.get(field)]
        if len(concerns) != 1:
            raise InputError(path, f"fact '{fact['id']}' concerns {' and '.join(concerns) or 'nothing'}",
                             "Give exactly one of 'publication', 'producer' or 'estimates': what the fact is about", line)
        if fact.get("publication") and fact["publication"] not in publications:
            raise InputError(path, f"unknown publication '{fact['publication']}'",
                             f"Use a publication id from {SOURCES}", line)
        if fact.get("producer") and fact["producer"] not in producers:
            raise InputError(path, f"unknown producer '{fact['producer']}'", f"Use a producer id from {SOURCES}", line)
        facts[fact["id"]] = without_lines(fact)
    return facts


def _load_context(path: Path, vocabularies: dict) -> list[dict]:
    entries = read_checked(path, Context).data if path.exists() else []
    for entry in entries or []:
        for vocabulary in ("measure", "method", "confidence"):
            if entry.get(vocabulary) not in vocabularies[vocabulary]:
                raise InputError(path, f"unknown {vocabulary} '{entry.get(vocabulary)}'",
                                 f"Use a term from {VOCABULARIES}", entry["__line__"])
    return [without_lines(e) for e in entries or []]
