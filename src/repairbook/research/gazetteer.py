"""A small gazetteer for the text scrubber: countries, large cities, and words that
mark a place ("Street", "Lake"). It is deliberately short; see ``scrub`` for its limits."""

from __future__ import annotations

PLACE_WORDS = (
    "Street",
    "St",
    "Road",
    "Rd",
    "Avenue",
    "Ave",
    "Lane",
    "Boulevard",
    "Square",
    "Place",
    "Park",
    "Lake",
    "River",
    "Mount",
    "Beach",
    "Bay",
    "Island",
    "Station",
    "Airport",
    "Hospital",
    "Hotel",
    "Church",
    "School",
    "University",
    "Mall",
    "Market",
    "Bridge",
    "Harbour",
    "Harbor",
    "Village",
    "Town",
    "City",
    "County",
    "Valley",
    "Hill",
    "Hills",
    "Heights",
    "Gardens",
    "Drive",
    "Way",
    "Close",
    "Court",
)

_COUNTRIES = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia congo
croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt england eritrea estonia
eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland
israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos
latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia
montenegro morocco mozambique myanmar namibia nauru nepal netherlands holland nicaragua niger
nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal
qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia
somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand
togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu
venezuela vietnam wales yemen zambia zimbabwe scotland britain usa america
"""

_CITIES = """
amsterdam athens atlanta auckland austin baltimore bangkok barcelona beijing belfast berlin
bern birmingham bogota bologna bordeaux boston brighton brisbane bristol brussels bucharest
budapest cairo calgary cambridge cardiff chicago copenhagen cork dallas delhi denver detroit
dortmund dresden dubai dublin dusseldorf edinburgh florence frankfurt geneva genoa glasgow
gothenburg graz hamburg hanover helsinki houston istanbul jakarta johannesburg karachi kiev
kyiv krakow lagos leeds leipzig lille lima lisbon liverpool london lyon madrid manchester
manila marseille melbourne miami milan montreal moscow mumbai munich nairobi nantes naples
newcastle nice oslo ottawa oxford palermo paris perth philadelphia phoenix porto prague
reykjavik riga rome rotterdam salzburg seattle seoul seville shanghai sheffield sofia
stockholm stuttgart sydney tallinn tokyo toronto toulouse turin utrecht valencia vancouver
venice vienna vilnius warsaw washington wellington winnipeg york zagreb zurich
antwerp ghent rotterdam eindhoven lausanne basel bonn cologne koln nuremberg
"""

_MULTI = (
    "new york",
    "los angeles",
    "san francisco",
    "san diego",
    "las vegas",
    "new zealand",
    "south africa",
    "hong kong",
    "united kingdom",
    "united states",
    "buenos aires",
    "rio de janeiro",
    "sao paulo",
    "mexico city",
    "new delhi",
    "tel aviv",
    "the hague",
    "costa rica",
    "sri lanka",
    "saudi arabia",
    "north macedonia",
    "south korea",
    "north korea",
)

PLACES: frozenset[str] = (
    frozenset(_COUNTRIES.split()) | frozenset(_CITIES.split()) | frozenset(_MULTI)
)
