"""The bundled dossier pack (mek-iraq) and the checks ``load_pack`` makes on a pack.

The first half reads the pack that ships with claimscope and checks the facts a user relies on; the second half
writes broken packs to a temporary folder and checks that each is refused with an ``InputError`` naming the file
and the problem.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.pack import ENTITY_TYPES, Pack, bundled_pack_dir, load_pack, resolve_pack_dir

# ---------------------------------------------------------------- the bundled pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_pack_dir())


def names_of(pack: Pack) -> dict[str, set[str]]:
    """Every name (canonical or alias, of an entity or a period), casefolded, -> the ids it can mean."""
    index: dict[str, set[str]] = defaultdict(set)
    for entity in pack.entities:
        for name in (entity.name, *entity.aliases):
            index[name.casefold()].add(entity.id)
    for period in pack.periods:
        for name in (period.name, *period.aliases):
            index[name.casefold()].add(period.id)
    return index


def test_bundled_pack_loads(pack: Pack) -> None:
    assert pack.name == "mek-iraq"
    assert pack.description
    assert len(pack.digest) == 12
    assert pack.lexicon == {}
    assert {e.type for e in pack.entities} <= ENTITY_TYPES


def test_resolve_pack_dir_finds_the_bundled_pack_by_name() -> None:
    found = resolve_pack_dir("mek-iraq")
    assert found == bundled_pack_dir()
    assert (found / "pack.yaml").is_file()
    assert load_pack(found).name == "mek-iraq"


def test_resolve_pack_dir_keeps_a_folder_path(tmp_path: Path) -> None:
    assert resolve_pack_dir(str(tmp_path)) == tmp_path
    assert resolve_pack_dir("./mek-iraq") == Path("./mek-iraq")  # a path, even if it names a bundled pack


def test_mek_aliases(pack: Pack) -> None:
    mek = pack.entity("mek")
    assert mek is not None
    assert mek.name == "People's Mojahedin Organization of Iran"
    assert mek.type == "Organization"
    assert {"MEK", "MKO", "PMOI", "Mujahedin-e Khalq", "Mojahedin-e-Khalq", "People's Mujahedin of Iran"} <= set(
        mek.aliases)
    # a name one side uses to disparage it is matched like an alias, and known as pejorative
    assert "Monafeqin" in mek.aliases and mek.pejorative == ("Monafeqin", "Monafeghin")
    assert "monafeqin" in pack.pejorative_names() and "mek" not in pack.pejorative_names()


def test_nla_and_ncri_are_not_the_mek(pack: Pack) -> None:
    mek, nla, ncri = pack.entity("mek"), pack.entity("nla"), pack.entity("ncri")
    assert mek and nla and ncri
    assert "NLA" in nla.aliases and "NCRI" in ncri.aliases and "NCR" in ncri.aliases
    assert not {"NLA", "NCRI", "NCR"} & set(mek.aliases)
    side = next(p for p in pack.parties if p.id == "mek-side")
    assert {"mek", "nla", "ncri"} <= set(side.entities)


def test_rajavi_is_shared_by_exactly_the_two_rajavis(pack: Pack) -> None:
    assert names_of(pack)["rajavi"] == {"massoud-rajavi", "maryam-rajavi"}
    massoud, maryam = pack.entity("massoud-rajavi"), pack.entity("maryam-rajavi")
    assert massoud and maryam and massoud.type == maryam.type == "Person"
    assert {"he", "husband", "founder"} <= set(massoud.context)
    assert {"she", "wife", "president-elect"} <= set(maryam.context)
    assert "Masud Rajavi" in massoud.aliases


def test_rajavis_group(pack: Pack) -> None:
    groups = {g.alias: set(g.members) for g in pack.groups}
    assert groups["Rajavis"] == {"massoud-rajavi", "maryam-rajavi"}


def test_every_shared_name_has_context_words_on_each_entity(pack: Pack) -> None:
    entity_ids = {e.id for e in pack.entities}
    shared = {name: ids & entity_ids for name, ids in names_of(pack).items() if len(ids) > 1}
    assert {"rajavi", "massoud", "ashraf", "government of iraq"} <= set(shared)
    for name, ids in shared.items():
        for entity_id in ids:
            entity = pack.entity(entity_id)
            assert entity and entity.context, f"{name!r} is shared but {entity_id} has no context words"


def test_saddam_is_not_shared(pack: Pack) -> None:
    assert names_of(pack)["saddam"] == {"saddam-hussein"}
    saddam = pack.entity("saddam-hussein")
    assert saddam and saddam.wikidata == "Q1316"


def test_baath_spellings_with_both_apostrophes(pack: Pack) -> None:
    baath = pack.entity("baathist-iraq")
    assert baath is not None
    assert {"Iraqi Baa'th regime", "Iraqi Baa’th regime", "Ba'ath Party", "Baath regime"} <= set(baath.aliases)


def test_periods(pack: Pack) -> None:
    periods = {p.id: p for p in pack.periods}
    war = periods["iran-iraq-war"]
    assert war.name == "Iran–Iraq War"
    assert war.edtf == "1980-09-22/1988-08-20"
    assert "Iran-Iraq War" in war.aliases
    assert periods["gulf-war"].edtf == "1990-08-02/1991-02-28"
    assert periods["invasion-of-iraq-2003"].edtf == "2003-03-20/2003-05-01"
    assert periods["iranian-revolution"].edtf == "1978-01-07/1979-02-11"
    assert pack.entity("iran-iraq-war") is None  # a period, not also an entity


def test_period_intervals_run_forwards(pack: Pack) -> None:
    for period in pack.periods:
        start, end = period.edtf.split("/")
        assert start < end, period.id


def test_the_six_former_members_are_persons(pack: Pack) -> None:
    for entity_id in ("samad-eskandari", "hadi-shabani", "fathollah-eskandari", "kamand-ali-azizi",
                      "doost-mohammad-farahi", "foad-basri"):
        entity = pack.entity(entity_id)
        assert entity is not None and entity.type == "Person", entity_id
    hadi = pack.entity("hadi-shabani")
    assert hadi and hadi.name == "Hadi Shabani"


def test_event_entities(pack: Pack) -> None:
    for entity_id in ("operation-mersad", "uprisings-1991"):
        entity = pack.entity(entity_id)
        assert entity is not None and entity.type == "Event"
    mersad = pack.entity("operation-mersad")
    assert mersad and "Operation Forough Javidan" in mersad.aliases
    uprisings = pack.entity("uprisings-1991")
    assert uprisings and "1991 Iraqi uprisings" in uprisings.aliases


def test_every_publisher_maps_to_a_declared_party(pack: Pack) -> None:
    party_ids = {p.id for p in pack.parties}
    assert pack.publishers
    for match, party in pack.publishers:
        assert match.strip() and (party is None or party in party_ids)


def test_publishers_sides(pack: Pack) -> None:
    # document 02: the State Department's report as reproduced on nejatngo.org counts as the State Department's
    assert pack.side_of_publisher(
        "U.S. Department of State (Country Reports on Terrorism 2004), as reproduced by Nejat Society (nejatngo.org)",
        "https://nejatngo.org/en/posts/124") == "us-government-side"
    assert pack.side_of_publisher("Nejat Society", "https://nejatngo.org/en/posts/1") == "critics"
    assert pack.side_of_publisher("U.S. Senate / U.S. Government Publishing Office (govinfo.gov)",
                                  None) == "us-government-side"
    assert pack.side_of_publisher("Wikipedia (English)", "https://en.wikipedia.org/wiki/Camp_Ashraf") is None
    assert pack.side_of_publisher(None, None) is None


def test_parties_name_only_declared_entities(pack: Pack) -> None:
    ids = {e.id for e in pack.entities} | {p.id for p in pack.periods}
    assert len({p.id for p in pack.parties}) == len(pack.parties)
    for party in pack.parties:
        assert party.entities, party.id
        assert set(party.entities) <= ids, party.id
    assert {"mek-side", "iranian-government-side", "critics", "us-government-side"} <= {p.id for p in pack.parties}


def test_no_entity_repeats_an_alias(pack: Pack) -> None:
    for entity in pack.entities:
        folded = [a.casefold() for a in entity.aliases]
        assert len(folded) == len(set(folded)), entity.id
        assert entity.name.casefold() not in folded, entity.id
    for period in pack.periods:
        folded = [a.casefold() for a in period.aliases]
        assert len(folded) == len(set(folded)), period.id
        assert period.name.casefold() not in folded, period.id


def test_every_alias_is_a_non_empty_trimmed_string(pack: Pack) -> None:
    for item in (*pack.entities, *pack.periods):
        for alias in item.aliases:
            assert alias.strip() and alias == alias.strip(), (item.id, alias)
    for group in pack.groups:
        assert group.alias.strip()


def test_wikidata_ids_are_well_formed(pack: Pack) -> None:
    for entity in pack.entities:
        assert entity.wikidata is None or (entity.wikidata[0] == "Q" and entity.wikidata[1:].isdigit()), entity.id


# ---------------------------------------------------------------- load_pack refuses bad packs


def write_pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


def refused(folder: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_pack(folder)
    return str(caught.value)


GOOD = """\
name: tiny
entities:
  - {id: a, name: Alpha, type: Person, aliases: [Al]}
  - {id: b, name: Beta, type: Place}
