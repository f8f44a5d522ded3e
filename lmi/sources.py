"""Citations: every figure the assistant quotes says who published it and for which year."""
from __future__ import annotations

from dataclasses import dataclass

SHORT_NAMES = {
    "office for national statistics": "ONS",
    "department for education": "DfE",
    "institute for apprenticeships and technical education": "IfATE",
    "skills england": "Skills England",
    "gov.uk": "GOV.UK",
}


@dataclass(frozen=True)
class Source:
    publisher: str
    table: str
    year: int | str | None
    link: str

    @property
    def short(self) -> str:
        """'ONS, 2024': the form quoted in a chat answer."""
        name = SHORT_NAMES.get(self.publisher.strip().lower(), self.publisher.strip())
        return f"{name}, {self.year}" if self.year else name

    def as_dict(self) -> dict:
        return {"publisher": self.publisher, "table": self.table, "year": self.year,
                "link": self.link, "cite": self.short}
