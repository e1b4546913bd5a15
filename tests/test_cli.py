"""The command as users run it (the installed console script, in a subprocess)."""

import json
import re

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>minor|major|critical|neutral) (?P<rule>[\w.-]+) .+")

EN = "The council approved the plan.\nOfficials seized rifles and rifles at the port on Tuesday morning.\n"
ES = ("El gobierno aprobó la reforma el Lunes por la tarde en la capital del país.\n"
      "La policía encontró armas y armas en el almacén del puerto durante la noche.\n")


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_text_output_lines_and_exit_code(tmp_path, run_cli):
    write(tmp_path, "docs/a.txt", EN)
    r = run_cli("docs", "--no-lt", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    m = LINE.match(lines[0])
    assert m["path"] == "docs/a.txt" and m["line"] == "2" and m["col"] == "18"
    assert "common.collapsed-coordination" in lines[0] and "→ rifles" in lines[0]
    assert "1 file" in r.stderr and "failed" in r.stderr


def test_json_has_exactly_the_documented_keys(tmp_path, run_cli):
    write(tmp_path, "a.txt", EN)
    r = run_cli("a.txt", "--no-lt", "--format", "json", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert data, r.stderr
    keys = {"path", "line", "column", "end_line", "end_column", "start", "end", "rule", "category", "severity",
            "message", "suggestions", "engine", "fix", "fingerprint", "source", "source_span"}
    for item in data:
        assert set(item) == keys
    f = data[0]
    assert f["path"] == "a.txt"
    assert EN[f["start"]:f["end"]] == "rifles and rifles"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (2, 18, 2, 35)
    assert f["engine"] == "rules" and f["suggestions"] == ["rifles"]


def test_fail_on_threshold(tmp_path, run_cli):
    write(tmp_path, "a.txt", "Send an email today. Every email counts, but an e-mail at night waits.\n")
    assert run_cli("a.txt", "--no-lt", cwd=tmp_path).returncode == 0  # only a minor finding
    assert run_cli("a.txt", "--no-lt", "--fail-on", "minor", cwd=tmp_path).returncode == 1
    assert run_cli("a.txt", "--no-lt", "--fail-on", "never", cwd=tmp_path).returncode == 0


def test_select_and_ignore(tmp_path, run_cli):
    write(tmp_path, "a.txt", EN + "The the council met again.\n")
    r = run_cli("a.txt", "--no-lt", "--select", "common.repeated-word", "--format", "json", cwd=tmp_path)
    assert {f["rule"] for f in json.loads(r.stdout)} == {"common.repeated-word"}
    r = run_cli("a.txt", "--no-lt", "--ignore", "common", "--format", "json", cwd=tmp_path)
    assert not [f for f in json.loads(r.stdout) if f["rule"].startswith("common.")]


def test_language_is_detected_per_document(tmp_path, run_cli):
    write(tmp_path, "es.txt", ES)
    write(tmp_path, "en.txt", EN)
    r = run_cli(".", "--no-lt", "--format", "json", "-v", cwd=tmp_path)
    rules = {(f["path"], f["rule"]) for f in json.loads(r.stdout)}
    assert ("es.txt", "es.capitalised-month-day") in rules
    assert ("es.txt", "common.collapsed-coordination") in rules
    assert not any(p == "en.txt" and rule.startswith("es.") for p, rule in rules)
    assert "[text, es," in r.stderr and "[text, en," in r.stderr


def test_lang_option_overrides_detection(tmp_path, run_cli):
    write(tmp_path, "es.txt", ES)
    r = run_cli("es.txt", "--no-lt", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert not [f for f in json.loads(r.stdout) if f["rule"].startswith("es.")]


def test_source_lang_turns_on_pair_packs(tmp_path, run_cli):
    write(tmp_path, "a.txt", "The unions, for their part, rejected the offer made by the company.\n")
    without = json.loads(run_cli("a.txt", "--no-lt", "--format", "json", cwd=tmp_path).stdout)
    with_src = json.loads(run_cli("a.txt", "--no-lt", "--source-lang", "es", "--format", "json", cwd=tmp_path).stdout)
    assert not [f for f in without if f["rule"].startswith("es-en.")]
    assert [f for f in with_src if f["rule"] == "es-en.for-their-part"]


def test_extra_rule_pack(tmp_path, run_cli):
    write(tmp_path, "packs/house/banned-word.yml", """
id: house.banned-word
type: substitution
languages: [en]
category: Terminology/Inappropriate for context
severity: major
message: "House style: '{suggestion}', not '{match}'."
swap: {utilize: use}
examples:
  - bad: "We [[utilize]] it."
  - good: "We use it."
""")
    write(tmp_path, "a.txt", "Reporters utilize the archive every day of the working week.\n")
    r = run_cli("a.txt", "--no-lt", "--rules", "packs", "--format", "json", cwd=tmp_path)
    found = [f for f in json.loads(r.stdout) if f["rule"] == "house.banned-word"]
    assert found and found[0]["suggestions"] == ["use"]


def test_markdown_and_html_positions_in_original_file(tmp_path, run_cli):
    md = "# Notes\n\nSome `rifles and rifles` code, then\nofficials seized rifles and rifles.\n"
    write(tmp_path, "a.md", md)
    html = "<html><body><p>Officials <b>seized</b> rifles and rifles.</p><code>x and x</code></body></html>\n"
    write(tmp_path, "b.html", html)
    data = json.loads(run_cli("a.md", "--no-lt", "b.html", "--lang", "en", "--format", "json", cwd=tmp_path).stdout)
    coord = [f for f in data if f["rule"] == "common.collapsed-coordination"]
    assert len(coord) == 2
    by_path = {f["path"]: f for f in coord}
    assert md[by_path["a.md"]["start"]:by_path["a.md"]["end"]] == "rifles and rifles"
    assert by_path["a.md"]["line"] == 4
    assert html[by_path["b.html"]["start"]:by_path["b.html"]["end"]] == "rifles and rifles"


def test_rules_command_lists_rules(run_cli):
    r = run_cli("rules")
    assert r.returncode == 0
    assert "common.collapsed-coordination" in r.stdout
    assert int(r.stderr.split()[0]) >= 40


def test_no_progress_bar_when_piped(tmp_path, run_cli):
    for i in range(15):
        write(tmp_path, f"d/{i}.txt", EN)
    r = run_cli("d", "--no-lt", "--format", "json", cwd=tmp_path)
    assert "checking" not in r.stderr
    assert len({f["path"] for f in json.loads(r.stdout)}) == 15


def test_rule_results_are_cached_and_invalidated(tmp_path, run_cli):
    doc = write(tmp_path, "a.txt", EN)
    env = {"MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("a.txt", "--no-lt", "--format", "json", cwd=tmp_path, env=env)
    assert (tmp_path / "cache" / "rules.sqlite3").is_file()
    second = run_cli("a.txt", "--no-lt", "--format", "json", cwd=tmp_path, env=env)
    assert json.loads(first.stdout) == json.loads(second.stdout) != []
    doc.write_text(EN.replace("rifles and rifles", "knives and knives"))
    third = json.loads(run_cli("a.txt", "--no-lt", "--format", "json", cwd=tmp_path, env=env).stdout)
    assert third and third[0]["suggestions"] == ["knives"]
    # a changed rule file is a miss too
    pack = tmp_path / "house"
    write(pack, "word.yml", "id: house.word\ntype: substitution\ncategory: Style/Awkward\nseverity: minor\n"
                            "message: m\nswap: {port: harbour}\n")
    fourth = json.loads(run_cli("a.txt", "--no-lt", "--rules", "house", "--format", "json", cwd=tmp_path, env=env).stdout)
    assert "house.word" in {f["rule"] for f in fourth}
    (pack / "word.yml").write_text((pack / "word.yml").read_text().replace("port: harbour", "council: board"))
    fifth = json.loads(run_cli("a.txt", "--no-lt", "--rules", "house", "--format", "json", cwd=tmp_path, env=env).stdout)
    assert [f["suggestions"] for f in fifth if f["rule"] == "house.word"] == [["board"]]


def test_unknown_selector_is_warned(tmp_path, run_cli):
    write(tmp_path, "a.txt", EN)
    r = run_cli("a.txt", "--no-lt", "--select", "commn.repeated-word", cwd=tmp_path)
    assert "--select 'commn.repeated-word' matches no rule" in r.stderr


def test_malformed_language_code_is_a_usage_error(tmp_path, run_cli):
    write(tmp_path, "a.txt", EN)
    r = run_cli("a.txt", "--no-lt", "--lang", "english", cwd=tmp_path)
    assert r.returncode == 2 and "'english' is not a language code" in r.stderr
