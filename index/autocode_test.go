package index

import (
	"context"
	"slices"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

func TestAutocode(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		unit  Unit
		query string
		want  []string // the quotes coded, in document order
	}{
		{UnitMatch, `"zorg voor de patiënten"`, []string{"zorg voor de patiënten"}},
		{UnitMatch, "organiseren -speaker:interviewer", []string{"organiseerden", "organiseer"}},
		{UnitSentence, "subsidie", []string{"De subsidie hielp."}},
		{UnitSentence, "reünie", []string{"Het kostte €12 en 🙂 we organiseerden een reünie met de coöperaties."}},
		{UnitSentence, `"leerde"`, []string{"Ik leerde veel – in het café, met ’t team."}},
		{UnitTurn, "verbinding", []string{"Verbindingen maken is belangrijk; een verbinding zoeken kost tijd."}},
	} {
		t.Run(string(tc.unit)+" "+tc.query, func(t *testing.T) {
			f := newFixture(t)
			ix := f.open(t)
			code, err := f.p.AddCode(ctx, 0, "Auto", "", "")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Autocode(ctx, f.p, ix, tc.query, code.ID, tc.unit)
			if err != nil {
				t.Fatal(err)
			}
			codings, _ := f.p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
			var got []string
			for _, c := range codings {
				got = append(got, c.Text)
			}
			if !slices.Equal(got, tc.want) || res.Coded != len(tc.want) {
				t.Errorf("coded %q (%+v), want %q", got, res, tc.want)
			}
			// Again: everything is skipped, no new step.
			again, err := Autocode(ctx, f.p, ix, tc.query, code.ID, tc.unit)
			if err != nil || again.Coded != 0 || again.Skipped != len(tc.want) {
				t.Errorf("second run: %+v, %v; want all skipped", again, err)
			}
			// One undo removes them all, and the index follows.
			step, _, _ := f.p.UndoStep(ctx)
			if _, err := f.p.Undo(ctx); err != nil {
				t.Fatal(err)
			}
			if left, _ := f.p.Codings(ctx, model.CodingFilter{CodeID: code.ID}); len(left) != 0 {
				t.Errorf("undo of %q left %d codings", step.Label, len(left))
			}
			if err := ix.Update(ctx); err != nil {
				t.Fatal(err)
			}
			if n := hitCount(t, ix, "code:auto"); n != 0 {
				t.Errorf("index still has %d passages coded Auto after undo", n)
			}
		})
	}
}

// TestAutocodeInsideCoding checks that matches inside a coding with the code
// (a turn coded so) are skipped, not stacked, and counted as already coded.
func TestAutocodeInsideCoding(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ix := f.open(t)
	code, err := f.p.AddCode(ctx, 0, "Auto", "", "")
	if err != nil {
		t.Fatal(err)
	}
	turn, err := Autocode(ctx, f.p, ix, "verbinding", code.ID, UnitTurn)
	if err != nil || turn.Coded != 1 || turn.Passages != 1 {
		t.Fatalf("coding the turn: %+v, %v", turn, err)
	}
	res, err := Autocode(ctx, f.p, ix, "verbinding OR subsidie", code.ID, UnitMatch)
	if err != nil {
		t.Fatal(err)
	}
	// Verbindingen and verbinding lie in the coded turn; subsidie does not.
	if want := (AutocodeResult{Hits: 2, Spans: 3, Coded: 1, Passages: 1, Skipped: 2, Inside: 2}); res != want {
		t.Errorf("matches in the coded turn: %+v, want %+v", res, want)
	}
	codings, _ := f.p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
	var got []string
	for _, c := range codings {
		got = append(got, c.Text)
	}
	if want := []string{"subsidie", "Verbindingen maken is belangrijk; een verbinding zoeken kost tijd."}; !slices.Equal(got, want) {
		t.Errorf("codings %q, want %q", got, want)
	}
}

func TestParseUnit(t *testing.T) {
	for in, want := range map[string]Unit{"match": UnitMatch, "": UnitMatch, "Sentence": UnitSentence, "turn": UnitTurn, "paragraph": UnitTurn} {
		if got, err := ParseUnit(in); err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseUnit("chapter"); err == nil {
		t.Error("ParseUnit(chapter) did not fail")
	}
}
