package model

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// dump renders every undoable table, row by row, so two states compare as
// strings.
func dump(t testing.TB, p *Project) string {
	t.Helper()
	var b strings.Builder
	for _, table := range undoTables {
		rows, err := p.db.Query("SELECT rowid, * FROM " + table + " ORDER BY rowid")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "## %s\n", table)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

var sampleTexts = []string{
	"Interviewer: Wat heb je geleerd?\nAna: Dat je moet delen wat je leert, ook als het misgaat. Café, reünie, coöperatie: €5.\n",
	"Roelant: Patronen doorbreken doe je door nieuwe verbindingen te leggen 🙂.\nInterviewer: En dan?\nRoelant: Dan ontstaat er een nieuw gesprek.\n",
	"A paragraph without speakers.\n\nAnother one, with “quotes” and ’apostrophes’.\n",
}

// errGiveUp is what a random group returns to be rolled back.
var errGiveUp = errors.New("given up")

// randomOp performs one random action of any kind. It returns false when the
// action was refused (a refused action must change nothing). One kind is a
// group of two or three random actions, which may itself be refused, hold
// groups, or give up and roll everything back.
func randomOp(ctx context.Context, t *testing.T, p *Project, r *rand.Rand, n int) bool {
	t.Helper()
	docs, _ := p.Documents(ctx)
	codes, _ := p.Codes(ctx)
	codings, _ := p.Codings(ctx, CodingFilter{})
	pickDoc := func() Document { return docs[r.IntN(len(docs))] }
	pickCode := func() Code { return codes[r.IntN(len(codes))] }
	var err error
	switch op := r.IntN(20); {
	case op == 0 || len(docs) == 0:
		text := sampleTexts[r.IntN(len(sampleTexts))] + fmt.Sprintf("Ana: versie %d.\n", n)
		nd := NewDocument{Name: fmt.Sprintf("doc%d.txt", r.IntN(5)), Text: text, Format: "txt"}
		start := 0
		for i, line := range strings.SplitAfter(text, "\n") {
			l := len([]rune(line))
			if l > 1 {
				sp := ""
				if k := strings.Index(line, ":"); k > 0 && i%2 == 0 {
					sp = line[:k]
				}
				nd.Turns = append(nd.Turns, NewTurn{Start: start, End: start + l - 1, Speaker: sp})
			}
			start += l
		}
		nd.Attributes = []Attribute{{"date", "2014-07-15"}}
		_, err = p.ImportDocument(ctx, nd)
	case op == 1 || len(codes) == 0:
		parent := int64(0)
		if len(codes) > 0 && r.IntN(2) == 0 {
			parent = pickCode().ID
		}
		_, err = p.AddCode(ctx, parent, fmt.Sprintf("code %d", r.IntN(30)), "", "beschrijving")
	case op == 2:
		err = p.EditCode(ctx, pickCode().ID, CodeEdit{Name: ptr(fmt.Sprintf("code %d", r.IntN(30))), Color: ptr("#123ABC")})
	case op == 3:
		err = p.MoveCode(ctx, pickCode().ID, []int64{0, pickCode().ID}[r.IntN(2)])
	case op == 4:
		err = p.MergeCode(ctx, pickCode().ID, pickCode().ID)
	case op == 5:
		err = p.DeleteCode(ctx, pickCode().ID)
	case op == 6 && len(docs) > 1:
		err = p.DeleteDocument(ctx, pickDoc().ID)
	case op <= 9:
		d := pickDoc()
		s := r.IntN(d.Chars - 1)
		_, err = p.ApplyCode(ctx, pickCode().ID, Span{d.ID, s, s + 1 + r.IntN(d.Chars-s-1)})
	case op == 10 && len(codings) > 0:
		err = p.RemoveCoding(ctx, codings[r.IntN(len(codings))].ID)
	case op == 11:
		kinds := []MemoKind{ProjectMemo, DocumentMemo, CodeMemo}
		ids := []int64{0, pickDoc().ID, pickCode().ID}
		k := r.IntN(3)
		err = p.SetMemo(ctx, kinds[k], ids[k], fmt.Sprintf("memo %d ’€", n))
	case op == 12 && len(codings) > 0:
		err = p.SetMemo(ctx, CodingMemo, codings[r.IntN(len(codings))].ID, fmt.Sprintf("coding memo %d", n))
	case op == 13:
		cases, _ := p.Cases(ctx)
		if len(cases) > 0 {
			err = p.SetCaseAttribute(ctx, cases[r.IntN(len(cases))].ID, []string{"rol", "leeftijd"}[r.IntN(2)], []string{"", "beleidsmaker", "42"}[r.IntN(3)])
		}
	case op == 14:
		sp, _ := p.Speakers(ctx, 0)
		if len(sp) > 0 {
			err = p.MarkInterviewers(ctx, []int64{sp[r.IntN(len(sp))].ID}, r.IntN(2) == 0)
		}
	case op == 15:
		d := pickDoc()
		spans := []Span{{d.ID, 0, 1}, {d.ID, 2, 5}, {d.ID, 0, d.Chars}}
		_, err = p.ApplyCodes(ctx, pickCode().ID, spans)
	case op == 16 && len(codings) > 0:
		err = p.SetKeyQuote(ctx, []int64{codings[r.IntN(len(codings))].ID}, r.IntN(3) > 0)
	case op == 17:
		text := []string{"", "Samenvatting ’€", fmt.Sprintf("summary %d", n)}[r.IntN(3)]
		err = p.SetSummary(ctx, pickDoc().ID, pickCode().ID, text)
	case op == 18:
		names := []string{"Ana", "ana", "Roelant van Zevenbergen"}
		if r.IntN(3) == 0 {
			err = p.RemovePseudonym(ctx, names[r.IntN(3)])
		} else {
			err = p.SetPseudonym(ctx, names[r.IntN(3)], fmt.Sprintf("Deelnemer %d", r.IntN(3)))
		}
	case op == 19:
		err = p.Group(ctx, fmt.Sprintf("group %d", n), func(ctx context.Context) error {
			for range 2 + r.IntN(2) {
				randomOp(ctx, t, p, r, n)
			}
			if r.IntN(4) == 0 {
				return errGiveUp
			}
			return nil
		})
	default:
		err = p.RenameDocument(ctx, pickDoc().ID, fmt.Sprintf("renamed %d.txt", r.IntN(4)))
	}
	if err != nil && !errors.Is(err, ErrDuplicate) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) && !errors.Is(err, errGiveUp) {
		t.Fatalf("operation failed unexpectedly: %v", err)
	}
	return err == nil
}

