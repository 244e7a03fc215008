"""Small lists of fictional Dutch names: people, places, streets, organisations.

Place names are combined from parts so that no real gemeente is meant; people's names are common
first and last names combined at random, so no real person is meant either.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jan",
    "Julia",
    "Kees",
    "Lars",
    "Lotte",
    "Mila",
    "Noah",
    "Olaf",
    "Pien",
    "Ruben",
    "Sanne",
    "Sem",
    "Tess",
    "Thijs",
    "Vera",
    "Wouter",
    "Yara",
    "Zeynep",
    "Mohamed",
    "Fatima",
    "Ahmed",
    "Samira",
    "Dewi",
    "Rachid",
    "Mariam",
    "Yusuf",
    "Aisha",
    "Tomasz",
    "Kasia",
    "Henk",
    "Ria",
    "Joop",
    "Els",
    "Sven",
    "Noor",
)

LAST_NAMES = (
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Haddou",
    "El Amrani",
    "Yilmaz",
    "Kaya",
    "Nowak",
    "Pinas",
    "Tahiri",
    "Veenstra",
    "Postma",
    "Kuipers",
)

_PLACE_HEADS = (
    "Ooster",
    "Wester",
    "Hoog",
    "Laag",
    "Nieuw",
    "Oud",
    "Ravens",
    "Linde",
    "Esse",
    "Berke",
    "Vlier",
    "Zand",
    "Veen",
    "Klaver",
    "Holt",
    "Brem",
    "Wilgen",
    "Ekke",
    "Dorre",
    "Marke",
)
_PLACE_TAILS = (
    "dam",
    "veen",
    "hoven",
    "stede",
    "wijk",
    "meer",
    "burg",
    "dijk",
    "horst",
    "lo",
    "broek",
    "rode",
    "sum",
    "hem",
    "zijl",
)

WIJK_NAMES = (
    "Centrum",
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Stationskwartier",
    "De Akkers",
    "Havenkwartier",
    "Oude Stad",
    "Bloemenwijk",
    "De Kamp",
    "Heuvelrug",
    "Molenwijk",
    "Rivierenbuurt",
    "Schildersbuurt",
    "De Hoven",
    "Parkwijk",
    "Kanaalzone",
    "Vogelwijk",
    "De Weide",
)

BUURT_NAMES = (
    "Oude Kern",
    "Kerkbuurt",
    "Marktplein",
    "Stationsbuurt",
    "Lindehof",
    "Eikenlaan",
    "Populier",
    "Het Zand",
    "De Velden",
    "Bosrand",
    "Zonnehof",
    "Meerzicht",
    "De Gaarden",
    "Brinkpark",
    "Klaverveld",
    "De Esch",
    "Watertoren",
    "Singelbuurt",
    "Muziekwijk",
    "Sterrenbuurt",
    "Tuindorp",
    "De Wetering",
    "Beekdal",
    "Kasteelbuurt",
    "Fabriekswijk",
    "De Lanen",
)

STREETS = (
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Schoolstraat",
    "Lindelaan",
    "Beukenlaan",
    "Julianastraat",
    "Nieuwstraat",
    "Parkweg",
    "Stationsweg",
    "Torenstraat",
    "Havenkade",
    "Wilhelminaplein",
    "Esdoornhof",
    "Kastanjelaan",
    "Veldweg",
)

CORPORATION_NAMES = (
    "Woonstede",
    "Thuisbasis",
    "Veste Wonen",
    "Dak & Deur",
    "Woongoed",
    "Samen Thuis",
    "Stadswonen",
    "De Woonkring",
)

PROVIDER_NAMES = {
    "bw": ("Kompas Beschermd Wonen", "De Brug Wonen", "Anker Beschermd Thuis"),
    "mo": ("Het Anker Opvang", "Stichting Onderdak", "De Herberg"),
    "ggz": ("GGZ Rivierland", "GGZ De Kim", "Ambulant GGZ Oost"),
    "hf": ("Housing First Nederland-regio", "Eigen Voordeur", "Thuis Eerst"),
}


def place_names(rng: random.Random, n: int) -> list[str]:
    """`n` distinct fictional place names (at most 300 exist)."""
    pool = [head + tail for head in _PLACE_HEADS for tail in _PLACE_TAILS]
    if n > len(pool):
        raise ValueError(f"maximaal {len(pool)} plaatsnamen")
    return [name.capitalize() for name in rng.sample(pool, n)]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def pick(names: tuple[str, ...], index: int) -> str:
    """The `index`-th name of `names`, numbered once the list runs out."""
    base = names[index % len(names)]
    return base if index < len(names) else f"{base} {index // len(names) + 1}"