periods:
  - {id: war, name: The War, edtf: 1980-09-22/1988-08-20}
groups:
  - {alias: Both, members: [a, b]}
parties:
  - {id: side, name: One side, entities: [a]}
publishers:
  - {match: example.org, party: side}
"""


def test_a_small_good_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "tiny", GOOD))
    assert pack.name == "tiny"
    assert [e.id for e in pack.entities] == ["a", "b"]
    assert pack.periods[0].edtf == "1980-09-22/1988-08-20"
    assert pack.side_of_publisher("Example", "https://example.org/x") == "side"


def test_folder_without_pack_yaml(tmp_path: Path) -> None:
    message = refused(tmp_path)
    assert str(tmp_path) in message
    assert "no pack.yaml" in message


def test_missing_folder(tmp_path: Path) -> None:
    message = refused(tmp_path / "nowhere")
    assert "nowhere" in message and "pack.yaml" in message


def test_invalid_yaml(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", "entities: [unclosed\n  - id: a\n")
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "not valid YAML" in message


def test_not_a_mapping(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", "- just\n- a list\n")
    message = refused(folder)
    assert str(folder / "pack.yaml") in message and "mapping" in message


def test_bad_entity_type(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("type: Place", "type: City"))
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "entities[1]" in message and "(b)" in message and "type must be one of" in message


def test_entity_without_id(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("{id: b, name: Beta", "{name: Beta"))
    message = refused(folder)
    assert "entities[1] needs an id and a name" in message


def test_bad_edtf(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("1980-09-22/1988-08-20", "from 1980 to 1988"))
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "periods[0]" in message and "'from 1980 to 1988' is not EDTF" in message


def test_group_with_unknown_member(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("members: [a, b]", "members: [a, nobody]"))
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "groups[0]" in message and "nobody" in message


def test_publisher_with_unknown_party(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("party: side", "party: elsewhere"))
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "publishers[0]" in message and "'elsewhere'" in message and "a party among the pack's parties" in message


def test_duplicate_entity_id(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("{id: b, name: Beta", "{id: a, name: Beta"))
    message = refused(folder)
    assert str(folder / "pack.yaml") in message
    assert "duplicate id 'a'" in message


def test_period_id_that_is_an_entity_id(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", GOOD.replace("{id: war,", "{id: b,"))
    message = refused(folder)
    assert "periods[0]" in message and "duplicate id 'b'" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("type: Place", "type: City").replace("party: side", "party: elsewhere")
    message = refused(write_pack(tmp_path / "p", text))
    assert "entities[1]" in message and "publishers[0]" in message


def test_lenient_spellings_and_more_refusals(tmp_path: Path) -> None:
    lone = write_pack(tmp_path / "a", GOOD.replace("{id: b, name: Beta", "{id: b, aliases: Bee, name: Beta"))
    assert load_pack(lone).entity("b").aliases == ("Bee",)  # a lone string is a list of one, not letters
    typo = write_pack(tmp_path / "typo", GOOD.replace("name: tiny", "name: tiny\nentites: []"))
    assert "unknown key 'entites'" in refused(typo)
    reversed_ = write_pack(tmp_path / "rev", GOOD.replace("1980-09-22/1988-08-20", "1988-08-20/1980-09-22"))
    assert "ends before it starts" in refused(reversed_)


def test_a_publisher_the_pack_vouches_for_is_independent_and_on_no_side(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p", GOOD + "  - {match: monitor.example, independent: true}\n"))
    assert pack.independent_publisher("Monitor", "https://monitor.example/r") is True
    assert pack.side_of_publisher("Monitor", "https://monitor.example/r") is None
    assert pack.independent_publisher("Example", "https://example.org/x") is False  # a party's
    assert pack.independent_publisher("A blog", None) is False  # not placed: not vouched for
    for wrong in ("{match: monitor.example, independent: true, party: side}", "{match: monitor.example}",
                  "{match: monitor.example, independent: yes please}"):
        message = refused(write_pack(tmp_path / "q", GOOD + f"  - {wrong}\n"))
        assert "publishers[1]" in message and "`independent: true`" in message
