package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSpeakersAndParticipants(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	for name, text := range map[string]string{
		"een.txt":  "S01: Wat doe je?\nS02: Ik leer.\nS01: En verder?\nS02: Ik deel.\nS03: Mag ik iets zeggen?\n",
		"twee.txt": "S01: Wie ben je?\nS02: Bert.\nS01: Dank je.\nS02: Graag gedaan.\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	mustRun(t, env, "import", proj, filepath.Join(dir, "een.txt"), filepath.Join(dir, "twee.txt"))

	var sp []speakerJSON
	json.Unmarshal([]byte(mustRun(t, env, "speakers", proj, "--json")), &sp)
	if len(sp) != 5 {
		t.Fatalf("speakers: %+v", sp)
	}
	mustRun(t, env, "speakers", "mark", proj, "S01")
	mustRun(t, env, "speakers", "rename", proj, "S01", "Lucy")
	mustRun(t, env, "speakers", "rename", proj, "S02", "Ana", "--doc", "een.txt")
	mustRun(t, env, "speakers", "rename", proj, "S02", "Bert", "--doc", "twee.txt")
	mustRun(t, env, "speakers", "merge", proj, "S03", "--into", "S02", "--doc", "een.txt")
	mustRun(t, env, "participants", "set", proj, "Ana", "rol=beleidsmaker")

	json.Unmarshal([]byte(mustRun(t, env, "speakers", proj, "--json")), &sp)
	want := map[string]string{"een.txt/S01": "Lucy", "een.txt/S02": "Ana", "twee.txt/S01": "Lucy", "twee.txt/S02": "Bert"}
	if len(sp) != len(want) {
		t.Errorf("speakers after rename and merge: %+v", sp)
	}
	for _, s := range sp {
		if want[s.Document+"/"+s.Label] != s.Participant || s.Interviewer != (s.Label == "S01") {
			t.Errorf("speaker %+v", s)
		}
	}
	var turns []turnJSON
	json.Unmarshal([]byte(mustRun(t, env, "speakers", proj, "--doc", "een.txt", "--turns", "--json")), &turns)
	if len(turns) != 5 || turns[4].Speaker != "S02" || turns[4].Text != "S03: Mag ik iets zeggen?" {
		t.Errorf("turns: %+v", turns)
	}
	mustRun(t, env, "speakers", "split", proj, "S02", "--doc", "een.txt", "--turns", "5", "--as", "Gast")
	json.Unmarshal([]byte(mustRun(t, env, "speakers", proj, "--doc", "een.txt", "--turns", "--json")), &turns)
	if turns[4].Speaker != "Gast" {
		t.Errorf("after split: %+v", turns[4])
	}
	var ps []participantJSON
	json.Unmarshal([]byte(mustRun(t, env, "participants", proj, "--json")), &ps)
	names := map[string]participantJSON{}
	for _, p := range ps {
		names[p.Name] = p
	}
	if len(ps) != 4 || names["Ana"].Attributes["rol"] != "beleidsmaker" || names["Lucy"].Speakers != 2 {
		t.Errorf("participants: %+v", ps)
	}
	if code, _, errOut := run(t, env, "speakers", "rename", proj, "S09", "X"); code != 1 || errOut != "verbatim: speaker \"S09\" in any document: not found\n" {
		t.Errorf("unknown speaker: %d %q", code, errOut)
	}
}
