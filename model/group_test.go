package model

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// groupFixture is a project with one document and two codes, its history
// cleared, so that every step a test sees is its own.
type groupFixture struct {
	p          *Project
	doc        Document
	leren, mot Code
}

func newGroupFixture(t *testing.T) groupFixture {
	t.Helper()
	ctx := context.Background()
	p := newProject(t, "nl")
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "Ana.txt", Format: "txt", Text: sampleTexts[0],
		Turns: []NewTurn{{Start: 0, End: 32, Speaker: "Interviewer"}, {Start: 33, End: 120, Speaker: "Ana"}}})
	if err != nil {
		t.Fatal(err)
	}
	leren, _ := p.AddCode(ctx, 0, "Deel wat je leert", "", "")
	mot, _ := p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "", "")
	if err := p.ClearHistory(ctx); err != nil {
		t.Fatal(err)
	}
	return groupFixture{p, doc, leren, mot}
}

// steps counts the steps Undo can take.
func steps(t *testing.T, p *Project) int {
	t.Helper()
	var n int
	if err := p.db.QueryRow("SELECT count(*) FROM undo_steps WHERE undone = 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var errStop = errors.New("stop")

func TestGroupIsOneStep(t *testing.T) {
	tests := []struct {
		name      string
		label     string
		fn        func(ctx context.Context, f groupFixture) error
		wantErr   error
		wantSteps int    // steps the group leaves: 0 or 1
		wantLabel string // the step's label
	}{
		{
			name:  "coding, its memo and key quote",
			label: "Code a passage with a memo",
			fn: func(ctx context.Context, f groupFixture) error {
				c, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
				if err != nil {
					return err
				}
				if err := f.p.SetMemo(ctx, CodingMemo, c.ID, "sterk citaat"); err != nil {
					return err
				}
				return f.p.SetKeyQuote(ctx, []int64{c.ID}, true)
			},
			wantSteps: 1, wantLabel: "Code a passage with a memo",
		},
		{
			name:  "nested groups join the outer one",
			label: "Outer",
			fn: func(ctx context.Context, f groupFixture) error {
				c, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
				if err != nil {
					return err
				}
				if err := f.p.Group(ctx, "Inner", func(ctx context.Context) error {
					return f.p.SetMemo(ctx, CodingMemo, c.ID, "binnen")
				}); err != nil {
					return err
				}
				return f.p.SetSummary(ctx, f.doc.ID, f.leren.ID, "Ana deelt.")
			},
			wantSteps: 1, wantLabel: "Outer",
		},
		{
			name:  "a failing nested group rolls back only itself",
			label: "Outer",
			fn: func(ctx context.Context, f groupFixture) error {
				if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60}); err != nil {
					return err
				}
				err := f.p.Group(ctx, "Inner", func(ctx context.Context) error {
					if _, err := f.p.ApplyCode(ctx, f.mot.ID, Span{f.doc.ID, 0, 5}); err != nil {
						return err
					}
					return errStop
				})
				if !errors.Is(err, errStop) {
					return err
				}
				if got, _ := f.p.Codings(ctx, CodingFilter{CodeID: f.mot.ID}); len(got) != 0 {
					return errors.New("the failed inner group's coding is still there")
				}
				return nil
			},
			wantSteps: 1, wantLabel: "Outer",
		},
		{
			name:  "a refused call changes nothing and the group goes on",
			label: "Code twice",
			fn: func(ctx context.Context, f groupFixture) error {
				if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60}); err != nil {
					return err
				}
				if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60}); !errors.Is(err, ErrDuplicate) {
					return errors.New("the same coding twice was not refused")
				}
				if err := f.p.SetMemo(ctx, CodingMemo, 999, "nergens"); !errors.Is(err, ErrNotFound) {
					return errors.New("a memo on a missing coding was not refused")
				}
				_, err := f.p.ApplyCode(ctx, f.mot.ID, Span{f.doc.ID, 33, 60})
				return err
			},
			wantSteps: 1, wantLabel: "Code twice",
		},
		{
			name:  "an empty label takes the first action's",
			label: "",
			fn: func(ctx context.Context, f groupFixture) error {
				c, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
				if err != nil {
					return err
				}
				return f.p.SetMemo(ctx, CodingMemo, c.ID, "memo")
			},
			wantSteps: 1, wantLabel: "Apply “Deel wat je leert”",
		},
		{
			name:  "a failing fn leaves nothing",
			label: "Given up",
			fn: func(ctx context.Context, f groupFixture) error {
				c, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
				if err != nil {
					return err
				}
				if err := f.p.SetMemo(ctx, CodingMemo, c.ID, "weg"); err != nil {
					return err
				}
				if _, err := f.p.AddCode(ctx, 0, "Nieuw", "", ""); err != nil {
					return err
				}
				return errStop
			},
			wantErr: errStop,
		},
		{
			name:  "a refused call returned by fn leaves nothing",
			label: "Refused",
			fn: func(ctx context.Context, f groupFixture) error {
				if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60}); err != nil {
					return err
				}
				return f.p.RenameDocument(ctx, f.doc.ID, " ")
			},
			wantErr: ErrInvalid,
		},
		{
			name:  "a group that changes nothing leaves no step",
			label: "Nothing",
			fn: func(ctx context.Context, f groupFixture) error {
				_, err := f.p.Codes(ctx)
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newGroupFixture(t)
			p := f.p
			before, beforeRev := dump(t, p), must(p.Revision(ctx))
			err := p.Group(ctx, tt.label, func(ctx context.Context) error { return tt.fn(ctx, f) })
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Group: got error %v, want %v", err, tt.wantErr)
			}
			if got := steps(t, p); got != tt.wantSteps {
				t.Errorf("got %d undo steps, want %d", got, tt.wantSteps)
			}
			after := dump(t, p)
			if tt.wantSteps == 0 {
				if after != before {
					t.Errorf("the project changed:\n%s", firstDiff(before, after))
				}
				if tt.wantErr != nil {
					if rev := must(p.Revision(ctx)); rev != beforeRev {
						t.Errorf("got revision %d, want %d as before", rev, beforeRev)
					}
				}
				if _, err := p.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
					t.Errorf("undo: got %v, want ErrNothingToUndo", err)
				}
				return
			}
			if after == before {
				t.Fatal("the group changed nothing")
			}
			s, err := p.Undo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if s.Label != tt.wantLabel {
				t.Errorf("undo: got label %q, want %q", s.Label, tt.wantLabel)
			}
			if got := dump(t, p); got != before {
				t.Errorf("one undo did not restore the project:\n%s", firstDiff(before, got))
			}
			if _, err := p.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
				t.Errorf("second undo: got %v, want ErrNothingToUndo", err)
			}
			if _, err := p.Redo(ctx); err != nil {
				t.Fatal(err)
			}
			if got := dump(t, p); got != after {
				t.Errorf("one redo did not bring the group back:\n%s", firstDiff(after, got))
			}
			if _, err := p.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
				t.Errorf("second redo: got %v, want ErrNothingToRedo", err)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestGroupPanicRollsBack(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	before := dump(t, f.p)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not come through")
			}
		}()
		f.p.Group(ctx, "Panics", func(ctx context.Context) error {
			f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
			panic("boom")
		})
	}()
	if got := dump(t, f.p); got != before {
		t.Errorf("the project changed:\n%s", firstDiff(before, got))
	}
	// The transaction is gone: the project takes the next action at once.
	if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60}); err != nil {
		t.Errorf("an action after the panic: got %v, want none", err)
	}
}

