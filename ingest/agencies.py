"""Agency names: normalisation, aliases and type.  (stub: being written)"""
from __future__ import annotations


def normalise_agency(name: str) -> str:
    return "".join(name.split())


def agency_type(name: str) -> str:
    return "department"
