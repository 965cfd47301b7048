"""Outreach-tool templates: merge fields the platform fills ({{first_name}}, {company},
[Prénom]...) are values, not mistakes; slots a person must write ([specific point],
{{value_hook}}) still are.

In template mode, a platform field is replaced by its value from `fields` (front matter or
--fields) or by a stand-in, so rules see a message as the recipient will: a first-name field
counts as using the recipient's name, a company field as naming their company. A field
given in `fields` is always filled, template mode or not."""

from __future__ import annotations

import dataclasses
import re

from ..model import Recipient
from ..text.folding import fold
from .model import Unit
from .sourcemap import Segment, SourceMap

FIELD = re.compile(
    r"\{\{\s*(?P<a>[^{}\n]{1,40}?)\s*\}\}|\{(?P<b>[^{}\n\s][^{}\n]{0,30})\}|\[(?P<c>[^\[\]\n]{1,40})\]|"
    r"%(?P<d>[A-Za-z_]{2,30})%|\*\|(?P<e>[A-Za-z_]{2,30})\|\*|<(?P<f>[A-Z][A-Z_ ]{1,30})>")
FIRST_NAME = {"firstname", "prenom", "first", "fname", "givenname", "contactfirstname", "leadfirstname"}
FULL_NAME = {"name", "fullname", "nomcomplet", "contactname", "leadname", "recipient", "recipientname"}
LAST_NAME = {"lastname", "nom", "lname", "surname", "familyname", "nomdefamille"}
COMPANY = {"company", "companyname", "entreprise", "nomentreprise", "nomdelentreprise", "societe", "organisation",
           "organization", "org", "account", "accountname", "employer", "structure"}
OTHER = {"title", "jobtitle", "poste", "fonction", "role", "city", "ville", "industry", "secteur", "school", "ecole",
         "university", "universite", "country", "pays", "region", "department", "service", "sendername", "myname",
         "signature", "senderfirstname", "calendarlink", "website", "sitewebsite", "linkedinurl"}
STAND_IN = {"first": "Camille", "full": "Camille Martin", "last": "Martin", "company": "Acme", "other": "x"}


def field_kind(name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", fold(name))
    for kind, names in (("first", FIRST_NAME), ("full", FULL_NAME), ("last", LAST_NAME), ("company", COMPANY),
                        ("other", OTHER)):
        if key in names:
            return kind
    return None


def _given(fields: dict[str, str], name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", fold(name))
    return next((v for k, v in fields.items() if re.sub(r"[^a-z0-9]", "", fold(k)) == key), None)


def render(unit: Unit, fields: dict[str, str] | None = None, template: bool | None = None) -> Unit:
    fields = {**unit.fields, **(fields or {})}
    template = unit.template if template is None else template
    if not fields and not template:
        return unit
    text = unit.text
    pieces: list[str] = []
    segments: list[Segment] = []
    length = 0
    position = 0
    first_name = company = None
    for match in FIELD.finditer(text):
        name = next(g for g in match.groups() if g is not None)
        value = _given(fields, name)
        kind = field_kind(name)
        if value is None and template and kind is not None:
            value = STAND_IN[kind] if kind != "first" or not (unit.recipient and unit.recipient.first_name) \
                else unit.recipient.first_name
        if value is None:
            continue  # a slot for a person to write: it stays, and stays flagged
        if kind in ("first", "full"):
            first_name = value.split()[0] if value.split() else value
        elif kind == "company":
            company = value
        piece = text[position:match.start()]
        segments.append(Segment(length, unit.source_map.to_file(position), len(piece)))
        pieces.append(piece)
        length += len(piece)
        segments.append(Segment(length, unit.source_map.to_file(match.start()), 0))
        pieces.append(value)
        length += len(value)
        position = match.end()
    if not segments:
        return unit
    tail = text[position:]
    segments.append(Segment(length, unit.source_map.to_file(position), len(tail)))
    pieces.append(tail)
    recipient = unit.recipient or Recipient()
    if first_name and not recipient.name:
        recipient = dataclasses.replace(recipient, name=first_name)
    if company and not recipient.company:
        recipient = dataclasses.replace(recipient, company=company)
    new_map = SourceMap(segments, unit.source_map.file_length, exact=unit.source_map.exact)
    return dataclasses.replace(unit, text="".join(pieces), source_map=new_map, recipient=recipient, writable=False,
                               notes=(*unit.notes, "linted as the recipient will read it: merge fields filled"))
