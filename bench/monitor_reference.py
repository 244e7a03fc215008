"""The plain alternative for bench/monitor.py: the monitor's figures the straightforward way,
pandas over whole tables (`read_sql` of persons, status changes, placements), group-bys and
merges, no filters. Prints the JSON contract, so the benchmark can check that both give the
same figures.

    python bench/monitor_reference.py --db URL --from 2026-01-01 --to 2026-11-30
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import date

import pandas as pd
from sqlalchemy import create_engine

GROUPS = ["bw_uitstroom", "mo_uitstroom", "dakloos", "urgent", "statushouder", "overig"]
STATUSES = ["aangemeld", "in_voorbereiding", "uitstroomklaar", "voorgedragen", "gehuisvest",
            "nazorg", "afgesloten", "teruggevallen", "uitgeschreven"]
WAITING = ["uitstroomklaar", "voorgedragen"]


def per_group(frame: pd.DataFrame) -> dict:
    counts = frame["target_group"].value_counts()
    out = {g: int(counts.get(g, 0)) for g in GROUPS}
    out["totaal"] = sum(out.values())
    return out


def days(values: pd.Series, with_mean: bool = True) -> dict:
    x = sorted(int(v) for v in values)
    n = len(x)
    out = {"aantal": n, "mediaan": None if not n else round(float(pd.Series(x).median()), 1),
           "p90": None if not n else round(float(x[math.ceil(9 * n / 10) - 1]), 1)}
    if with_mean:
        out["gemiddeld"] = round(sum(x) / n, 1) if n else None
    return out


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(url: str, van: date, tot: date) -> dict:
    engine = create_engine(url)
    persons = pd.read_sql("SELECT key AS person, target_group FROM persons", engine)
    changes = pd.read_sql("SELECT person, seq, source, target, on_date FROM status_transitions",
                          engine, parse_dates=["on_date"])
    placed = pd.read_sql("SELECT person, corporation, gemeente, buurt, target_group, "
                         "start_date, end_date FROM placements", engine,
                         parse_dates=["start_date", "end_date"])
    agreements = pd.read_sql("SELECT gemeente, corporation, target_group, year, dwellings "
                             "FROM agreements", engine)
    stock = pd.read_sql("SELECT a.code AS buurt, a.name, a.liveability, count(d.code) AS n "
                        "FROM areas a LEFT JOIN dwellings d ON d.buurt = a.code "
                        "WHERE a.level = 'buurt' GROUP BY a.code, a.name, a.liveability", engine)
    v, t = pd.Timestamp(van), pd.Timestamp(tot)
    changes = changes.sort_values(["person", "seq"]).merge(persons, on="person")
    changes["ready"] = changes["on_date"].where(changes["target"] == "uitstroomklaar")
    changes["ready"] = changes.groupby("person")["ready"].ffill()
    dated = changes[(changes["on_date"] >= v) & (changes["on_date"] <= t)]
    first = changes.groupby("person").head(1)
    first_in = first[(first["on_date"] >= v) & (first["on_date"] <= t)]
    reentry = dated[(dated["target"] == "teruggevallen")
                    | ((dated["source"] == "uitgeschreven") & (dated["target"] == "aangemeld"))]
    out: dict = {"periode": {"van": van.isoformat(), "tot": tot.isoformat()},
                 "eerste_instroom": per_group(first_in),
                 "instroom": per_group(pd.concat([first_in, reentry]))}
    out["uitstroom"] = {s: per_group(dated[dated["target"] == s])
                        for s in ("gehuisvest", "teruggevallen", "uitgeschreven")}
    last = changes[changes["on_date"] <= t].groupby("person").tail(1)
    counts = last["target"].value_counts()
    out["stand"] = {s: int(counts.get(s, 0)) for s in STATUSES}
    housed = dated[(dated["target"] == "gehuisvest") & dated["ready"].notna()]
    waits = (housed["on_date"] - housed["ready"]).dt.days
    out["wachttijd"] = days(waits) | {"per_doelgroep": {
        g: days(waits[housed["target_group"] == g]) for g in GROUPS}}
    waiting = last[last["target"].isin(WAITING) & last["ready"].notna()]
    waited = (t - waiting["ready"]).dt.days
    out["wachtend"] = days(waited, with_mean=False)
    out["stagnatie"] = {"drempel_dagen": 90, "aantal": int((waited > 90).sum()),
                        "geblokkeerde_dagen": blocked(changes, v, t)}
    out["huurbehoud"] = sustainment(placed, t)
    out["terugval"] = returns(placed, changes, v, t)
    out["contingent"] = contingent(placed, agreements, van, tot)
    out["concentratie"] = concentration(placed, stock, v, t)
    return out


def blocked(changes: pd.DataFrame, v: pd.Timestamp, t: pd.Timestamp) -> int:
    c = changes.copy()
    c["until"] = c.groupby("person")["on_date"].shift(-1) - pd.Timedelta(days=1)
    c = c[c["target"].isin(WAITING) & c["ready"].notna()
          & c["target_group"].isin(["bw_uitstroom", "mo_uitstroom"])]
    lo = pd.concat([c["on_date"], c["ready"] + pd.Timedelta(days=91),
                    pd.Series(v, index=c.index)], axis=1).max(axis=1)
    hi = c["until"].fillna(t).clip(upper=t)
    return int(((hi - lo).dt.days + 1).clip(lower=0).sum())


def sustainment(placed: pd.DataFrame, t: pd.Timestamp) -> dict:
    firsts = placed.sort_values("start_date").groupby("person").head(1)
    out = {}
    for n in (6, 12, 24):
        hi = t - pd.DateOffset(months=n)
        u = firsts[(firsts["start_date"] >= hi - pd.Timedelta(days=365))
                   & (firsts["start_date"] <= hi)][["person", "start_date"]]
        u = u.assign(check=u["start_date"] + pd.DateOffset(months=n))
        m = u[["person", "check"]].merge(placed, on="person")
        ok = m[(m["start_date"] <= m["check"])
               & (m["end_date"].isna() | (m["end_date"] > m["check"]))]
        out[str(n)] = {"aantal": len(u), "aandeel": share(ok["person"].nunique(), len(u))}
    return out


def returns(placed: pd.DataFrame, changes: pd.DataFrame, v: pd.Timestamp,
            t: pd.Timestamp) -> dict:
    firsts = placed.sort_values("start_date").groupby("person").head(1)
    u = firsts[(firsts["start_date"] >= v - pd.Timedelta(days=730))
               & (firsts["start_date"] <= t - pd.Timedelta(days=730))][["person", "start_date"]]
    tv = changes[changes["target"] == "teruggevallen"][["person", "on_date"]]
    m = u.merge(tv, on="person")
    m = m[m["on_date"] >= m["start_date"]]
    d = (m.groupby("person")["on_date"].min() - m.groupby("person")["start_date"].first()).dt.days
    n = len(u)
    return {"aantal": n, "0_180": share(int(d.between(0, 180).sum()), n),
            "181_365": share(int(d.between(181, 365).sum()), n),
            "366_730": share(int(d.between(366, 730).sum()), n),
            "totaal": share(int(d.between(0, 730).sum()), n)}


def contingent(placed: pd.DataFrame, agreements: pd.DataFrame, van: date, tot: date) -> list:
    rows = agreements[(agreements["year"] >= van.year) & (agreements["year"] <= tot.year)]
    p = placed[(placed["start_date"] >= pd.Timestamp(van.year, 1, 1))
               & (placed["start_date"] <= pd.Timestamp(tot))]
    p = p.assign(year=p["start_date"].dt.year)
    done = p.groupby(["gemeente", "corporation", "target_group", "year"]).size()
    out = []
    for a in rows.sort_values(["year", "gemeente", "corporation", "target_group"]).itertuples():
        realised = int(done.get((a.gemeente, a.corporation, a.target_group, a.year), 0))
        first, last = date(a.year, 1, 1), date(a.year, 12, 31)
        elapsed = (min(tot, last) - first).days + 1
        forecast = float(realised) if tot >= last else round(
            realised * ((last - first).days + 1) / elapsed, 1)
        out.append({"gemeente": a.gemeente, "corporatie": a.corporation,
                    "doelgroep": a.target_group, "jaar": a.year, "afspraak": a.dwellings,
                    "gerealiseerd": realised, "prognose": forecast})
    return out


def concentration(placed: pd.DataFrame, stock: pd.DataFrame, v: pd.Timestamp,
                  t: pd.Timestamp) -> list:
    p = placed[(placed["start_date"] >= v) & (placed["start_date"] <= t)]
    counts = p.groupby("buurt").size()
    total, whole = int(counts.sum()), int(stock["n"].sum())
    s = stock.set_index("buurt")
    return [{"buurt": b, "naam": s.at[b, "name"], "plaatsingen": int(n),
             "aandeel_plaatsingen": share(int(n), total),
             "aandeel_voorraad": share(int(s.at[b, "n"]), whole),
             "leefbaarheid": None if pd.isna(s.at[b, "liveability"])
             else int(s.at[b, "liveability"])}
            for b, n in counts.sort_index().items()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--from", dest="van", required=True, type=date.fromisoformat)
    parser.add_argument("--to", dest="tot", required=True, type=date.fromisoformat)
    a = parser.parse_args()
    url = a.db if "://" in a.db else f"sqlite:///{a.db}"
    print(json.dumps(figures(url, a.van, a.tot), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
