"""The lexicons as data: what they must contain, and that loading them stays cheap."""

from __future__ import annotations

import subprocess
import sys

from attrib.lexicons import load_lexicon


def test_cue_verbs_contain_textacys_reporting_verbs():
    # lexicon.json carries a copy of textacy's list so that start-up need not import
    # textacy; this keeps the copy whole when textacy's list grows.
    from textacy.constants import REPORTING_VERBS

    missing = set(REPORTING_VERBS["en"]) - {"according"} - load_lexicon().cue_verbs
    assert not missing, f"add to attrib/data/lexicon.json cue_verbs: {sorted(missing)}"


def test_according_is_a_phrase_not_a_verb():
    assert "according" not in load_lexicon().cue_verbs
    assert ("according", "to") in load_lexicon().cue_phrases


def test_loading_the_engine_does_not_import_textacy():
    code = "import sys, attrib.engine, attrib.lexicons; attrib.lexicons.load_lexicon(); print('textacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
