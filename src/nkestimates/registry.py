"""The human-edited registry: controlled vocabularies and the producers behind the figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import YamlDocument, without_lines
from .schema import Context, Sources, Vocabularies, each, raise_all, read_checked

VOCABULARIES = "vocabularies.yaml"
SOURCES = "sources.yaml"
CONTEXT = "context.yaml"


@dataclass(frozen=True)
class Registry:
    vocabularies: dict[str, dict[str, str]]  # vocabulary -> term -> description
    producers: dict[str, dict]  # producer id -> entry
    publications: dict[str, dict]  # publication id -> entry (with its producer id)
    aliases: dict[str, str]  # alias as written -> producer id
    context: list[dict]  # other credible estimates, never part of the articles' table

    def check_term(self, vocabulary: str, term: str, where: Path, line: int | None) -> None:
        terms = self.vocabularies[vocabulary]
        if term not in terms:
            raise InputError(where, f"unknown {vocabulary} '{term}'",
                             f"Use a term from {VOCABULARIES} ({', '.join(sorted(terms))[:200]}…) "
                             "or add it there with a description", line)

    def producer_for(self, as_written: str, where: Path, line: int | None) -> str:
        if as_written not in self.aliases:
            raise InputError(where, f"unknown producer alias '{as_written}'",
                             f"Add it to a producer's aliases in {SOURCES}", line)
        return self.aliases[as_written]


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
               for term in vocabularies[vocabulary] if term not in vocabularies[labels]])
    return vocabularies


def load_registry(folder: Path) -> Registry:
    """The registry's files, each checked against its schema; every file's problems at once."""
    vocab_path, sources_path = folder / VOCABULARIES, folder / SOURCES
    vocabulary_doc, sources_doc = each([(vocab_path, Vocabularies), (sources_path, Sources)],
                                       lambda job: read_checked(*job))
    vocabularies = _vocabularies(vocabulary_doc)
    raw = sources_doc.data
    producers, publications, aliases = {}, {}, {}
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
        for publication in producer.get("publications", []):
            if publication["id"] in publications:
                raise InputError(sources_path, f"duplicate publication id '{publication['id']}'",
                                 "Give each publication one id", publication["__line__"])
            publications[publication["id"]] = {**without_lines(publication), "producer": pid}
            for vocabulary, term in _terms(publication):
                if term not in vocabularies[vocabulary]:
                    raise InputError(sources_path, f"unknown {vocabulary} '{term}'",
                                     f"Use a term from {VOCABULARIES}", publication["__line__"])
    return Registry(vocabularies, producers, publications, aliases, _load_context(folder / CONTEXT, vocabularies))


def _load_context(path: Path, vocabularies: dict) -> list[dict]:
    entries = read_checked(path, Context).data if path.exists() else []
    for entry in entries or []:
        for vocabulary in ("measure", "method", "confidence"):
            if entry.get(vocabulary) not in vocabularies[vocabulary]:
                raise InputError(path, f"unknown {vocabulary} '{entry.get(vocabulary)}'",
                                 f"Use a term from {VOCABULARIES}", entry["__line__"])
    return [without_lines(e) for e in entries or []]