// TestGroupReadsSeeItsWrites reads, inside a group, what the group wrote
// and has not committed: every read method must use the group's
// transaction (another connection would see the project as it was).
func TestGroupReadsSeeItsWrites(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	startRev := must(p.Revision(ctx))
	err := p.Group(ctx, "Everything", func(gctx context.Context) error {
		c, err := p.AddCode(gctx, 0, "Nieuw", "#123456", "")
		if err != nil {
			return err
		}
		g, err := p.ApplyCode(gctx, c.ID, Span{f.doc.ID, 33, 36})
		if err != nil {
			return err
		}
		if err := p.SetMemo(gctx, CodingMemo, g.ID, "memo binnen"); err != nil {
			return err
		}
		if err := p.RenameDocument(gctx, f.doc.ID, "Ana (2014).txt"); err != nil {
			return err
		}
		if err := p.SetSummary(gctx, f.doc.ID, c.ID, "Samenvatting"); err != nil {
			return err
		}
		if err := p.SetPseudonym(gctx, "Ana", "Deelnemer 1"); err != nil {
			return err
		}
		cases, _ := p.Cases(gctx)
		if err := p.SetCaseAttribute(gctx, cases[0].ID, "rol", "docent"); err != nil {
			return err
		}
		if err := p.SetLanguage(gctx, "en"); err != nil {
			return err
		}
		reads := []struct {
			what string
			got  func(ctx context.Context) (string, error)
			want string
		}{
			{"FindCode", func(ctx context.Context) (string, error) { c, err := p.FindCode(ctx, "nieuw"); return c.Name, err }, "Nieuw"},
			{"Codes", func(ctx context.Context) (string, error) { cs, err := p.Codes(ctx); return cs[len(cs)-1].Name, err }, "Nieuw"},
			{"Coding", func(ctx context.Context) (string, error) {
				g, err := p.Coding(ctx, g.ID)
				return g.Text + "|" + g.Memo, err
			}, "Ana|memo binnen"},
			{"Memo", func(ctx context.Context) (string, error) { return p.Memo(ctx, CodingMemo, g.ID) }, "memo binnen"},
			{"Memos", func(ctx context.Context) (string, error) { m, err := p.Memos(ctx, CodingMemo); return m[g.ID], err }, "memo binnen"},
			{"Document", func(ctx context.Context) (string, error) { d, err := p.Document(ctx, f.doc.ID); return d.Name, err }, "Ana (2014).txt"},
			{"FindDocument", func(ctx context.Context) (string, error) {
				d, err := p.FindDocument(ctx, "Ana (2014).txt")
				return d.Name, err
			}, "Ana (2014).txt"},
			{"Documents", func(ctx context.Context) (string, error) { ds, err := p.Documents(ctx); return ds[0].Name, err }, "Ana (2014).txt"},
			{"ThematicSummary", func(ctx context.Context) (string, error) { return p.ThematicSummary(ctx, f.doc.ID, c.ID) }, "Samenvatting"},
			{"Summaries", func(ctx context.Context) (string, error) {
				s, err := p.Summaries(ctx, SummaryFilter{CodeID: c.ID})
				if len(s) != 1 {
					return "", err
				}
				return s[0].Text, err
			}, "Samenvatting"},
			{"Pseudonyms", func(ctx context.Context) (string, error) {
				ps, err := p.Pseudonyms(ctx)
				if len(ps) != 1 {
					return "", err
				}
				return ps[0].Pseudonym, err
			}, "Deelnemer 1"},
			{"Cases", func(ctx context.Context) (string, error) {
				cs, err := p.Cases(ctx)
				for _, c := range cs {
					for _, a := range c.Attributes {
						return a.Value, err
					}
				}
				return "", err
			}, "docent"},
			{"Language", p.Language, "en"},
			{"ChangedDocuments", func(ctx context.Context) (string, error) {
				_, _, all, err := p.ChangedDocuments(ctx, startRev)
				if all {
					return "all", err
				}
				return "some", err
			}, "all"}, // the language changed
		}
		for _, r := range reads {
			got, err := r.got(gctx)
			if err != nil || got != r.want {
				t.Errorf("%s inside the group: got %q (%v), want %q", r.what, got, err, r.want)
			}
		}
		// Outside the group (another connection) nothing shows yet, and
		// reading does not wait for the group.
		if _, err := p.FindCode(ctx, "Nieuw"); !errors.Is(err, ErrNotFound) {
			t.Errorf("FindCode outside the group before it commits: got %v, want ErrNotFound", err)
		}
		if lang, _ := p.Language(ctx); lang != "nl" {
			t.Errorf("Language outside the group before it commits: got %q, want nl", lang)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.FindCode(ctx, "Nieuw"); err != nil || got.Name != "Nieuw" {
		t.Errorf("FindCode after the group: got %+v, %v", got, err)
	}
	if n := steps(t, p); n != 1 {
		t.Errorf("got %d undo steps, want 1", n)
	}
}

func TestGroupRefusesHistoryChanges(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	p.SetMemo(ctx, ProjectMemo, 0, "eerst")
	p.Undo(ctx) // so that Redo has something to do
	p.SetMemo(ctx, ProjectMemo, 0, "tweede")
	err := p.Group(ctx, "Try", func(ctx context.Context) error {
		if err := p.SetMemo(ctx, CodeMemo, f.leren.ID, "binnen"); err != nil {
			return err
		}
		for name, call := range map[string]func(ctx context.Context) error{
			"Undo":         func(ctx context.Context) error { _, err := p.Undo(ctx); return err },
			"Redo":         func(ctx context.Context) error { _, err := p.Redo(ctx); return err },
			"ClearHistory": p.ClearHistory,
		} {
			if err := call(ctx); !errors.Is(err, ErrInAction) {
				t.Errorf("%s inside a group: got %v, want ErrInAction", name, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := steps(t, p); n != 2 {
		t.Errorf("got %d undo steps, want 2 (the memo before and the group)", n)
	}
	if m, _ := p.Memo(ctx, ProjectMemo, 0); m != "tweede" {
		t.Errorf("project memo: got %q, want tweede (nothing undone inside the group)", m)
	}
}

// A context kept after its group ended starts actions of its own.
func TestGroupContextEndsWithGroup(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	var kept context.Context
	if err := f.p.Group(ctx, "Keep", func(ctx context.Context) error {
		kept = ctx
		return f.p.SetMemo(ctx, ProjectMemo, 0, "een")
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.p.SetMemo(kept, ProjectMemo, 0, "twee"); err != nil {
		t.Fatalf("SetMemo with the ended group's context: %v", err)
	}
	if s, _, _ := f.p.UndoStep(ctx); s.Label != "Edit the project memo" {
		t.Errorf("got step %q, want Edit the project memo", s.Label)
	}
	if n := steps(t, f.p); n != 2 {
		t.Errorf("got %d undo steps, want 2", n)
	}
}

// TestGroupWithSettingsOnly: a group that writes only what undo does not
// keep (the coder's name) commits it without leaving a step.
func TestGroupWithSettingsOnly(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	if err := f.p.Group(ctx, "Coder", func(ctx context.Context) error { return f.p.SetCoder(ctx, "Lucy") }); err != nil {
		t.Fatal(err)
	}
	if name, _ := f.p.Coder(ctx); name != "Lucy" {
		t.Errorf("coder: got %q, want Lucy", name)
	}
	if n := steps(t, f.p); n != 0 {
		t.Errorf("got %d undo steps, want 0", n)
	}
}

// TestActionLabels: every action names its step for the Edit menu.
func TestActionLabels(t *testing.T) {
	tests := []struct {
		want string
		do   func(ctx context.Context, f groupFixture) error
	}{
		{"Import Sanne.txt", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.ImportDocument(ctx, NewDocument{Name: "Sanne.txt", Format: "txt", Text: "Sanne: ja.\n"})
			return err
		}},
		{"Import Ana (2).txt", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.ImportDocument(ctx, NewDocument{Name: "Ana.txt", Format: "txt", Text: "Ana: nog een.\n"})
			return err
		}},
		{"Rename Ana.txt to Ana 2014.txt", func(ctx context.Context, f groupFixture) error {
			return f.p.RenameDocument(ctx, f.doc.ID, "Ana 2014.txt")
		}},
		{"Delete document Ana.txt", func(ctx context.Context, f groupFixture) error { return f.p.DeleteDocument(ctx, f.doc.ID) }},
		{"Add code “Nieuw”", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.AddCode(ctx, 0, " Nieuw ", "", "")
			return err
		}},
		{"Add code “Nieuw” and code 2 passages", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.AddCode(ctx, 0, "Nieuw", "", "", Span{f.doc.ID, 0, 4}, Span{f.doc.ID, 5, 9})
			return err
		}},
		{"Rename code “Deel wat je leert” to “Delen”", func(ctx context.Context, f groupFixture) error {
			return f.p.EditCode(ctx, f.leren.ID, CodeEdit{Name: ptr("Delen")})
		}},
		{"Recolour code “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			return f.p.EditCode(ctx, f.leren.ID, CodeEdit{Color: ptr("#000000")})
		}},
		{"Edit the description of code “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			return f.p.EditCode(ctx, f.leren.ID, CodeEdit{Description: ptr("Kennis delen")})
		}},
		{"Edit code “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			return f.p.EditCode(ctx, f.leren.ID, CodeEdit{Name: ptr("Delen"), Color: ptr("#000000")})
		}},
		{"Move code “Deel wat je leert” under “Vertrek vanuit motivatie”", func(ctx context.Context, f groupFixture) error {
			return f.p.MoveCode(ctx, f.leren.ID, f.mot.ID)
		}},
		{"Merge code “Deel wat je leert” into “Vertrek vanuit motivatie”", func(ctx context.Context, f groupFixture) error {
			return f.p.MergeCode(ctx, f.leren.ID, f.mot.ID)
		}},
		{"Delete code “Deel wat je leert”", func(ctx context.Context, f groupFixture) error { return f.p.DeleteCode(ctx, f.leren.ID) }},
		{"Apply “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 0, 4})
			return err
		}},
		{"Code 3 passages with “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.ApplyCodes(ctx, f.leren.ID, []Span{{f.doc.ID, 0, 4}, {f.doc.ID, 5, 9}, {f.doc.ID, 10, 14}, {f.doc.ID, 0, 4}})
			return err
		}},
		{"Code a passage with “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			_, err := f.p.ApplyCodes(ctx, f.leren.ID, []Span{{f.doc.ID, 0, 4}})
			return err
		}},
		{"Remove “Deel wat je leert” from a passage of Ana.txt", func(ctx context.Context, f groupFixture) error {
			return f.p.RemoveCoding(ctx, f.coding(t, ctx))
		}},
		{"Mark a key quote", func(ctx context.Context, f groupFixture) error {
			return f.p.SetKeyQuote(ctx, []int64{f.coding(t, ctx)}, true)
		}},
		{"Edit the project memo", func(ctx context.Context, f groupFixture) error { return f.p.SetMemo(ctx, ProjectMemo, 0, "Studie") }},
		{"Edit the memo of Ana.txt", func(ctx context.Context, f groupFixture) error {
			return f.p.SetMemo(ctx, DocumentMemo, f.doc.ID, "Ana begint")
		}},
		{"Edit the memo of code “Vertrek vanuit motivatie”", func(ctx context.Context, f groupFixture) error {
			return f.p.SetMemo(ctx, CodeMemo, f.mot.ID, "Drive")
		}},
		{"Edit the memo of a coding of “Deel wat je leert” in Ana.txt", func(ctx context.Context, f groupFixture) error {
			return f.p.SetMemo(ctx, CodingMemo, f.coding(t, ctx), "sterk")
		}},
		{"Edit the memo of participant Ana", func(ctx context.Context, f groupFixture) error {
			return f.p.SetMemo(ctx, CaseMemo, f.caseID(t, ctx, "Ana"), "docent")
		}},
		{"Clear the memo of code “Vertrek vanuit motivatie”", func(ctx context.Context, f groupFixture) error {
			f.p.SetMemo(ctx, CodeMemo, f.mot.ID, "Drive")
			return f.p.SetMemo(ctx, CodeMemo, f.mot.ID, " ")
		}},
		{"Edit the thematic summary of Ana.txt for “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			return f.p.SetSummary(ctx, f.doc.ID, f.leren.ID, "Ana deelt")
		}},
		{"Remove the thematic summary of Ana.txt for “Deel wat je leert”", func(ctx context.Context, f groupFixture) error {
			f.p.SetSummary(ctx, f.doc.ID, f.leren.ID, "Ana deelt")
			return f.p.SetSummary(ctx, f.doc.ID, f.leren.ID, "")
		}},
		{"Set rol of Ana to docent", func(ctx context.Context, f groupFixture) error {
			return f.p.SetCaseAttribute(ctx, f.caseID(t, ctx, "Ana"), "rol", "docent")
		}},
		{"Remove rol of Ana", func(ctx context.Context, f groupFixture) error {
			f.p.SetCaseAttribute(ctx, f.caseID(t, ctx, "Ana"), "rol", "docent")
			return f.p.SetCaseAttribute(ctx, f.caseID(t, ctx, "Ana"), "rol", "")
		}},
		{"Mark Ana (Ana.txt) as an interviewer", func(ctx context.Context, f groupFixture) error {
			return f.p.MarkInterviewers(ctx, []int64{f.speaker(t, ctx, "Ana")}, true)
		}},
		{"Mark Interviewer (Ana.txt) as not an interviewer", func(ctx context.Context, f groupFixture) error {
			return f.p.MarkInterviewers(ctx, []int64{f.speaker(t, ctx, "Interviewer")}, false)
		}},
		{"Mark 2 speakers as interviewers", func(ctx context.Context, f groupFixture) error {
			return f.p.MarkInterviewers(ctx, []int64{f.speaker(t, ctx, "Interviewer"), f.speaker(t, ctx, "Ana")}, true)
		}},
		{"Rename speaker Ana to Ana de Boer", func(ctx context.Context, f groupFixture) error {
			return f.p.RenameSpeakers(ctx, []int64{f.speaker(t, ctx, "Ana")}, "Ana de Boer")
		}},
		{"Merge speaker Interviewer into Ana", func(ctx context.Context, f groupFixture) error {
			return f.p.MergeSpeakers(ctx, f.speaker(t, ctx, "Interviewer"), f.speaker(t, ctx, "Ana"))
		}},
		{"Give a turn of Ana to Roelant", func(ctx context.Context, f groupFixture) error {
			turns, _ := f.p.Turns(ctx, f.doc.ID)
			return f.p.SplitSpeaker(ctx, f.speaker(t, ctx, "Ana"), []int64{turns[1].ID}, "Roelant")
		}},
		{"Rename participant Ana to Ana de Boer", func(ctx context.Context, f groupFixture) error {
			return f.p.RenameParticipant(ctx, f.caseID(t, ctx, "Ana"), "Ana de Boer")
		}},
		{"Set the pseudonym of Ana to Deelnemer 1", func(ctx context.Context, f groupFixture) error {
			return f.p.SetPseudonym(ctx, "Ana", "Deelnemer 1")
		}},
		{"Remove the pseudonym of Ana", func(ctx context.Context, f groupFixture) error {
			f.p.SetPseudonym(ctx, "Ana", "Deelnemer 1")
			return f.p.RemovePseudonym(ctx, "ana")
		}},
		{"Change the language to English", func(ctx context.Context, f groupFixture) error { return f.p.SetLanguage(ctx, "en") }},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			ctx := context.Background()
			f := newGroupFixture(t)
			if err := tt.do(ctx, f); err != nil {
				t.Fatal(err)
			}
			s, ok, err := f.p.UndoStep(ctx)
			if err != nil || !ok || s.Label != tt.want {
				t.Errorf("got step %q (%v, %v), want %q", s.Label, ok, err, tt.want)
			}
			if strings.TrimSpace(s.Label) != s.Label || s.Label == "" {
				t.Errorf("label %q is blank or has spaces around it", s.Label)
			}
		})
	}
}

// coding makes a coding of “Deel wat je leert” and returns its id.
func (f groupFixture) coding(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	c, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func (f groupFixture) speaker(t *testing.T, ctx context.Context, label string) int64 {
	t.Helper()
	sp, _ := f.p.Speakers(ctx, f.doc.ID)
	for _, s := range sp {
		if s.Label == label {
			return s.ID
		}
	}
	t.Fatalf("no speaker %s", label)
	return 0
}

func (f groupFixture) caseID(t *testing.T, ctx context.Context, name string) int64 {
	t.Helper()
	cases, _ := f.p.Cases(ctx)
	for _, c := range cases {
		if c.Name == name {
			return c.ID
		}
	}
	t.Fatalf("no participant %s", name)
	return 0
}