func TestUndoRedoRandomHistory(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			p := newProject(t, "nl")
			r := rand.New(rand.NewPCG(seed, 42))
			start := dump(t, p)
			steps := 0
			for i := 0; i < 200; i++ {
				before := dump(t, p)
				last, _, _ := p.UndoStep(ctx)
				if !randomOp(ctx, t, p, r, i) {
					if after := dump(t, p); after != before {
						t.Fatalf("a refused operation changed the project")
					}
					continue
				}
				steps++
				// One action, groups included, is one step: one undo
				// takes it all back, one redo brings it all again.
				if s, ok, _ := p.UndoStep(ctx); ok && s.ID != last.ID {
					after := dump(t, p)
					if _, err := p.Undo(ctx); err != nil {
						t.Fatalf("undo %q: %v", s.Label, err)
					}
					if got := dump(t, p); got != before {
						t.Fatalf("one undo of %q did not restore the project:\n%s", s.Label, firstDiff(before, got))
					}
					if _, err := p.Redo(ctx); err != nil {
						t.Fatalf("redo %q: %v", s.Label, err)
					}
					if got := dump(t, p); got != after {
						t.Fatalf("one redo of %q did not bring it back:\n%s", s.Label, firstDiff(after, got))
					}
				}
			}
			end := dump(t, p)
			if _, ok, _ := p.RedoStep(ctx); ok {
				t.Fatal("redo available after new actions")
			}
			undone := 0
			for {
				if _, err := p.Undo(ctx); errors.Is(err, ErrNothingToUndo) {
					break
				} else if err != nil {
					t.Fatalf("undo %d: %v", undone+1, err)
				}
				undone++
			}
			t.Logf("%d successful actions, %d undo steps", steps, undone)
			if undone < steps/2 {
				t.Errorf("undid %d steps of %d successful actions", undone, steps)
			}
			if got := dump(t, p); got != start {
				t.Fatalf("after undoing everything the project differs from the start:\n%s", firstDiff(start, got))
			}
			redone := 0
			for {
				if _, err := p.Redo(ctx); errors.Is(err, ErrNothingToRedo) {
					break
				} else if err != nil {
					t.Fatalf("redo %d: %v", redone+1, err)
				}
				redone++
			}
			if redone != undone {
				t.Errorf("redid %d steps, undid %d", redone, undone)
			}
			if got := dump(t, p); got != end {
				t.Fatalf("after redoing everything the project differs from the end:\n%s", firstDiff(end, got))
			}
			if res, _ := p.IntegrityCheck(ctx); res != "ok" {
				t.Errorf("integrity_check: %s", res)
			}
			// Every statement the history holds is one undo and redo run.
			if rep, err := p.Check(ctx); err != nil || len(rep.Undo) > 0 {
				t.Errorf("the check of the undo history: %v, %v", rep.Undo, err)
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, a, b)
		}
	}
	return ""
}

func TestUndoSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "en")
	path := p.Path()
	c, _ := p.AddCode(ctx, 0, "Share what you learn", "", "")
	p.Close()
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s, err := p.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Add code “Share what you learn”"; s.Label != want {
		t.Errorf("undo label: got %q, want %q", s.Label, want)
	}
	if _, err := p.FindCode(ctx, "Share what you learn"); !errors.Is(err, ErrNotFound) {
		t.Errorf("code still there after undo: %v", err)
	}
	p.Close()
	p, _ = Open(ctx, path)
	if _, err := p.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := p.FindCode(ctx, "Share what you learn"); err != nil || got.ID != c.ID {
		t.Errorf("redo after restart: %+v, %v", got, err)
	}
}

func TestUndoDepth(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	p := newProject(t, "en")
	c, _ := p.AddCode(ctx, 0, "c", "", "")
	for i := 0; i < 1100; i++ {
		if err := p.SetMemo(ctx, CodeMemo, c.ID, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1099; i >= 0; i-- {
		if _, err := p.Undo(ctx); err != nil {
			t.Fatalf("undo at depth %d: %v", 1100-i, err)
		}
	}
	if m, _ := p.Memo(ctx, CodeMemo, c.ID); m != "" {
		t.Errorf("memo after 1,100 undos: %q, want empty", m)
	}
}

// TestUndoLabelsForAWindow checks that a step keeps its label as a message
// a window translates, beside the English text, after a restart too; and
// that a label with a number says one in its own form.
func TestUndoLabelsForAWindow(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "en")
	path := p.Path()
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "Ana.txt", Format: "txt", Text: "Het begint bij motivatie."})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := p.AddCode(ctx, 0, "Motivatie", "", "")
	tests := []struct {
		spans []Span
		text  string
		count string
	}{
		{[]Span{{DocID: doc.ID, Start: 0, End: 3}}, "Code a passage with “Motivatie”", "1"},
		{[]Span{{DocID: doc.ID, Start: 4, End: 11}, {DocID: doc.ID, Start: 16, End: 24}}, "Code 2 passages with “Motivatie”", "2"},
	}
	for _, tt := range tests {
		if _, err := p.ApplyCodes(ctx, c.ID, tt.spans); err != nil {
			t.Fatal(err)
		}
		p.Close()
		if p, err = Open(ctx, path); err != nil {
			t.Fatal(err)
		}
		s, ok, err := p.UndoStep(ctx)
		if err != nil || !ok {
			t.Fatalf("no undo step: %v", err)
		}
		want := Step{ID: s.ID, Label: tt.text, Key: "Code {{.Count}} passages with “{{.Code}}”", Args: map[string]string{"Count": tt.count, "Code": "Motivatie"}}
		if s.Label != want.Label || s.Key != want.Key || fmt.Sprint(s.Args) != fmt.Sprint(want.Args) {
			t.Errorf("step %+v, want %+v", s, want)
		}
	}
	// A group named in English only has no key: a window shows its text.
	if err := p.Group(ctx, "Tidy up", func(ctx context.Context) error { return p.SetMemo(ctx, CodeMemo, c.ID, "memo") }); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := p.UndoStep(ctx); s.Label != "Tidy up" || s.Key != "" || s.Args != nil {
		t.Errorf("a group's plain label: %+v", s)
	}
	p.Close()
}

// TestMemoLabelsForAWindow: a memo's undo step carries its template and
// parts, also after an editor's later saves amend the step, and across a
// restart.
func TestMemoLabelsForAWindow(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	path := p.Path()
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "Ana.txt", Format: "txt", Text: "Ana: Het begint bij motivatie."})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := p.AddCode(ctx, 0, "Motivatie", "", "")
	var s MemoSession
	for _, typed := range []string{"Ana", "Ana begint", ""} {
		if err := p.SetMemoContinuing(ctx, DocumentMemo, doc.ID, typed, &s); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.SetMemo(ctx, CodeMemo, c.ID, "Waarom iemand begint"); err != nil {
		t.Fatal(err)
	}
	p.Close()
	if p, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	want := []Step{
		{Label: "Edit the memo of code “Motivatie”", Key: "Edit the memo of code “{{.Code}}”", Args: map[string]string{"Code": "Motivatie"}},
		// The session's last save emptied the memo: the amended step says so.
		{Label: "Clear the memo of Ana.txt", Key: "Clear the memo of {{.Document}}", Args: map[string]string{"Document": "Ana.txt"}},
	}
	for _, w := range want {
		step, err := p.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if step.Label != w.Label || step.Key != w.Key || fmt.Sprint(step.Args) != fmt.Sprint(w.Args) {
			t.Errorf("undone %+v, want %+v", step, w)
		}
	}
}
