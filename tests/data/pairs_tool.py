"""Build and check the labelled claim-pair set `tests/data/claim_pairs.json` (see `claim_pairs.md`).

    python tests/data/pairs_tool.py build  [--shared ../shared]   # SPEC below -> claim_pairs.json (split included)
    python tests/data/pairs_tool.py check  [--shared ../shared]   # exit 1 on any sha256, span, label or split problem
    python tests/data/pairs_tool.py show ID [ID ...]              # print the two texts of a pair
    python tests/data/pairs_tool.py stats                         # counts per label, polarity, kind and split half
    python tests/data/pairs_tool.py build --set fresh             # claim_pairs_fresh.spec -> claim_pairs_fresh.json
    python tests/data/pairs_tool.py build --set fresh2            # the second fresh set (claim_pairs_fresh2.md)
    python tests/data/pairs_tool.py build --set fresh3            # the third (claim_pairs_fresh3.md)

`--set fresh` (any command) works on the fresh test set instead (`claim_pairs_fresh.md`): its pairs are written in
`claim_pairs_fresh.spec`, each pair's label is what most of its three blind readings say (the finder's label is kept
as `proposed`), and every pair is in the test half: it is never tuned on.

Pairs are stored by document sha256 and character offsets into `Document.text` as `claimscope.ingest.read_source`
gives it, never by copying texts. In SPEC a side is written `KEY "snippet"` (a unique substring of the text) or
`KEY @offset` (the start of a sentence); `build` widens either to the sentence of `claimscope.analyse.analyse`
(with the bundled pack for corpus documents, without one for the rest) that contains it. The split is made once,
stratified by label with a fixed seed; `build` keeps the split of an existing file and refuses to change it unless
`--resplit` is given, so the halves stay fixed after measuring starts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "claim_pairs.json"
READINGS = HERE / "claim_pairs_readings.json"  # the second and third readings of every pair (claim_pairs.md)
SEED = 20261128
LABELS = ("same", "related", "unrelated")

CORPUS = "corpus/mek-iraq/"
DEBATES = "data/claimbuster/debate_transcripts/"
DOCS: dict[str, tuple[str, str]] = {  # key -> (root, path under root); root is "shared" or "tests/data"
    "000": ("shared", CORPUS + "000-collaboration-with-saddam.txt"),
    "01": ("shared", CORPUS + "01-state-dept-delisting-2012.txt"),
    "02": ("shared", CORPUS + "02-state-dept-crt-2004-mek.txt"),
    "04": ("shared", CORPUS + "04-us-gov-terrorism-profile-mek-c1995.txt"),
    "05": ("shared", CORPUS + "05-us-senate-sconres42-camp-liberty-2016.txt"),
    "11": ("shared", CORPUS + "11-wikipedia-peoples-mojahedin-organization-of-iran.txt"),
    "12": ("shared", CORPUS + "12-wikipedia-camp-ashraf.txt"),
    "14": ("shared", CORPUS + "14-wikipedia-1991-uprisings-in-iraq.txt"),
    "15": ("shared", CORPUS + "15-wikipedia-massoud-rajavi.txt"),
    "own": ("tests/data", "pair_sentences.txt"),
    "own2": ("tests/data", "pair_sentences_fresh.txt"),
    "own3": ("tests/data", "pair_sentences_fresh2.txt"),
}
for _date in ("1960-09-26", "1960-10-07", "1960-10-13", "1960-10-21", "1976-09-23", "1976-10-06", "1976-10-22",
              "1980-09-21", "1980-10-28", "1984-10-07", "1984-10-21", "1988-09-25", "1988-10-13", "1992-10-11",
              "1992-10-15", "1992-10-19", "1996-10-06", "1996-10-16", "2000-10-03", "2000-10-11", "2000-10-17",
              "2004-09-30", "2004-10-08", "2004-10-13", "2008-09-26", "2008-10-07", "2008-10-15", "2012-10-03",
              "2012-10-16", "2012-10-22", "2016-09-26", "2016-10-09", "2016-10-19"):
    DOCS["d" + _date] = ("shared", f"{DEBATES}{_date}.txt")

# label polarity | side a | side b | note.  Sections: corpus paraphrases, corpus denials, own sentences, debates,
# related (hard negatives), unrelated.  Polarity is "agree" or "opposite" for "same", "-" otherwise.
SPEC = r"""
# --- corpus: same proposition across (and within) documents
same agree | 000 "They also assisted Saddam Hussein in suppressing" | 02 "In 1991, the MEK assisted" | 1991 uprisings; a also reports the denial
same agree | 000 "Key evidence points" | 02 "In 1991, the MEK assisted" | 1991 uprisings as one item of a list
same agree | 000 "They also assisted Saddam Hussein in suppressing" | 000 "Key evidence points" | 1991 uprisings
same agree | 02 "Baghdad armed the MEK" | 000 "The MEK’s cooperation with Saddam Hussein involved" | armed by Iraq, used against Iran
same agree | 000 "Furthermore, statements from former Iraqi" | 02 "Baghdad armed the MEK" | Iraq provided arms
same agree | 02 "Formed in the 1960s, the organization" | 000 "Key evidence points" | support from the Iraqi regime
same agree | 04 "Several thousand fighters based in Iraq" | 000 "Key evidence points" | based in Iraq
same agree | 12 "established its base at Ashraf in 1986" | 000 "The MEK’s cooperation with Saddam Hussein involved" | base at Camp Ashraf
same agree | 12 "former headquarters of the People" | 12 "established its base at Ashraf in 1986" | Ashraf the MEK's base
same agree | 04 "Formed in the 1960s by the college" | 11 "The MEK was founded on 5 September 1965" | founding in the 1960s
same agree | 02 "Formed in the 1960s, the organization" | 11 "The MEK was founded on 5 September 1965" | founding in the 1960s
same agree | 02 "campaign against the Iranian Government stresses" | 04 "The MEK directs a worldwide campaign" | propaganda campaign
same agree | 02 "During the 1970s, the MEK killed US" | 04 "staged terrorist attacks inside Iran" | killed US personnel in the 1970s
same agree | 01 "does not overlook or forget" | 02 "During the 1970s, the MEK killed US" | killed US citizens in the 1970s
same agree | 01 "does not overlook or forget" | 04 "staged terrorist attacks inside Iran" | killed US citizens in the 1970s
same agree | 02 "During the 1970s, the MEK killed US" | 04 "group supported the takeover of the US Embassy" | 1979 embassy takeover
same agree | 02 "Since then, it has conducted terrorist attacks" | 04 "Its history is studded" | attacks on the clerical regime
same agree | 02 "conducted anti-West-ern attacks" | 04 "Its history is studded" | anti-Western attacks
same agree | 02 "In April 1992, the MEK conducted" | 04 "nearly simultaneous attacks on Iranian Embassies" | April 1992 embassy attacks
same agree | 02 "The MEK philosophy mixes Marxism and Islam" | 11 "ideology is rooted in" | Marxism and Islam
same agree | 02 "The MEK philosophy mixes Marxism and Islam" | 04 "following a philosophy that mixes" | Marxism and Islam
same agree | 04 "following a philosophy that mixes" | 11 "At one point the MEK was Iran" | largest armed dissident group
same agree | 02 "The MEK advocates the overthrow" | 11 "ideology is rooted in" | overthrow and own government
same agree | 11 "but it is also deeply unpopular" | 000 "This historical alignment with a hostile" | unpopular because of siding with Iraq
same agree | 15 "Rajavi and the MEK actively opposed" | 11 "The organization contributed to overthrowing" | part in the 1979 revolution
same agree | 15 "became the leader of the People" | 15 "After the revolution, Rajavi assumed" | Rajavi leader from 1979
same agree | 15 "After leaving Iran in 1981" | 15 "Rajavi and Banisadr fled to Paris" | left Iran for France in 1981
same agree | 05 "114 SCON 42 RS" | 05 "Camp Liberty residentsIt is the sense" | resettle Camp Liberty in Albania
same agree | 05 "McCain (for himself" | 05 "114 SCON 42 RS" | resolution title
same agree | 000 "This denial is a strategic effort" | 000 "By denying this cooperation" | motive of the denial
same agree | 000 "Testimonies from former high-ranking" | 000 "In the most recent court session" | former members testify
same agree | 000 "The primary documents and testimonies confirming" | 000 "Additionally declassifies intelligence" | cooperation corroborated
same opposite | 000 "The MEK leaders deny their cooperation" | 000 "The primary documents and testimonies confirming" | cooperation denied / confirmed
same opposite | 000 "The MEK leaders deny their cooperation" | 000 "In the most recent court session" | cooperation denied / testified
same opposite | 000 "The MEK leaders deny their cooperation" | 000 "Additionally declassifies intelligence" | cooperation denied / corroborated
# --- own sentences (tests/data/pair_sentences.txt) against corpus claims
same opposite | own "The MEK has always denied that it took" | 02 "In 1991, the MEK assisted" | 1991 uprisings denied
same opposite | own "The MEK has always denied that it took" | own "In 1991 the Mojahedin helped" | 1991 uprisings denied
same agree | own "In 1991 the Mojahedin helped" | 02 "In 1991, the MEK assisted" | paraphrase
same agree | own "In 1991 the Mojahedin helped" | 000 "They also assisted Saddam Hussein in suppressing" | paraphrase
same opposite | own "Its spokesmen insist that the organisation" | 02 "Baghdad armed the MEK" | arms from Iraq denied
same opposite | own "Its spokesmen insist that the organisation" | own "Iraq supplied the group with weapons" | arms from Iraq denied
same agree | own "Iraq supplied the group with weapons" | 02 "Baghdad armed the MEK" | paraphrase
same agree | own "Iraq supplied the group with weapons" | 000 "The MEK’s cooperation with Saddam Hussein involved" | paraphrase
same opposite | own "Supporters of the group reject the claim" | 02 "During the 1970s, the MEK killed US" | denial
same opposite | own "Supporters of the group reject the claim" | 04 "staged terrorist attacks inside Iran" | denial
same opposite | own "Supporters of the group reject the claim" | 01 "does not overlook or forget" | denial
same opposite | own "The MEK says it had nothing to do with the 1981" | 02 "In 1981, the MEK detonated" | denial
same opposite | own "The April 1992 attacks on Iranian embassies were not" | 02 "In April 1992, the MEK conducted" | denial
same opposite | own "The April 1992 attacks on Iranian embassies were not" | 04 "nearly simultaneous attacks on Iranian Embassies" | denial
same opposite | own "It is not true that Washington removed" | 01 "The Secretary of State has decided" | negation
same opposite | own "It is not true that Washington removed" | own "Washington took the Mojahedin off" | negation
same agree | own "Washington took the Mojahedin off" | 01 "The Secretary of State has decided" | paraphrase
same opposite | own "The organisation disputes that its alliance" | 11 "but it is also deeply unpopular" | disputed
same opposite | own "The organisation disputes that its alliance" | 000 "This historical alignment with a hostile" | disputed
same opposite | own "Former Iraqi officials have denied" | 02 "Baghdad armed the MEK" | denial
same opposite | own "Former Iraqi officials have denied" | 000 "Furthermore, statements from former Iraqi" | denial
same opposite | own "The resolution did not ask" | 05 "114 SCON 42 RS" | negation
same opposite | own "The resolution did not ask" | 05 "Camp Liberty residentsIt is the sense" | negation
same opposite | own "Critics say the group never really renounced" | 01 "The Secretary’s decision today took into account" | disputed
same opposite | own "The MEK was never the largest armed" | 11 "At one point the MEK was Iran" | negation
same opposite | own "The MEK was never the largest armed" | 04 "following a philosophy that mixes" | negation
same opposite | own "Baghdad's officials denied that the Iraqi army raided" | 12 "From 2003 to 2013, Camp Ashraf was attacked" | denial
same opposite | own "The organisation rejects the description" | 02 "The MEK philosophy mixes Marxism and Islam" | rejected
same opposite | own "The organisation rejects the description" | 11 "ideology is rooted in" | rejected
same agree | own "The group's fighters were stationed in Iraq" | 04 "Several thousand fighters based in Iraq" | paraphrase
same agree | own "The Mojahedin were set up by left-wing" | 11 "The MEK was founded on 5 September 1965" | paraphrase
same agree | own "The Mojahedin were set up by left-wing" | 04 "Formed in the 1960s by the college" | paraphrase
same agree | own "The MEK moved its leadership from Paris" | 12 "established its base at Ashraf in 1986" | paraphrase
same opposite | own "Rajavi was not sentenced to death" | 15 "Rajavi was arrested by SAVAK" | negation
same opposite | own "Massoud Rajavi did not flee to Paris" | 15 "Rajavi and Banisadr fled to Paris" | denial
same opposite | own "Massoud Rajavi did not flee to Paris" | 15 "After leaving Iran in 1981" | denial
same opposite | own "The MEK never carried out attacks against" | 02 "Since then, it has conducted terrorist attacks" | denial
same opposite | own "The MEK never carried out attacks against" | 04 "Its history is studded" | denial
same opposite | own "The group's leaders deny that former members" | 01 "The Department also has serious concerns" | denial
same agree | own "The United States handed control of Camp Ashraf" | 12 "United States formally transferred control" | paraphrase
same opposite | own "The MEK did not support the seizure" | 04 "group supported the takeover of the US Embassy" | denial
same opposite | own "The MEK did not support the seizure" | 02 "During the 1970s, the MEK killed US" | denial of the second clause
# --- debates: talking points repeated, asserted and denied
same opposite | d2012-10-03 @8385 | d2012-10-03 @9265 | $5 trillion tax cut denied
same opposite | d2012-10-03 @13376 | d2012-10-03 @15185 | $5 trillion tax cut denied
same agree | d2012-10-03 @8385 | d2012-10-03 @13376 | $5 trillion tax cut
same agree | d2012-10-22 @41343 | d2012-10-03 @8385 | $5 trillion tax cut, across debates
same opposite | d2012-10-03 @23675 | d2012-10-22 @41343 | $5 trillion tax cut denied
same opposite | d2012-10-03 @23520 | d2012-10-03 @13376 | $5 trillion tax cut denied
same agree | d2012-10-03 @41772 | d2012-10-03 @43300 | $716 billion from Medicare
same agree | d2012-10-03 @43300 | d2012-10-03 @58436 | $716 billion from Medicare
same agree | d2012-10-03 @94710 | d2012-10-03 @44005 | $716 billion from Medicare
same agree | d2012-10-03 @44305 | d2012-10-03 @94943 | restore the $716 billion
same agree | d2012-10-03 @44457 | d2012-10-03 @58436 | $716 billion pays for Obamacare
same agree | d2012-10-03 @47484 | d2012-10-03 @43300 | $716 billion from Medicare
same agree | d2012-10-03 @44905 | d2012-10-03 @45388 | Medicare as a voucher
same opposite | d2012-10-16 @5198 | d2012-10-16 @8669 | let Detroit go bankrupt, turned back
same agree | d2012-10-16 @8564 | d2012-10-16 @8607 | the president took GM bankrupt
same agree | d2012-10-16 @11332 | d2012-10-16 @17207 | oil production up
same agree | d2012-10-16 @13658 | d2012-10-16 @17721 | permits on federal land halved
same agree | d2012-10-03 @11556 | d2012-10-16 @13658 | permits on federal land halved, across debates
same agree | d2012-10-16 @13532 | d2012-10-16 @19308 | production on federal land down
same agree | d2012-10-16 @89993 | d2012-10-22 @80454 | label China a currency manipulator on day one
same opposite | d2012-10-16 @75888 | d2012-10-16 @76948 | called Benghazi an act of terror
same opposite | d2012-10-16 @77266 | d2012-10-16 @76948 | called Benghazi an act of terror
same agree | d2012-10-16 @76758 | d2012-10-16 @77266 | called Benghazi an act of terror
same agree | d2012-10-16 @76541 | d2012-10-16 @76758 | called Benghazi an act of terror
same opposite | d2012-10-22 @54877 | d2012-10-22 @56361 | apology tour denied
same agree | d2012-10-16 @74928 | d2012-10-22 @54877 | apology tour, across debates
same agree | d2012-10-03 @67804 | d2012-10-03 @73772 | plan covers pre-existing conditions
same agree | d2012-10-03 @67804 | d2012-10-03 @70088 | plan covers pre-existing conditions (reported)
same agree | d2004-10-08 @4717 | d2004-10-08 @86625 | voted against the $87 billion
same agree | d2004-09-30 @54063 | d2004-10-08 @10554 | global test (reported)
same agree | d2004-10-13 @64306 | d2004-09-30 @54063 | global test, across debates
same agree | d2004-09-30 @14887 | d2004-10-08 @20387 | rushed to war without a plan
same agree | d2004-10-08 @10034 | d2004-10-08 @85735 | rushed to war
same agree | d2004-10-13 @2619 | d2004-09-30 @14887 | rushed to war, across debates
same agree | d2004-09-30 @36325 | d2004-09-30 @69703 | rushed to war
same agree | d2004-09-30 @18515 | d2004-10-08 @32579 | tax cut for the wealthiest over homeland security
same agree | d2004-10-08 @51241 | d2004-10-13 @45399 | tax cut to the wealthiest
same opposite | d2004-10-08 @51241 | d2004-10-13 @47118 | who got most of the tax cut
same opposite | d2016-09-26 @75705 | d2016-09-26 @75778 | supported the Iraq war denied
same opposite | d2016-09-26 @75705 | d2016-09-26 @76128 | supported the Iraq war denied
same agree | d2016-10-09 @40910 | d2016-09-26 @76128 | against the Iraq war, across debates
same opposite | d2016-10-09 @40511 | d2016-10-09 @40910 | against the Iraq war, disputed
same agree | d2016-09-26 @77423 | d2016-09-26 @76128 | against the Iraq war
same agree | d2016-09-26 @16093 | d2016-09-26 @17531 | NAFTA the worst deal
same agree | d2016-09-26 @17531 | d2016-10-19 @20829 | NAFTA the worst deal, across debates
same agree | d2016-10-09 @69951 | d2016-10-19 @37789 | NAFTA the worst deal, across debates
same agree | d2016-09-26 @17899 | d2016-09-26 @16093 | NAFTA the worst deal
same agree | d2016-09-26 @10322 | d2016-09-26 @17899 | NAFTA bad
same agree | d2016-09-26 @18503 | d2016-10-09 @70266 | called TPP the gold standard
same agree | d2016-10-19 @43849 | d2016-10-09 @70266 | called TPP the gold standard
same agree | d2016-10-19 @43748 | d2016-09-26 @18503 | called TPP the gold standard
same opposite | d2016-09-26 @31548 | d2016-09-26 @33857 | will release tax returns
same agree | d2016-09-26 @29257 | d2016-10-19 @60958 | has not released tax returns
same opposite | d2016-09-26 @63478 | d2016-09-26 @66105 | Russia behind the cyber attacks
same agree | d2016-09-26 @66235 | d2016-09-26 @66105 | not known it was Russia
same agree | d2016-09-26 @45952 | d2016-09-26 @48523 | stop-and-frisk unconstitutional
same agree | d2016-09-26 @45197 | d2016-09-26 @53327 | stop-and-frisk worked
same agree | d2016-09-26 @52917 | d2016-09-26 @53327 | stop-and-frisk worked
same agree | d2016-09-26 @57062 | d2016-09-26 @57943 | got him to produce the birth certificate
same agree | d2016-09-26 @59056 | d2016-09-26 @57062 | got him to produce the birth certificate
same agree | d2000-10-03 @4964 | d2000-10-03 @7886 | tax cut for the wealthiest 1%
same agree | d2000-10-03 @50403 | d2000-10-03 @4964 | tax cut for the wealthiest 1%
same agree | d2000-10-03 @46226 | d2000-10-03 @8137 | nearly half to the wealthiest 1%
same agree | d2000-10-03 @2580 | d2000-10-03 @13755 | Medicare in a lockbox
same agree | d2000-10-03 @47060 | d2000-10-03 @2580 | Medicare in a lockbox
same agree | d2000-10-03 @10966 | d2000-10-03 @12159 | all seniors get prescription drugs in Medicare
same agree | d1996-10-06 @21619 | d1996-10-06 @44927 | biggest tax increase in history
same agree | d1996-10-06 @21365 | d1996-10-06 @21619 | biggest tax increase in history
same agree | d1996-10-06 @77726 | d1996-10-06 @21365 | biggest tax increase in history
same agree | d1996-10-06 @11269 | d1996-10-06 @29051 | drug use doubled
same opposite | d1996-10-06 @27082 | d1996-10-06 @11269 | drug use doubled / down
same agree | d1992-10-15 @18400 | d1992-10-15 @9370 | $150 billion tax increase (reported)
same agree | d1992-10-11 @16455 | d1992-10-15 @11084 | not raise taxes, control spending, across debates
same agree | d1984-10-07 @10919 | d1984-10-07 @36127 | 1977 tax increase the biggest
same agree | d1984-10-07 @53095 | d1984-10-07 @54516 | no tax increase under $25,000
same agree | d1980-10-28 @69100 | d1980-10-28 @69876 | Reagan opposed Medicare (conceded)
same agree | d1960-10-07 @21303 | d1960-10-07 @35803 | prestige declined (reported)
same opposite | d1960-10-07 @21431 | d1960-10-07 @35803 | prestige high / declined
same agree | d1960-10-07 @24597 | d1960-10-07 @35803 | prestige declined
same agree | d1960-10-07 @35992 | d1960-10-07 @21431 | prestige high (reported)
same agree | d1960-10-13 @3477 | d1960-10-13 @2238 | trigger-happy on Quemoy and Matsu
same agree | d1960-10-13 @6993 | d1960-10-07 @57723 | Communists want more than Quemoy and Matsu
same agree | d2008-09-26 @15015 | d2008-10-07 @36651 | tax cut for 95 percent, across debates
same agree | d2008-10-15 @7688 | d2008-10-15 @9936 | tax cut for 95 percent
same agree | d2008-10-15 @7966 | d2008-09-26 @19754 | tax cut for 95 percent
same agree | d2008-09-26 @22543 | d2008-10-15 @19308 | voted to raise taxes at $42,000
# --- related: same topic or entities, different proposition (hard negatives)
related - | 02 "In 1991, the MEK assisted" | 14 "The 1991 uprisings in Iraq were" | the uprisings themselves
related - | 02 "In 1991, the MEK assisted" | 14 "The mostly uncoordinated insurgency" | the uprisings' causes
related - | 000 "They also assisted Saddam Hussein in suppressing" | 14 "The 1991 uprisings in Iraq were" | the uprisings themselves
related - | 02 "In 1991, the MEK assisted" | 14 "Within the first two weeks" | the uprisings' course
related - | 02 "Baghdad armed the MEK" | 02 "Formed in the 1960s, the organization" | support vs arms
related - | 02 "In 1981, the MEK detonated" | 15 "Rajavi and Banisadr fled to Paris" | 1981 events
related - | 02 "In 1981, the MEK detonated" | 02 "During the 1970s, the MEK killed US" | different attacks
related - | 02 "In April 1992, the MEK conducted" | 01 "does not overlook or forget" | different 1992 attack
related - | 04 "nearly simultaneous attacks on Iranian Embassies" | 04 "attacks caused extensive property damage" | effect of the attacks
related - | 04 "attacks caused extensive property damage" | 02 "In April 1992, the MEK conducted" | effect of the attacks
related - | 04 "The group is responsible" | 04 "nearly simultaneous attacks on Iranian Embassies" | 1993 vs 1992 attacks
related - | 01 "The Secretary of State has decided" | 01 "Property and interests in property" | consequence of delisting
related - | 01 "The Secretary of State has decided" | 01 "The Secretary’s decision today took into account" | reasons for delisting
related - | 01 "The Secretary of State has decided" | 11 "is an Iranian dissident organization" | status of the group
related - | 01 "The Secretary’s decision today took into account" | 11 "is an Iranian dissident organization" | renounced violence vs advocacy group
related - | 01 "The Department also has serious concerns" | 01 "does not overlook or forget" | concerns vs past acts
related - | 12 "The population used to be around 3,400" | 05 "Camp Liberty residentsIt is the sense" | Camp Liberty
related - | 12 "The population used to be around 3,400" | 12 "From 2003 to 2013, Camp Ashraf was attacked" | Camp Ashraf
related - | 12 "From 2003 to 2013, Camp Ashraf was attacked" | 12 "On September 1, 2013, an attack" | different attacks on Ashraf
related - | 12 "On September 1, 2013, an attack" | 12 "The Camp was briefly occupied by ISIS" | Ashraf later history
related - | 12 "The Camp was briefly occupied by ISIS" | 12 "As of 2025, the Camp remains" | Ashraf later history
related - | 12 "United States formally transferred control" | 12 "From 2003 to 2013, Camp Ashraf was attacked" | Ashraf
related - | 12 "Camp Ashraf is situated 96 kilometers" | 12 "former headquarters of the People" | Ashraf
related - | 12 "established its base at Ashraf in 1986" | 11 "but it is also deeply unpopular" | Iran-Iraq war
related - | 12 "The city of Ashraf was named" | 15 "became the leader of the People" | Rajavi
related - | 15 "Rajavi was arrested by SAVAK" | 15 "He was released from prison" | Rajavi's imprisonment
related - | 15 "When Iran's first presidential election" | 15 "Ayatollah Khomeini barred Rajavi" | 1980 election
related - | 15 "Rajavi joined the MEK when he was 20" | 15 "became the leader of the People" | Rajavi in the MEK
related - | 15 "He disappeared shortly before" | 11 "Its headquarters are currently in Albania" | the MEK today
related - | 05 "work with the Government of Iraq, the Government of Albania" | 05 "urge the Government of Iraq to take prompt" | resolution items
related - | 05 "urge the Government of Iraq to take prompt" | 05 "urge the Government of Iraq to ensure continued" | resolution items
related - | 05 "Camp Liberty residentsIt is the sense" | 11 "Its headquarters are currently in Albania" | Albania
related - | 11 "is an Iranian dissident organization" | 11 "At one point the MEK was Iran" | armed past
related - | 04 "Formed in the 1960s by the college" | 04 "In the 1970s, the MEK -- led by" | early history
related - | 04 "In the 1970s, the MEK -- led by" | 15 "became the leader of the People" | Rajavi leader
related - | 04 "In the 1970s, the MEK -- led by" | 02 "Since then, it has conducted terrorist attacks" | violence
related - | 04 "Most of the fighters are organized" | 04 "Several thousand fighters based in Iraq" | the fighters
related - | 000 "The MEK leaders deny their cooperation" | 000 "This denial is a strategic effort" | motive of the denial
related - | 000 "The MEK leaders deny their cooperation" | 11 "but it is also deeply unpopular" | traitors as background
related - | 000 "This historical alignment with a hostile" | 000 "Conversely, the long-term implications" | consequences
related - | 000 "The immediate impact of alliance" | 000 "Conversely, the long-term implications" | short vs long term
related - | 000 "Any leader including the Rajavis" | 000 "Conversely, the long-term implications" | consequences
related - | 000 "The primary documents and testimonies confirming" | 000 "A Specific document includes" | the evidence
related - | 000 "Additionally declassifies intelligence" | 000 "Testimonies from former high-ranking" | different evidence
related - | 000 "Furthermore, statements from former Iraqi" | 000 "Testimonies from former high-ranking" | different witnesses
related - | 14 "The 1991 uprisings in Iraq were" | 14 "The mostly uncoordinated insurgency" | the uprisings
related - | 14 "The mostly uncoordinated insurgency" | 14 "This perception of weakness" | causes
related - | 14 "Mass reprisals against" | 14 "The 1991 uprisings in Iraq were" | the uprisings
related - | 02 "conducted anti-West-ern attacks" | 02 "Since then, it has conducted terrorist attacks" | before vs after 1979
related - | 02 "campaign against the Iranian Government stresses" | 02 "Since then, it has conducted terrorist attacks" | campaign vs attacks
related - | 15 "became the leader of the People" | 11 "is an Iranian dissident organization" | the MEK
related - | 15 "Rajavi and the MEK actively opposed" | 15 "He was released from prison" | 1979
related - | own "The 1991 uprisings began in Basra" | 14 "The 1991 uprisings in Iraq were" | uprisings
related - | own "The 1991 uprisings began in Basra" | 02 "In 1991, the MEK assisted" | uprisings
related - | own "Kurdish parties, not the MEK, led" | 02 "In 1991, the MEK assisted" | uprisings, MEK named
related - | own "Kurdish parties, not the MEK, led" | own "The MEK has always denied that it took" | uprisings, MEK named
related - | own "Saddam Hussein's forces used chemical weapons" | 000 "Conversely, the long-term implications" | chemical weapons
related - | own "The MEK moved its leadership from Paris" | 15 "Rajavi and Banisadr fled to Paris" | Paris
related - | own "Iranian exiles in Albania held a rally" | 11 "Its headquarters are currently in Albania" | Albania
related - | own "The Iraqi army withdrew from Kuwait" | 14 "The 1991 uprisings in Iraq were" | Gulf War
related - | own "The group's fighters were stationed in Iraq" | 12 "Camp Ashraf is situated 96 kilometers" | Ashraf location
related - | own "The United States handed control of Camp Ashraf" | 12 "From 2003 to 2013, Camp Ashraf was attacked" | Ashraf
related - | own "It is not true that Washington removed" | 01 "Property and interests in property" | delisting
related - | own "Washington took the Mojahedin off" | 01 "The Secretary’s decision today took into account" | delisting
related - | own "Rajavi was not sentenced to death" | 15 "He was released from prison" | Rajavi
related - | own "Its spokesmen insist that the organisation" | 04 "Several thousand fighters based in Iraq" | Iraq
related - | d2004-09-30 @10689 | 000 "The MEK’s cooperation with Saddam Hussein involved" | Saddam
related - | d2004-09-30 @7508 | 000 "Any leader including the Rajavis" | Saddam
related - | d2016-09-26 @79818 | 02 "The MEK advocates the overthrow" | Iran
related - | d2012-10-22 @47754 | 14 "This perception of weakness" | Iran-Iraq war
related - | d2012-10-03 @44905 | d2012-10-03 @45598 | Medicare voucher
related - | d2012-10-16 @50719 | d2012-10-03 @44905 | voucher, someone else
related - | d2012-10-03 @49918 | d2012-10-03 @45598 | voucher
related - | d2012-10-03 @94943 | d2012-10-03 @43300 | $716 billion
related - | d2012-10-03 @63219 | d2012-10-03 @43300 | $716 billion, Massachusetts
related - | d2012-10-03 @43877 | d2012-10-03 @43300 | $716 billion
related - | d2012-10-16 @35582 | d2012-10-03 @8385 | $5 trillion deficits
related - | d2012-10-03 @15320 | d2012-10-03 @8385 | $5 trillion and the deficit
related - | d2012-10-03 @13856 | d2012-10-03 @8385 | paying for the tax cut
related - | d2012-10-16 @8368 | d2012-10-16 @5198 | bankruptcy plan
related - | d2012-10-16 @8564 | d2012-10-16 @5198 | bankrupt, other subject
related - | d2012-10-16 @11332 | d2012-10-16 @13426 | oil production
related - | d2012-10-16 @13532 | d2012-10-16 @11332 | oil production, federal land
related - | d2012-10-22 @47754 | d2012-10-16 @11332 | oil production, Iran
related - | d2012-10-16 @89816 | d2012-10-16 @93589 | China's currency
related - | d2012-10-16 @89885 | d2012-10-16 @89816 | currency manipulator
related - | d2012-10-22 @80911 | d2012-10-22 @80454 | currency manipulator
related - | d2012-10-22 @58124 | d2012-10-22 @54877 | apology tour
related - | d2012-10-03 @70536 | d2012-10-03 @67804 | pre-existing conditions
related - | d2012-10-03 @60093 | d2012-10-03 @67804 | pre-existing conditions
related - | d2012-10-03 @67129 | d2012-10-03 @67804 | pre-existing conditions
related - | d2004-09-30 @26376 | d2004-10-08 @86625 | $87 billion
related - | d2004-09-30 @55791 | d2004-10-13 @64306 | global test
related - | d2004-10-13 @45139 | d2004-10-13 @47118 | tax cuts
related - | d2004-10-13 @12444 | d2004-10-13 @45139 | tax cut for the wealthiest
related - | d2004-10-13 @21479 | d2004-10-13 @47118 | tax relief
related - | d2004-10-08 @47614 | d2004-10-13 @47118 | tax relief
related - | d2004-09-30 @8490 | d2004-09-30 @51340 | Tora Bora
related - | d2004-09-30 @7508 | d2004-09-30 @33908 | no connection
related - | d2004-09-30 @10553 | d2004-09-30 @10689 | Iraq vs Afghanistan
related - | d2016-10-19 @38171 | d2016-10-19 @20829 | NAFTA
related - | d2016-10-19 @38204 | d2016-10-19 @38171 | NAFTA
related - | d2016-10-19 @44190 | d2016-10-19 @43849 | TPP
related - | d2016-10-09 @70196 | d2016-10-19 @44190 | TPP
related - | d2016-09-26 @32288 | d2016-09-26 @31548 | tax returns
related - | d2016-10-09 @44886 | d2016-10-19 @60958 | tax returns
related - | d2016-10-09 @52841 | d2016-09-26 @29257 | tax returns
related - | d2016-09-26 @35014 | d2016-09-26 @31548 | tax returns
related - | d2016-09-26 @64677 | d2016-09-26 @63478 | Russia
related - | d2016-09-26 @79818 | d2016-09-26 @63478 | Russia
related - | d2016-09-26 @48523 | d2016-09-26 @53327 | stop-and-frisk
related - | d2016-09-26 @46592 | d2016-09-26 @45197 | stop-and-frisk
related - | d2016-09-26 @57547 | d2016-09-26 @57062 | birth certificate
related - | d2016-09-26 @56247 | d2016-09-26 @57547 | birth certificate
related - | d2016-09-26 @59294 | d2016-09-26 @57943 | birther
related - | d2000-10-03 @11774 | d2000-10-03 @4964 | wealthiest 1%
related - | d2000-10-03 @14110 | d2000-10-03 @4964 | wealthiest 1%
related - | d2000-10-03 @47510 | d2000-10-03 @47636 | $3 vs $5 per dollar
related - | d2000-10-03 @50663 | d2000-10-03 @46226 | wealthiest 1%
related - | d2000-10-03 @47126 | d2000-10-03 @13755 | lockbox, the other man
related - | d2000-10-03 @14019 | d2000-10-03 @47126 | lockbox
related - | d2000-10-03 @8734 | d2000-10-03 @8816 | campaigned on drugs, other year
related - | d2000-10-03 @8816 | d2000-10-03 @8894 | campaigned on drugs, other year
related - | d2000-10-03 @11149 | d2000-10-03 @10966 | prescription drugs
related - | d2000-10-03 @12325 | d2000-10-03 @12159 | prescription drugs
related - | d1996-10-06 @45476 | d1996-10-06 @44927 | biggest tax increase, another one
related - | d1996-10-06 @26786 | d1996-10-06 @11269 | drug use
related - | d1996-10-06 @5933 | d1996-10-06 @24248 | tobacco
related - | d1996-10-06 @22049 | d1996-10-06 @24248 | tobacco
related - | d1992-10-15 @9370 | d1992-10-11 @13506 | tax increase
related - | d1992-10-15 @9261 | d1992-10-11 @16455 | tax increase
related - | d1984-10-07 @54592 | d1984-10-07 @57840 | tax increase in the second term
related - | d1984-10-07 @16865 | d1984-10-07 @10919 | 1977 tax increase
related - | d1980-10-28 @70890 | d1980-10-28 @69100 | Medicare
related - | d1980-10-28 @68919 | d1980-10-28 @69100 | Medicare
related - | d1960-10-07 @35120 | d1960-10-07 @35803 | prestige
related - | d1960-10-07 @54523 | d1960-10-07 @53865 | Quemoy and Matsu
related - | d1960-10-07 @57294 | d1960-10-07 @57723 | Quemoy and Matsu
related - | d1960-09-26 @27935 | d1960-10-07 @50000 | Quemoy and Matsu
related - | d2008-09-26 @19853 | d2008-09-26 @22543 | taxes at low incomes
related - | d2008-10-07 @39828 | d2008-09-26 @22543 | Obama's tax votes
related - | d2008-10-07 @32115 | d2008-09-26 @15015 | tax cuts
related - | d2008-10-07 @33516 | d2008-10-07 @39828 | raising taxes
# --- unrelated
"""  # noqa: E501

UNRELATED = r"""
unrelated - | 12 "Camp Ashraf is situated 96 kilometers" | 15 "Rajavi joined the MEK when he was 20" | corpus, no shared entity
unrelated - | 14 "This perception of weakness" | 01 "Property and interests in property" | corpus, no shared entity
unrelated - | 05 "urge the Government of Iraq to ensure continued" | 15 "He graduated with a degree" | corpus, no shared entity
unrelated - | 14 "Within the first two weeks" | 11 "The group's ideology is rooted" | corpus, no shared entity
unrelated - | own "Iranian exiles in Albania held a rally" | d2012-10-03 @43300 | own x debate
unrelated - | own "The Iraqi army withdrew from Kuwait" | d2016-09-26 @17531 | own x debate
unrelated - | own "The MEK was never the largest armed" | d2000-10-03 @2580 | own x debate
unrelated - | own "Rajavi was not sentenced to death" | d1996-10-06 @11269 | own x debate
unrelated - | own "The MEK has always denied that it took" | d2016-09-26 @75778 | own x debate, both denials
unrelated - | own "It is not true that Washington removed" | d2012-10-03 @9265 | own x debate, both denials
unrelated - | 04 @1747 | d1996-10-06 @8144 | corpus x debate
unrelated - | 05 @1833 | d1960-10-13 @60336 | corpus x debate
unrelated - | 000 @2107 | d2016-10-19 @80271 | corpus x debate
unrelated - | 000 @2712 | d2008-10-15 @65279 | corpus x debate
unrelated - | 15 @528 | d1980-10-28 @25051 | corpus x debate
unrelated - | 12 @1620 | d2004-09-30 @14616 | corpus x debate
unrelated - | 000 @942 | d1984-10-07 @29807 | corpus x debate
unrelated - | 11 @1681 | d2012-10-16 @43739 | corpus x debate
unrelated - | 000 @1886 | d2004-10-08 @15588 | corpus x debate
unrelated - | 000 @2529 | d2012-10-16 @57909 | corpus x debate
unrelated - | 000 @1594 | d1992-10-11 @78598 | corpus x debate
unrelated - | 02 @1484 | d1980-10-28 @35247 | corpus x debate
unrelated - | 15 @378 | d2012-10-03 @73993 | corpus x debate
unrelated - | 000 @1315 | d2004-09-30 @36439 | corpus x debate
unrelated - | 000 @1072 | d1992-10-15 @29716 | corpus x debate
unrelated - | 04 @1183 | d2012-10-16 @47822 | corpus x debate
unrelated - | 01 @665 | d1992-10-11 @54243 | corpus x debate
unrelated - | 15 @378 | d2008-09-26 @40167 | corpus x debate
unrelated - | 15 @115 | d1996-10-06 @82790 | corpus x debate
unrelated - | 000 @3173 | d2000-10-03 @10326 | corpus x debate
unrelated - | 05 @837 | d1984-10-07 @62870 | corpus x debate
unrelated - | 14 @1896 | d1980-10-28 @39866 | corpus x debate
unrelated - | 15 @319 | d1980-10-28 @28927 | corpus x debate
unrelated - | 15 @974 | d2000-10-03 @71080 | corpus x debate
unrelated - | 12 @1410 | d2016-10-19 @61327 | corpus x debate
unrelated - | 11 @1563 | d2008-09-26 @56466 | corpus x debate
unrelated - | 12 @598 | d2012-10-22 @53721 | corpus x debate
unrelated - | 05 @426 | d2008-09-26 @13396 | corpus x debate
unrelated - | 04 @341 | d1996-10-06 @78566 | corpus x debate
unrelated - | 04 @341 | d1984-10-07 @10457 | corpus x debate
unrelated - | 15 @378 | d2008-09-26 @14455 | corpus x debate
unrelated - | 14 @1149 | d2016-10-09 @22728 | corpus x debate
unrelated - | 04 @1902 | d2012-10-22 @41743 | corpus x debate
unrelated - | 04 @1048 | d1980-10-28 @74919 | corpus x debate
unrelated - | 000 @3641 | d2016-10-09 @86177 | corpus x debate
unrelated - | 11 @1364 | d1996-10-06 @35679 | corpus x debate
unrelated - | 04 @1902 | d1996-10-06 @9409 | corpus x debate
unrelated - | 12 @1157 | d2012-10-16 @54965 | corpus x debate
unrelated - | 000 @1072 | d1984-10-07 @1778 | corpus x debate
unrelated - | 15 @115 | d2008-09-26 @55043 | corpus x debate
unrelated - | 04 @1902 | d2008-10-15 @13831 | corpus x debate
unrelated - | 15 @657 | d2016-10-09 @29645 | corpus x debate
unrelated - | 15 @528 | d2012-10-22 @63047 | corpus x debate
unrelated - | 000 @1886 | d1984-10-07 @54196 | corpus x debate
unrelated - | 04 @742 | d2016-09-26 @29257 | corpus x debate
unrelated - | 000 @1886 | d1980-10-28 @31974 | corpus x debate
unrelated - | 04 @1466 | d2012-10-22 @31758 | corpus x debate
unrelated - | 04 @1048 | d2012-10-03 @44905 | corpus x debate
unrelated - | d2008-10-15 @5373 | d1960-10-07 @21704 | debates, different years
unrelated - | d2012-10-22 @79561 | d2008-10-15 @28775 | debates, different years
unrelated - | d1996-10-06 @41497 | d1992-10-11 @51490 | debates, different years
unrelated - | d2016-10-09 @15544 | d1980-10-28 @28075 | debates, different years
unrelated - | d1992-10-15 @11692 | d2004-10-08 @33018 | debates, different years
unrelated - | d2016-10-09 @29177 | d1984-10-07 @8014 | debates, different years
unrelated - | d1996-10-06 @37327 | d2012-10-22 @43211 | debates, different years
unrelated - | d2012-10-03 @94015 | d2004-10-13 @32935 | debates, different years
unrelated - | d1992-10-15 @45285 | d2012-10-16 @82830 | debates, different years
unrelated - | d2004-10-13 @33355 | d2012-10-16 @35338 | debates, different years
unrelated - | d2008-10-15 @43310 | d2012-10-03 @31237 | debates, different years
unrelated - | d2004-09-30 @65466 | d1996-10-06 @8284 | debates, different years
unrelated - | d1984-10-07 @14669 | d1996-10-06 @65322 | debates, different years
unrelated - | d1996-10-06 @8682 | d2004-09-30 @70630 | debates, different years
unrelated - | d2004-09-30 @72677 | d1960-09-26 @47098 | debates, different years
unrelated - | d2016-09-26 @72595 | d1996-10-06 @87051 | debates, different years
unrelated - | d1960-09-26 @17013 | d1992-10-15 @83226 | debates, different years
unrelated - | d2012-10-16 @47725 | d2016-10-19 @74074 | debates, different years
unrelated - | d1992-10-11 @82713 | d2016-10-19 @9641 | debates, different years
unrelated - | d1980-10-28 @15728 | d2012-10-22 @64544 | debates, different years
unrelated - | d1984-10-07 @84180 | d2016-09-26 @58723 | debates, different years
unrelated - | d2012-10-03 @88766 | d1980-10-28 @36716 | debates, different years
unrelated - | d2000-10-03 @16181 | d1980-10-28 @54078 | debates, different years
unrelated - | d2000-10-03 @78310 | d2012-10-22 @14812 | debates, different years
unrelated - | d1996-10-06 @30085 | d1992-10-11 @20244 | debates, different years
unrelated - | d2008-10-07 @64428 | d1980-10-28 @13368 | debates, different years
unrelated - | d1984-10-07 @81063 | d1960-09-26 @1074 | debates, different years
unrelated - | d1996-10-06 @8682 | d2016-10-19 @83311 | debates, different years
unrelated - | d1984-10-07 @78236 | d2008-10-15 @58427 | debates, different years
unrelated - | d1960-10-07 @28936 | d1980-10-28 @61432 | debates, different years
unrelated - | d2000-10-03 @76335 | d2012-10-03 @17638 | debates, different years
unrelated - | d1996-10-06 @1337 | d2004-10-08 @45899 | debates, different years
unrelated - | d2016-09-26 @29377 | d1992-10-11 @76140 | debates, different years
related - | d1992-10-11 @44383 | d2016-09-26 @80883 | nuclear arms reduction
unrelated - | d2012-10-22 @95384 | d2016-09-26 @50786 | debates, different years
related - | d2016-09-26 @68621 | d2008-09-26 @50019 | terrorism and Pakistan
unrelated - | d1984-10-07 @29416 | d1992-10-15 @75760 | debates, different years
unrelated - | d1984-10-07 @81017 | d2008-10-07 @72691 | debates, different years
unrelated - | d2004-10-08 @81795 | d2016-09-26 @44669 | debates, different years
unrelated - | d1996-10-06 @27818 | d2016-10-19 @15013 | debates, different years
unrelated - | d1960-10-07 @22652 | d2000-10-03 @69964 | debates, different years
unrelated - | d2016-10-19 @49008 | d2008-10-15 @51562 | debates, different years
unrelated - | d1992-10-15 @87749 | d1960-10-07 @33679 | debates, different years
unrelated - | d2016-10-19 @48721 | d2008-09-26 @4666 | debates, different years
unrelated - | d1984-10-07 @48147 | d2004-10-08 @64547 | debates, different years
unrelated - | d2016-10-19 @21648 | d2008-10-15 @68339 | debates, different years
unrelated - | d1996-10-06 @39041 | d2008-10-15 @29370 | debates, different years
unrelated - | d2004-09-30 @44789 | d2016-10-19 @64191 | debates, different years
unrelated - | d2016-10-09 @52841 | d2008-10-07 @20245 | debates, different years
unrelated - | d2004-09-30 @45733 | d2000-10-03 @37280 | debates, different years
unrelated - | d2004-10-08 @12819 | d2012-10-03 @89202 | debates, different years
unrelated - | d2004-09-30 @57314 | d2000-10-03 @50801 | debates, different years
unrelated - | d2008-10-15 @29171 | d2008-10-15 @72763 | same debate, other topic
unrelated - | d2004-10-08 @59441 | d2004-10-08 @33238 | same debate, other topic
unrelated - | d2008-10-15 @11672 | d2008-10-15 @34893 | same debate, other topic
unrelated - | d1984-10-07 @80853 | d1984-10-07 @21847 | same debate, other topic
unrelated - | d2008-10-07 @48710 | d2008-10-07 @24322 | same debate, other topic
unrelated - | d2016-09-26 @48125 | d2016-09-26 @78969 | same debate, other topic
unrelated - | d1992-10-11 @63700 | d1992-10-11 @49941 | same debate, other topic
unrelated - | d1996-10-06 @72051 | d1996-10-06 @62630 | same debate, other topic
unrelated - | d2012-10-03 @72150 | d2012-10-03 @84683 | same debate, other topic
unrelated - | d1996-10-06 @8572 | d1996-10-06 @68898 | same debate, other topic
unrelated - | d1992-10-15 @23000 | d1992-10-15 @3748 | same debate, other topic
unrelated - | d2016-10-19 @44853 | d2016-10-19 @83974 | same debate, other topic
unrelated - | d2000-10-03 @35644 | d2000-10-03 @84586 | same debate, other topic
unrelated - | d2004-10-08 @44378 | d2004-10-08 @38794 | same debate, other topic
unrelated - | d2004-10-08 @15510 | d2004-10-08 @50600 | same debate, other topic
unrelated - | d1992-10-15 @23000 | d1992-10-15 @8455 | same debate, other topic
"""  # noqa: E501


def shared_root(arg: str | None) -> Path:
    return Path(arg).resolve() if arg else (ROOT.parent / "shared").resolve()


def doc_path(key: str, shared: Path) -> Path:
    root, rel = DOCS[key]
    return (shared if root == "shared" else HERE) / rel


@cache
def _read(path: str) -> tuple[str, str]:
    from claimscope.ingest import read_source
    from claimscope.settings import Settings

    doc = read_source(path, Settings())
    return doc.text, doc.sha256


@cache
def _sentences(path: str, corpus: bool) -> list[tuple[int, int]]:
    from claimscope.analyse import analyse
    from claimscope.ingest import read_source
    from claimscope.pack import bundled_pack_dir, load_pack
    from claimscope.settings import Settings

    doc = read_source(path, Settings())
    audit = analyse(doc, load_pack(bundled_pack_dir())) if corpus else analyse(doc)
    return [(s.start, s.end) for s in audit.sentences]


SIDE = re.compile(r'^(\S+)\s+(?:"(.+)"|@(\d+))$')


def locate(key: str, ref: str, shared: Path) -> tuple[int, int]:
    m = SIDE.match(ref.strip())
    if not m or m.group(1) not in DOCS:
        raise SystemExit(f"pairs_tool: bad side {ref!r}")
    path = str(doc_path(key := m.group(1), shared))
    text, _ = _read(path)
    if m.group(2) is not None:
        snippet = m.group(2).replace("\\n", "\n")
        at = text.find(snippet)
        if at < 0 or text.find(snippet, at + 1) >= 0:
            raise SystemExit(f"pairs_tool: {key} {snippet!r} found {text.count(snippet)} times (need exactly once)")
    else:
        at = int(m.group(3))
    for start, end in _sentences(path, DOCS[key][1].startswith(CORPUS)):
        if start <= at < end:
            return start, end
    raise SystemExit(f"pairs_tool: {ref!r}: no sentence holds offset {at}")


@dataclass(frozen=True)
class PairSet:
    """One labelled pair file: where its pairs are written, its readings, its ids and how it is split."""

    out: Path
    readings: Path
    prefix: str
    fresh: bool  # a test set only: the readings alone decide, and every pair is in the test half

    def spec(self) -> str:
        return self.out.with_suffix(".spec").read_text(encoding="utf-8") if self.fresh else SPEC + UNRELATED


def _fresh(name: str, prefix: str) -> PairSet:
    return PairSet(HERE / f"{name}.json", HERE / f"{name}_readings.json", prefix, fresh=True)


SETS = {"main": PairSet(OUT, READINGS, "p", fresh=False),
        "fresh": _fresh("claim_pairs_fresh", "f"),
        "fresh2": _fresh("claim_pairs_fresh2", "g"),
        "fresh3": _fresh("claim_pairs_fresh3", "h")}


def parse_spec(spec: str) -> list[tuple[str, str | None, str, str, str]]:
    rows = []
    for line in spec.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, a, b, note = (part.strip() for part in line.split(" | "))
        label, polarity = head.split()
        rows.append((label, None if polarity == "-" else polarity, a, b, note))
    return rows


def reading(label: str, polarity: str | None) -> str:
    return f"{label}/{polarity}" if label == "same" else label


def adjudicate(readings: list[str]) -> tuple[str, str | None]:
    """The label most readings give (a fourth reading decides where the first three all differ), and for
    "same" the polarity most of its readers give, the first such reading deciding a tie."""
    labels = Counter(r.split("/")[0] for r in readings)
    (label, votes), *rest = labels.most_common()
    if votes < 2 or (rest and rest[0][1] == votes):
        raise ValueError(f"no majority in the readings {readings}; add a deciding reading")
    if label != "same":
        return label, None
    polarities = [r.split("/")[1] for r in readings if r.startswith("same/")]
    return label, max(polarities, key=lambda x: (polarities.count(x), -polarities.index(x)))


def make_split(pairs: list[dict], seed: int) -> dict:
    rng = random.Random(seed)
    dev, test = [], []
    for label in LABELS:
        ids = [p["id"] for p in pairs if p["label"] == label]
        rng.shuffle(ids)
        half = (len(ids) + 1) // 2
        dev += sorted(ids[:half])
        test += sorted(ids[half:])
    return {"seed": seed, "method": "per label: shuffle ids with random.Random(seed), first ceil(n/2) dev",
            "dev": sorted(dev), "test": sorted(test)}


def build(shared: Path, resplit: bool, which: PairSet = SETS["main"]) -> int:
    pairs, used = [], set()
    later = json.loads(which.readings.read_text(encoding="utf-8"))["readings"] if which.readings.exists() else {}
    for i, (label, polarity, a, b, note) in enumerate(parse_spec(which.spec()), 1):
        sides = []
        for ref in (a, b):
            key = ref.split()[0]
            start, end = locate(key, ref, shared)
            used.add(key)
            sides.append({"doc": key, "start": start, "end": end})
        pid = f"{which.prefix}{i:03d}"
        proposed = reading(label, polarity)
        readings = later.get(pid, []) if which.fresh else [proposed, *later.get(pid, [])]
        if len(readings) > 1:
            try:
                label, polarity = adjudicate(readings)
            except ValueError as exc:
                raise SystemExit(f"pairs_tool: {pid}: {exc}") from None
        elif which.fresh:
            raise SystemExit(f"pairs_tool: {pid} has no readings in {which.readings.name}")
        pair = {"id": pid, "a": sides[0], "b": sides[1], "label": label, "polarity": polarity,
                "readings": readings}
        if which.fresh:
            pair["proposed"] = proposed
        if note:
            pair["note"] = note
        pairs.append(pair)
    documents = {}
    for key in sorted(used):
        root, rel = DOCS[key]
        documents[key] = {"file": rel, "root": root, "sha256": _read(str(doc_path(key, shared)))[1]}
    old = json.loads(which.out.read_text()) if which.out.exists() and not which.fresh else None
    if which.fresh:
        split = {"method": "a test set only: every pair in the test half", "dev": [],
                 "test": [p["id"] for p in pairs]}
    elif old and old.get("split") and not resplit:
        if set(old["split"]["dev"]) | set(old["split"]["test"]) != {p["id"] for p in pairs}:
            print("pairs_tool: the pair ids changed and the split is fixed; pass --resplit to redo it (before any"
                  " measuring only)", file=sys.stderr)
            return 1
        split = old["split"]
    else:
        split = make_split(pairs, SEED)
    how = which.out.with_suffix(".md").name if which.fresh else "claim_pairs.md"
    data = {
        "description": "Labelled claim pairs for measuring cross-document claim linking (issue 5, item 3). Each side"
                       " is a span [start, end) of Document.text (claimscope.ingest.read_source) of the document"
                       " named by its key; 'file' is relative to 'root' ('shared' = the ../shared folder next to"
                       " the project, 'tests/data' = this folder). Labels: same (the same proposition, stated or"
                       " denied; polarity agree|opposite), related (same topic or entities, different proposition),"
                       " unrelated. 'readings' are the readers' labels" + (
                           " (three blind readers; 'proposed' is the finder's label, not counted)" if which.fresh else
                           ", the first annotator's first") + "; 'label' and 'polarity' are what most of them say."
                       f" How it was made: tests/data/{how}; built and checked by tests/data/pairs_tool.py.",
        "documents": documents,
        "pairs": pairs,
        "split": split,
    }
    which.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {which.out.relative_to(ROOT)}: {len(pairs)} pairs, {len(documents)} documents")
    return check(shared, which)


def load(which: PairSet = SETS["main"]) -> dict:
    return json.loads(which.out.read_text(encoding="utf-8"))


def resolve(data: dict, shared: Path) -> dict[str, str]:
    """Key -> text, checking each sha256; raises ValueError naming the first mismatch."""
    texts = {}
    for key, doc in data["documents"].items():
        path = (shared if doc.get("root", "shared") == "shared" else HERE) / doc["file"]
        if not path.is_file():
            raise ValueError(f"{key}: {path} not found")
        text, sha = _read(str(path))
        if sha != doc["sha256"]:
            raise ValueError(f"{key}: sha256 of {path} is {sha}, the pair file says {doc['sha256']}")
        texts[key] = text
    return texts


def check(shared: Path, which: PairSet = SETS["main"]) -> int:
    data = load(which)
    problems = []
    try:
        texts = resolve(data, shared)
    except ValueError as exc:
        print(f"pairs_tool check: {exc}", file=sys.stderr)
        return 1
    ids, seen = set(), set()
    for p in data["pairs"]:
        if p["id"] in ids:
            problems.append(f"{p['id']}: duplicate id")
        ids.add(p["id"])
        if p["label"] not in LABELS:
            problems.append(f"{p['id']}: label {p['label']!r}")
        if (p["label"] == "same") != (p["polarity"] in ("agree", "opposite")) or p["polarity"] not in (
                "agree", "opposite", None):
            problems.append(f"{p['id']}: polarity {p['polarity']!r} with label {p['label']!r}")
        readings = p.get("readings", [])
        try:
            if len(readings) > 1 and adjudicate(readings) != (p["label"], p["polarity"]):
                problems.append(f"{p['id']}: label {p['label']}/{p['polarity']} is not what its readings {readings}"
                                " give")
        except ValueError as exc:
            problems.append(f"{p['id']}: {exc}")
        spans = []
        for side in ("a", "b"):
            s = p[side]
            text = texts.get(s["doc"])
            if text is None:
                problems.append(f"{p['id']}: unknown document {s['doc']!r}")
                continue
            if not (0 <= s["start"] < s["end"] <= len(text)) or not text[s["start"]:s["end"]].strip():
                problems.append(f"{p['id']}: span {s['start']}-{s['end']} outside {s['doc']} ({len(text)} chars)")
            spans.append((s["doc"], s["start"], s["end"]))
        key = tuple(sorted(spans))
        if len(spans) == 2 and spans[0] == spans[1]:
            problems.append(f"{p['id']}: both sides are the same span")
        if key in seen:
            problems.append(f"{p['id']}: the same two spans appear in another pair")
        seen.add(key)
    split = data.get("split") or {}
    dev, test = set(split.get("dev", [])), set(split.get("test", []))
    if dev & test:
        problems.append(f"split: {len(dev & test)} ids in both halves")
    if dev | test != ids:
        problems.append(f"split: {len(ids - dev - test)} pairs in no half, {len((dev | test) - ids)} unknown ids")
    for msg in problems:
        print(f"pairs_tool check: {msg}", file=sys.stderr)
    if problems:
        return 1
    print(f"ok: {len(ids)} pairs, {len(texts)} documents, sha256 and spans verified, split {len(dev)}/{len(test)}")
    return 0


def show(ids: list[str], shared: Path, which: PairSet = SETS["main"]) -> int:
    data = load(which)
    texts = resolve(data, shared)
    by_id = {p["id"]: p for p in data["pairs"]}
    for pid in ids:
        p = by_id.get(pid)
        if p is None:
            print(f"pairs_tool: no pair {pid}", file=sys.stderr)
            return 1
        half = "dev" if pid in data["split"]["dev"] else "test"
        print(f"{pid} [{p['label']}/{p['polarity']}] ({half}) {p.get('note', '')}")
        for side in ("a", "b"):
            s = p[side]
            print(f"  {side} {s['doc']}@{s['start']}-{s['end']}: {texts[s['doc']][s['start']:s['end']]!r}")
    return 0


def stats(which: PairSet = SETS["main"]) -> int:
    data = load(which)
    dev = set(data["split"]["dev"])
    counts: Counter = Counter()
    for p in data["pairs"]:
        kind = "debate" if p["a"]["doc"].startswith("d") and p["b"]["doc"].startswith("d") else (
            "own" if any(s.startswith("own") for s in (p["a"]["doc"], p["b"]["doc"])) else "corpus")
        cross = "cross-doc" if p["a"]["doc"] != p["b"]["doc"] else "same-doc"
        half = "dev" if p["id"] in dev else "test"
        counts[(p["label"], p["polarity"] or "-", "", "")] += 1
        counts[(p["label"], "", kind, "")] += 1
        counts[(p["label"], "", cross, "")] += 1
        counts[(p["label"], "", "", half)] += 1
    for key in sorted(counts, key=lambda k: (LABELS.index(k[0]), k[1:])):
        print(" ".join(x for x in key if x).ljust(28), counts[key])
    print("total".ljust(28), len(data["pairs"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "check", "show", "stats"])
    parser.add_argument("ids", nargs="*", help="pair ids for show")
    parser.add_argument("--shared", help="the shared folder (default ../shared next to the project)")
    parser.add_argument("--resplit", action="store_true", help="build: redo the split (never after measuring)")
    parser.add_argument("--set", choices=sorted(SETS), default="main",
                        help="the pair set: main (claim_pairs.json), fresh, fresh2 or fresh3 (claim_pairs_fresh*.json)")
    args = parser.parse_intermixed_args(argv)
    shared = shared_root(args.shared)
    which = SETS[args.set]
    if args.command == "build":
        return build(shared, args.resplit, which)
    if args.command == "check":
        return check(shared, which)
    if args.command == "show":
        return show(args.ids, shared, which)
    return stats(which)


if __name__ == "__main__":
    sys.exit(main())
