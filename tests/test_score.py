"""``mtcheck score``: sacrebleu's BLEU, chrF and TER, before and after mtcheck's fixes."""

import json

from sacrebleu.metrics import TER

MT = "The the ferry left at noon , on time.\nIt was was late again.\nThe bus came later.\n"
PE = "The ferry left at noon, on time.\nIt was late again.\nThe bus arrived later.\n"


def test_scores_match_sacrebleu_and_fixes_bring_the_text_closer(tmp_path, run_cli):
    (tmp_path / "mt.txt").write_text(MT, encoding="utf-8")
    (tmp_path / "pe.txt").write_text(PE, encoding="utf-8")
    r = run_cli("score", "mt.txt", "--ref", "pe.txt", "--lang", "en", "--fixes", "safe", "--format", "json",
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    expected = TER().corpus_score(MT.splitlines(), [PE.splitlines()]).score
    assert abs(out["corpus"]["before"]["TER"] - round(expected, 2)) < 0.01
    assert out["corpus"]["after"]["TER"] < out["corpus"]["before"]["TER"]
    assert out["corpus"]["changed_lines"] == 2
    assert out["signatures"]["TER"].startswith("nrefs:1|")
    assert (tmp_path / "mt.txt").read_text(encoding="utf-8") == MT  # nothing written


def test_folders_pair_by_path_and_misaligned_files_are_named(tmp_path, run_cli):
    for side, text in (("mt", MT), ("pe", PE)):
        (tmp_path / side / "talks").mkdir(parents=True)
        (tmp_path / side / "talks" / "a.txt").write_text(text, encoding="utf-8")
    r = run_cli("score", "mt", "--ref", "pe", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "mt/talks/a.txt" in r.stdout and "corpus" in r.stdout and "BLEU signature" in r.stdout
    (tmp_path / "pe" / "talks" / "a.txt").write_text(PE + "One more line.\n", encoding="utf-8")
    r = run_cli("score", "mt", "--ref", "pe", cwd=tmp_path)
    assert r.returncode == 2 and "line-aligned" in r.stderr and "a.txt" in r.stderr
