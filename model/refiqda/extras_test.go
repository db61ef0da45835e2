package refiqda

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// extrasProject is a hand-written project with what lies beyond text
// sources: an audio source with a transcript (sync points, selections from
// one to another, one whose end has no position, a selection in time), a
// video source with a transcript, sets of sources, codes and notes, and
// links. The transcript reads
//
//	Ana: It rained all week.      (0–24; the quote 5–24)
//	Sam: And the trains?          (25–45)
//	Ana: They ran late.           (46–65; the quote 51–65)
const extrasProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="extras" origin="hand-written test">
<Users><User guid="00000000-0000-0000-0000-0000000000a1" name="Sam"/></Users>
<CodeBook><Codes>
<Code guid="11111111-0000-0000-0000-000000000001" name="Weather" isCodable="true"/>
<Code guid="11111111-0000-0000-0000-000000000002" name="Travel" isCodable="true"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="22222222-0000-0000-0000-000000000001" name="notes.txt"><PlainTextContent>Plain notes about the trip.</PlainTextContent></TextSource>
<AudioSource guid="33333333-0000-0000-0000-000000000001" name="Interview Ana" path="relative://ana.m4a">
<Transcript guid="33333333-0000-0000-0000-0000000000f1">
<PlainTextContent>Ana: It rained all week.
Sam: And the trains?
Ana: They ran late.</PlainTextContent>
<SyncPoint guid="44444444-0000-0000-0000-000000000001" timeStamp="1000" position="5"/>
<SyncPoint guid="44444444-0000-0000-0000-000000000002" timeStamp="2500" position="24"/>
<SyncPoint guid="44444444-0000-0000-0000-000000000003" timeStamp="6000" position="51"/>
<SyncPoint guid="44444444-0000-0000-0000-000000000004" timeStamp="7000" position="65"/>
<SyncPoint guid="44444444-0000-0000-0000-000000000005" timeStamp="8000"/>
<TranscriptSelection guid="55555555-0000-0000-0000-000000000001" name="It rained all week." fromSyncPoint="44444444-0000-0000-0000-000000000001" toSyncPoint="44444444-0000-0000-0000-000000000002" creatingUser="00000000-0000-0000-0000-0000000000a1">
<Coding guid="56565656-0000-0000-0000-000000000001"><CodeRef targetGUID="11111111-0000-0000-0000-000000000001"/></Coding>
</TranscriptSelection>
<TranscriptSelection guid="55555555-0000-0000-0000-000000000002" fromSyncPoint="44444444-0000-0000-0000-000000000003" toSyncPoint="44444444-0000-0000-0000-000000000004">
<Description>late again</Description>
<Coding guid="56565656-0000-0000-0000-000000000002"><CodeRef targetGUID="11111111-0000-0000-0000-000000000002"/></Coding>
</TranscriptSelection>
<TranscriptSelection guid="55555555-0000-0000-0000-000000000003" fromSyncPoint="44444444-0000-0000-0000-000000000004" toSyncPoint="44444444-0000-0000-0000-000000000005">
<Coding guid="56565656-0000-0000-0000-000000000003"><CodeRef targetGUID="11111111-0000-0000-0000-000000000002"/></Coding>
</TranscriptSelection>
</Transcript>
<AudioSelection guid="57575757-0000-0000-0000-000000000001" begin="0" end="1000">
<Coding guid="56565656-0000-0000-0000-000000000004"><CodeRef targetGUID="11111111-0000-0000-0000-000000000002"/></Coding>
</AudioSelection>
</AudioSource>
<VideoSource guid="33333333-0000-0000-0000-000000000002" name="Walk" path="relative://walk.mp4">
<Transcript guid="33333333-0000-0000-0000-0000000000f2" name="Walk transcript"><PlainTextContent>Just walking.</PlainTextContent></Transcript>
</VideoSource>
</Sources>
<Notes><Note guid="66666666-0000-0000-0000-000000000001" name="Idea"><PlainTextContent>Trains and rain.</PlainTextContent></Note></Notes>
<Links>
<Link guid="77777777-0000-0000-0000-000000000001" name="causes" direction="OneWay" originGUID="11111111-0000-0000-0000-000000000001" targetGUID="11111111-0000-0000-0000-000000000002"/>
<Link guid="77777777-0000-0000-0000-000000000002" originGUID="55555555-0000-0000-0000-000000000002" targetGUID="66666666-0000-0000-0000-000000000001"/>
</Links>
<Sets>
<Set guid="88888888-0000-0000-0000-000000000001" name="Spring trip"><Description>all of it</Description>
<MemberCode targetGUID="11111111-0000-0000-0000-000000000001"/>
<MemberSource targetGUID="22222222-0000-0000-0000-000000000001"/>
<MemberSource targetGUID="33333333-0000-0000-0000-000000000001"/>
<MemberNote targetGUID="66666666-0000-0000-0000-000000000001"/>
</Set>
<Set guid="88888888-0000-0000-0000-000000000002" name="Rainy"><MemberSource targetGUID="33333333-0000-0000-0000-000000000001"/></Set>
</Sets>
</Project>`

func TestTranscriptsSetsAndLinks(t *testing.T) {
	xmllint(t, []byte(extrasProject), "Project-mrt2019.xsd")
	ctx := context.Background()
	p := newProject(t)
	rep, err := Import(ctx, p, filepath.Join(t.TempDir(), "extras.qde"), []byte(extrasProject), Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(rep.Lines(), "\n")
	docs, _ := p.Documents(ctx)
	byName := map[string]model.Document{}
	for _, d := range docs {
		byName[d.Name] = d
	}

	t.Run("transcripts", func(t *testing.T) {
		ana, ok := byName["Interview Ana (transcript)"]
		if !ok || len(docs) != 3 || byName["Walk transcript"].Chars != len("Just walking.") {
			t.Fatalf("documents %+v; want notes.txt, the two transcripts", docs)
		}
		got, _ := p.Codings(ctx, model.CodingFilter{DocID: ana.ID})
		want := []struct {
			code, text, coder, memo string
			start, end              int
		}{{"Weather", "It rained all week.", "Sam", "", 5, 24}, {"Travel", "They ran late.", "tester", "late again", 51, 65}}
		if len(got) != len(want) {
			t.Fatalf("%d codings on the transcript, want %d: %+v", len(got), len(want), got)
		}
		for i, w := range want {
			g := got[i]
			if g.Code != w.code || g.Text != w.text || g.Start != w.start || g.End != w.end || g.Coder != w.coder || g.Memo != w.memo {
				t.Errorf("coding %d: %s %d–%d %q by %s, memo %q; want %s %d–%d %q by %s, memo %q",
					i, g.Code, g.Start, g.End, g.Text, g.Coder, g.Memo, w.code, w.start, w.end, w.text, w.coder, w.memo)
			}
		}
		for _, l := range []string{
			`not carried: audio "Interview Ana": 1 selections with 1 codings`,
			`not carried: audio "Interview Ana": a transcript selection whose sync points give no text positions (1 codings)`,
			`not carried: video "Walk": 0 selections with 0 codings`,
			`note: audio "Interview Ana": its transcript is the document "Interview Ana (transcript)", with its 2 selections`,
		} {
			if !strings.Contains(lines, l) {
				t.Errorf("the report lacks %q:\n%s", l, lines)
			}
		}
		// The transcript goes out again as a text source, valid.
		_, files := unzip(t, exportBytes(t, p))
		xmllint(t, files["project.qde"], "Project-mrt2019.xsd")
	})

	t.Run("sets", func(t *testing.T) {
		for name, want := range map[string]string{"notes.txt": "Spring trip", "Interview Ana (transcript)": "Spring trip; Rainy", "Walk transcript": ""} {
			attrs, _ := p.DocumentAttributes(ctx, byName[name].ID)
			got := ""
			for _, a := range attrs {
				if a.Key == setAttribute {
					got = a.Value
				}
			}
			if got != want {
				t.Errorf("%s: attribute %s = %q, want %q", name, setAttribute, got, want)
			}
		}
		if l := `not carried: set "Spring trip": 1 codes and 1 notes (Verbatim has no sets of codes or notes)`; !strings.Contains(lines, l) {
			t.Errorf("the report lacks %q:\n%s", l, lines)
		}
	})

	t.Run("links", func(t *testing.T) {
		for _, l := range []string{
			`not carried: link "causes" from code "Weather" to code "Travel" (OneWay) (Verbatim has no links)`,
			`not carried: link from a selection of "Interview Ana (transcript)" to note "Idea" (Verbatim has no links)`,
		} {
			if !strings.Contains(lines, l) {
				t.Errorf("the report lacks %q:\n%s", l, lines)
			}
		}
	})
}

func TestCodebookSetsAreReported(t *testing.T) {
	const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand-written test"><Codes>
<Code guid="11111111-0000-0000-0000-000000000001" name="Weather" isCodable="true"/>
<Code guid="11111111-0000-0000-0000-000000000002" name="Travel" isCodable="true"/>
</Codes><Sets><Set guid="88888888-0000-0000-0000-000000000001" name="Outdoors">
<MemberCode guid="11111111-0000-0000-0000-000000000001"/><MemberCode guid="11111111-0000-0000-0000-000000000002"/>
</Set></Sets></CodeBook>`
	xmllint(t, []byte(qdc), "Codebook-mrt2019.xsd")
	rep, err := Import(context.Background(), newProject(t), "c.qdc", []byte(qdc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := `not carried: set "Outdoors": 2 codes and 0 notes (Verbatim has no sets of codes or notes)`; !strings.Contains(strings.Join(rep.Lines(), "\n"), l) {
		t.Errorf("the report lacks %q:\n%s", l, strings.Join(rep.Lines(), "\n"))
	}
}
