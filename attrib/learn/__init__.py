"""Fitting attrib's learned parts on PolNeAR train: `python -m attrib.learn STEP ...`
(attrib/learn/__main__.py). Deterministic; CPU only. Only train is read; dev stays for
measuring.

One module a model: `role_tagger` (the role tagger, and train's cross-fitted view),
`cue_model` (is this verb a cue here), `cue_words` (learned cue words and each cue
word's precision), `edge_model` (where a content starts and ends), `trees` (the
keep-or-drop and confidence trees); `corpus` parses train and runs the engine on it.
"""
