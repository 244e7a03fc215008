"""Matching rounds over the API: list, lines with reasons, run (stored and dry), refusals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tests.web_support import bearer, drop_seed_match, run_jobs
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork

RG = "regisseur-own"


def test_list_and_read_a_round_with_reasons(client, seeded, sqlite_engine):
    listed = client.get("/api/v1/match-rounds", headers=bearer(seeded, RG)).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == seeded.round_id
    run_at = listed["items"][0]["run_at"].replace("Z", "+00:00")
    assert datetime.fromisoformat(run_at).tzinfo is not None  # RFC 3339 wants an offset
    body = client.get(f"/api/v1/match-rounds/{seeded.round_id}",
                      headers=bearer(seeded, RG)).json()
    assert [(p["person"], p["dwelling"]) for p in body["proposals"]] == [("P-1", "W-1")]
    (unhoused,) = body["unhoused"]
    assert unhoused["person"] == "P-2" and unhoused["dwelling"] is None
    assert body["code_counts"] == {"geen_passende_woning": 1,
                                   "geen_passende_woning_huishouden": 1}
    assert "name" not in unhoused and "Bram" not in str(body)  # keys, never names
    with UnitOfWork(sqlite_engine) as uow:
        last = uow.session.scalars(select(AuditRow).order_by(AuditRow.seq.desc())).first()
        assert (last.action, last.entity, last.entity_key) == ("read", "match_round",
                                                               str(seeded.round_id))


def test_code_filter(client, seeded):
    url = f"/api/v1/match-rounds/{seeded.round_id}"
    shown = client.get(url, params={"code": "team_vol"}, headers=bearer(seeded, RG)).json()
    assert shown["unhoused"] == [] and shown["code"] == "team_vol"
    assert shown["code_counts"]["geen_passende_woning"] == 1
    bad = client.get(url, params={"code": "DROP TABLE"}, headers=bearer(seeded, RG))
    assert bad.status_code == 422


def _started(client, seeded, body, user=RG):
    """POST a round: 202 at once, with the job's URL; nothing has run yet."""
    response = client.post("/api/v1/match-rounds", headers=bearer(seeded, user), json=body)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == job["url"] == f"/api/v1/jobs/{job['id']}"
    assert job["status"] == "wachtend" and job["kind"] == "matchingsronde"
    return job


def _finished(client, seeded, job, sqlite_engine):
    assert run_jobs(sqlite_engine) == 1
    done = client.get(job["url"], headers=bearer(seeded, RG)).json()
    assert done["status"] == "klaar", done
    assert done["progress"]["done"] == done["progress"]["total"] > 0
    return done


def test_dry_run_is_a_job_whose_result_stores_nothing(client, seeded, sqlite_engine):
    job = _started(client, seeded, {"policy": "per_vacancy", "dry_run": True})
    done = _finished(client, seeded, job, sqlite_engine)
    assert done["result_url"] == f"/api/v1/match-rounds/dry-runs/{job['id']}"
    body = client.get(done["result_url"], headers=bearer(seeded, RG)).json()
    assert body["round"] is None and set(body["comparison"]) == {"optimal", "per_vacancy"}
    listed = client.get("/api/v1/match-rounds", headers=bearer(seeded, RG)).json()
    assert listed["total"] == 1


def test_stored_round_is_a_job_that_proposes(client, seeded, sqlite_engine):
    drop_seed_match(sqlite_engine)
    job = _started(client, seeded, {})
    done = _finished(client, seeded, job, sqlite_engine)
    body = client.get(done["result_url"], headers=bearer(seeded, RG)).json()
    assert body["round"]["policy"] == "optimal" and body["comparison"] == {}
    assert [p["person"] for p in body["proposals"]] == ["P-1"]
    person = client.get("/api/v1/persons/P-1", headers=bearer(seeded, RG)).json()
    assert person["status"] == "voorgedragen"


def test_a_second_round_while_one_is_open_is_refused(client, seeded, sqlite_engine):
    job = _started(client, seeded, {"dry_run": True})
    again = client.post("/api/v1/match-rounds", headers=bearer(seeded, "regisseur-other"),
                        json={"dry_run": True})
    assert again.status_code == 409
    assert again.json()["detail"].startswith("Er loopt al een matchingsronde voor deze regio")
    assert client.get(job["url"], headers=bearer(seeded, "regisseur-other")).status_code == 404
    _finished(client, seeded, job, sqlite_engine)
    _started(client, seeded, {"dry_run": True}, user="regisseur-other")  # free again


def test_bad_policy_and_other_roles_are_refused(client, seeded):
    bad = client.post("/api/v1/match-rounds", headers=bearer(seeded, RG),
                      json={"policy": "loterij"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["msg"].startswith("Beleid:")
    for user in ("trajectbegeleider-own", "verhuurmakelaar-own", "auditor-own", "admin-own"):
        assert client.get(f"/api/v1/match-rounds/{seeded.round_id}",
                          headers=bearer(seeded, user)).status_code == 403


def test_a_round_that_meets_a_concurrent_change_fails_in_dutch(client, seeded, monkeypatch,
                                                               sqlite_engine):
    from woonregie.services import round_jobs
    from woonregie.services.matching_rounds import RoundConflict

    def conflict(*args, **kwargs):
        raise RoundConflict("Ronde afgebroken, er is niets opgeslagen: woning W-1 is weg")

    monkeypatch.setattr(round_jobs, "run_round", conflict)
    job = _started(client, seeded, {})
    run_jobs(sqlite_engine)
    failed = client.get(job["url"], headers=bearer(seeded, RG)).json()
    assert failed["status"] == "mislukt" and failed["error"] == round_jobs.CONFLICT
    assert failed["result_url"] is None


def test_round_lines_page_by_cursor(client, seeded):
    """The detail gives one page of each list with its cursor; each list pages alone too,
    in the envelope of every API list (issue 12: no unpaged lines)."""
    url = f"/api/v1/match-rounds/{seeded.round_id}"
    head = client.get(url, params={"limit": 1}, headers=bearer(seeded, RG)).json()
    assert [p["person"] for p in head["proposals"]] == ["P-1"]
    assert head["proposals_next"] is None and head["unhoused_next"] is None
    proposals = client.get(f"{url}/proposals", params={"limit": 1},
                           headers=bearer(seeded, RG)).json()
    assert [p["person"] for p in proposals["items"]] == ["P-1"]
    assert (proposals["total"], proposals["next"], proposals["total_exact"]) == (1, None, True)
    unhoused = client.get(f"{url}/unhoused", headers=bearer(seeded, RG)).json()
    assert [p["person"] for p in unhoused["items"]] == ["P-2"] and unhoused["total"] == 1
    after = client.get(f"{url}/unhoused", params={"cursor": "UC0y"},  # after "P-2"
                       headers=bearer(seeded, RG)).json()
    assert after["items"] == [] and after["next"] is None
    bad = client.get(f"{url}/proposals", params={"cursor": "UC0y"}, headers=bearer(seeded, RG))
    assert bad.status_code == 422
