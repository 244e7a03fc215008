"""Import and export on the pages (uitwisseling): each organisation uploads its own records as
CSV or Excel, sees the check report with every problem before anything is written, and then
confirms; it downloads the templates and its own data in the same layout.

What each may send and receive is one table (SCOPES): a care provider its clients (persons,
their status history) and teams, a corporation its complexes and dwellings, the regisseur the
whole region. The uploaded files are kept server-side between the check and the confirmation,
in a directory per upload named by a random token and bound to the user who uploaded it; the
confirmation reads and checks them again (the database may have changed meanwhile) and writes
all or nothing through services/imports.py. Uploads expire after an hour.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.records import Record, region_records
from woonregie.exchange.writers import write_csv_dir, write_workbook
from woonregie.services import audit, exports
from woonregie.services import audit_anchor as anchor
from woonregie.services.access import Action, NotFound, Principal, Role, Scope, require
from woonregie.services.imports import ImportReport, ImportScope, import_files
from woonregie.services.region import read_region
from woonregie.store.unit_of_work import UnitOfWork

UPLOAD_DIR_ENV = "WOONREGIE_UPLOAD_DIR"
MAX_AGE_S = 3600
SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class RoleScope:
    owners: dict[str, str | None]  # record type → column naming the own organisation
    who: str
    pseudonymise: bool = False  # person keys and names replaced in what it downloads


SCOPES: dict[Role, RoleScope] = {
    Role.TRAJECTBEGELEIDER: RoleScope(
        {"teams": "organisatie", "personen": "zorgaanbieder", "statushistorie": None},
        "Een zorgaanbieder"),
    Role.VERHUURMAKELAAR: RoleScope({"complexen": "corporatie", "woningen": "corporatie"},
                                    "Een woningcorporatie"),
    Role.REGISSEUR: RoleScope({}, "De regisseur", pseudonymise=True),
}
"""Per role: the record types it exchanges and the column that must name its organisation.
The regisseur (scope ALL in the policy) exchanges every record type."""


def _scope(principal: Principal) -> ImportScope | None:
    if require(principal, Action.EXCHANGE) is Scope.ALL:
        return None
    role = SCOPES[principal.role]
    return ImportScope(principal.organisation, role.owners, role.who)


def kinds(principal: Principal) -> list[str]:
    """The record types the principal exchanges (for the page's explanation)."""
    scope = _scope(principal)
    return list(scope.owners) if scope else list(LAYOUTS)


# --- uploads kept between check and confirmation ------------------------------------------------


def _root() -> Path:
    root = Path(os.environ.get(UPLOAD_DIR_ENV) or Path(tempfile.gettempdir()) /
                "woonregie-uploads")
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def _clean_old(root: Path, now: float) -> None:
    for folder in root.iterdir():
        try:
            if now - folder.stat().st_mtime > MAX_AGE_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def safe_name(name: str) -> str | None:
    """The file's own name (no directories), if it is a CSV or Excel file."""
    base = Path(name.replace("\\", "/")).name.strip()
    if not base or base.startswith(".") or not base.lower().endswith(SUFFIXES):
        return None
    return base[:120]


@dataclass(frozen=True)
class Upload:
    token: str
    folder: Path

    @property
    def paths(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.suffix.lower() in SUFFIXES)


def keep(principal: Principal, files: list[tuple[str, bytes]]) -> Upload:
    """Store the uploaded files under a new token, bound to the uploader."""
    require(principal, Action.EXCHANGE)
    root = _root()
    _clean_old(root, time.time())
    token = secrets.token_urlsafe(24)
    folder = root / token
    folder.mkdir(mode=0o700)
    (folder / "owner.json").write_text(json.dumps({"user": principal.username}))
    for name, content in files:
        (folder / name).write_bytes(content)
    return Upload(token, folder)


def kept(principal: Principal, token: str) -> Upload:
    """The upload `token` of this user; another user's, an expired or an unknown one is
    'not found'."""
    require(principal, Action.EXCHANGE)
    if not token or not all(c.isalnum() or c in "-_" for c in token):
        raise NotFound("Upload")
    folder = _root() / token
    owner = folder / "owner.json"
    if not owner.is_file() or json.loads(owner.read_text()).get("user") != principal.username:
        raise NotFound("Upload")
    if time.time() - folder.stat().st_mtime > MAX_AGE_S:
        shutil.rmtree(folder, ignore_errors=True)
        raise NotFound("Upload")
    return Upload(token, folder)


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def _fresh(uow: UnitOfWork) -> UnitOfWork:
    """An import runs in its own unit of work (services/imports.py enters it); the request's
    transaction gives its connection back first, so one request never holds two."""
    uow.rollback()
    return UnitOfWork(uow.engine, uow.clock)


def check(uow: UnitOfWork, principal: Principal, upload: Upload) -> ImportReport:
    """Every problem of the upload, within the principal's scope; nothing is written."""
    scope = _scope(principal)
    return import_files(_fresh(uow), upload.paths, actor=principal, dry_run=True, scope=scope)


def confirm(uow: UnitOfWork, principal: Principal, upload: Upload) -> ImportReport:
    """Check again and write all or nothing (audited as an import by the principal)."""
    scope = _scope(principal)
    report = import_files(_fresh(uow), upload.paths, actor=principal, scope=scope)
    if report.written:
        discard(upload)
    return report


# --- downloads ---------------------------------------------------------------------------------


def own_records(uow: UnitOfWork, principal: Principal) -> dict[str, list[Record]]:
    """The principal's own records in the import layout (audited as an export): a care
    provider's teams, clients and their history, a corporation's complexes and dwellings, the
    regisseur the whole region with person keys pseudonymised and names left out."""
    scope = _scope(principal)
    role = SCOPES[principal.role]
    key = pseudonym_key() if role.pseudonymise else None
    records = region_records(read_region(uow))
    if scope is not None:
        records = _own(records, scope)
    counts = {name: len(rows) for name, rows in records.items() if rows}
    audit.record(uow, principal, "export", "region", None, {
        "counts": counts, "pseudonymised": key is not None,
        "persons": [r["sleutel"] for r in records.get("personen", [])][:10_000]})
    uow.commit()
    return exports.pseudonymise(records, key) if key is not None else records


def pseudonym_key() -> bytes:
    """WOONREGIE_PSEUDONYM_KEY when set (the same pseudonyms as `woonregie export
    --pseudonymise`), else one derived from the installation's audit key: stable for this
    installation, unknown outside it, and no download fails for want of configuration."""
    try:
        return exports.pseudonym_key_from_env()
    except exports.PseudonymKeyMissing:
        return hmac.new(anchor.ensure_key()[0], b"woonregie-pseudoniemen",
                        hashlib.sha256).hexdigest().encode()


def _own(records: dict[str, list[Record]], scope: ImportScope) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {}
    for name, column in scope.owners.items():
        rows = records.get(name, [])
        out[name] = [r for r in rows if column is None or r.get(column) == scope.organisation]
    if "statushistorie" in out:
        mine = {r["sleutel"] for r in out.get("personen", [])}
        out["statushistorie"] = [r for r in records["statushistorie"] if r["sleutel"] in mine]
    return out


def headers_for(principal: Principal) -> dict[str, list[str]] | None:
    return exports.PSEUDONYM_HEADERS if SCOPES[principal.role].pseudonymise else None


def workbook(records: dict[str, list[Record]], headers: dict[str, list[str]] | None) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "gegevens.xlsx", records, headers)
        return path.read_bytes()


def csv_zip(records: dict[str, list[Record]], headers: dict[str, list[str]] | None) -> bytes:
    out = BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out, "w",
                                                                 zipfile.ZIP_DEFLATED) as z:
        for path in write_csv_dir(Path(tmp), records, headers):
            if path.stem in records:
                z.write(path, path.name)
    return out.getvalue()
