package model

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// memoOf reads a memo, failing the test when it cannot.
func memoOf(t *testing.T, p *Project, kind MemoKind, id int64) string {
	t.Helper()
	m, err := p.Memo(context.Background(), kind, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// saveAll saves texts one after the other in session s.
func saveAll(t *testing.T, p *Project, kind MemoKind, id int64, s *MemoSession, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if err := p.SetMemoContinuing(context.Background(), kind, id, text, s); err != nil {
			t.Fatalf("save %q: %v", text, err)
		}
	}
}

func TestMemoSessionIsOneStep(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	p.SetMemo(ctx, DocumentMemo, f.doc.ID, "Eerder")
	p.ClearHistory(ctx)

	var s MemoSession
	saveAll(t, p, DocumentMemo, f.doc.ID, &s, "Eerder, en", "Eerder, en later", "Eerder, en later nog meer")
	if got := steps(t, p); got != 1 {
		t.Fatalf("three saves of a session left %d steps, want 1", got)
	}
	if got, want := memoOf(t, p, DocumentMemo, f.doc.ID), "Eerder, en later nog meer"; got != want {
		t.Errorf("memo %q, want %q", got, want)
	}
	if st, _, _ := p.UndoStep(ctx); st.Label != "Edit the memo of Ana.txt" {
		t.Errorf("step %q", st.Label)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := memoOf(t, p, DocumentMemo, f.doc.ID); got != "Eerder" {
		t.Errorf("after undo the memo is %q, want it as before the session, %q", got, "Eerder")
	}
	if _, err := p.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := memoOf(t, p, DocumentMemo, f.doc.ID), "Eerder, en later nog meer"; got != want {
		t.Errorf("after redo the memo is %q, want the session's last save %q", got, want)
	}
	// After a redo the step is the latest again: the session goes on in it.
	saveAll(t, p, DocumentMemo, f.doc.ID, &s, "Eerder, en later nog meer!")
	if got := steps(t, p); got != 1 {
		t.Errorf("a save after redo left %d steps, want 1", got)
	}
	p.Undo(ctx)
	if got := memoOf(t, p, DocumentMemo, f.doc.ID); got != "Eerder" {
		t.Errorf("after the second undo the memo is %q, want %q", got, "Eerder")
	}
}

func TestMemoSessionNewStep(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		// between runs after the session's first save ("een"), before its
		// second ("een twee").
		between   func(f groupFixture, s *MemoSession)
		wantSteps int
		wantUndo  string // the memo after one undo
	}{
		{
			name:      "same session",
			between:   func(groupFixture, *MemoSession) {},
			wantSteps: 1, wantUndo: "",
		},
		{
			name: "another action in between",
			between: func(f groupFixture, _ *MemoSession) {
				f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
			},
			wantSteps: 3, wantUndo: "een",
		},
		{
			name: "its step undone",
			between: func(f groupFixture, _ *MemoSession) {
				f.p.Undo(ctx)
			},
			wantSteps: 1, wantUndo: "",
		},
		{
			name: "another memo's step undone, leaving redo",
			between: func(f groupFixture, _ *MemoSession) {
				f.p.SetMemo(ctx, CodeMemo, f.mot.ID, "motivatie")
				f.p.Undo(ctx)
			},
			wantSteps: 2, wantUndo: "een",
		},
		{
			name: "a new session",
			between: func(_ groupFixture, s *MemoSession) {
				*s = MemoSession{}
			},
			wantSteps: 2, wantUndo: "een",
		},
		{
			name: "the session used for another memo",
			between: func(f groupFixture, s *MemoSession) {
				f.p.SetMemoContinuing(ctx, CodeMemo, f.leren.ID, "leren", s)
			},
			wantSteps: 3, wantUndo: "een",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newGroupFixture(t)
			var s MemoSession
			saveAll(t, f.p, CodeMemo, f.mot.ID, &s, "een")
			tt.between(f, &s)
			saveAll(t, f.p, CodeMemo, f.mot.ID, &s, "een twee")
			if got := steps(t, f.p); got != tt.wantSteps {
				t.Errorf("got %d steps, want %d", got, tt.wantSteps)
			}
			if _, err := f.p.Undo(ctx); err != nil {
				t.Fatal(err)
			}
			if got := memoOf(t, f.p, CodeMemo, f.mot.ID); got != tt.wantUndo {
				t.Errorf("after one undo the memo is %q, want %q", got, tt.wantUndo)
			}
			if _, ok, _ := f.p.RedoStep(ctx); !ok {
				t.Error("nothing to redo after the undo")
			}
		})
	}
}

func TestMemoSessionEveryKind(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	coding, err := f.p.ApplyCode(ctx, f.leren.ID, Span{f.doc.ID, 33, 60})
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := f.p.Cases(ctx)
	f.p.ClearHistory(ctx)
	tests := []struct {
		kind      MemoKind
		id        int64
		wantLabel string
	}{
		{ProjectMemo, 0, "Edit the project memo"},
		{DocumentMemo, f.doc.ID, "Edit the memo of Ana.txt"},
		{CodeMemo, f.leren.ID, "Edit the memo of code “Deel wat je leert”"},
		{CodingMemo, coding.ID, "Edit the memo of a coding of “Deel wat je leert” in Ana.txt"},
		{CaseMemo, cases[0].ID, "Edit the memo of participant " + cases[0].Name},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			before := steps(t, f.p)
			var s MemoSession
			saveAll(t, f.p, tt.kind, tt.id, &s, "a", "ab", "abc")
			if got := steps(t, f.p) - before; got != 1 {
				t.Errorf("a session left %d steps, want 1", got)
			}
			if got := memoOf(t, f.p, tt.kind, tt.id); got != "abc" {
				t.Errorf("memo %q, want %q", got, "abc")
			}
			if st, _, _ := f.p.UndoStep(ctx); st.Label != tt.wantLabel {
				t.Errorf("step %q, want %q", st.Label, tt.wantLabel)
			}
			// Emptied at the end of the session, the step clears the memo.
			saveAll(t, f.p, tt.kind, tt.id, &s, "")
			if st, _, _ := f.p.UndoStep(ctx); st.Label != "Clear"+tt.wantLabel[len("Edit"):] {
				t.Errorf("step after emptying %q", st.Label)
			}
		})
	}
}

func TestMemoSessionUnchangedLeavesNoStep(t *testing.T) {
	f := newGroupFixture(t)
	var s MemoSession
	saveAll(t, f.p, CodeMemo, f.leren.ID, &s, "")
	if got := steps(t, f.p); got != 0 {
		t.Errorf("saving the memo unchanged left %d steps", got)
	}
	saveAll(t, f.p, CodeMemo, f.leren.ID, &s, "nieuw", "nieuw")
	if got := steps(t, f.p); got != 1 {
		t.Errorf("got %d steps, want 1", got)
	}
}

func TestMemoSessionInGroup(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	var s MemoSession
	err := f.p.Group(ctx, "Two memos", func(ctx context.Context) error {
		if err := f.p.SetMemoContinuing(ctx, CodeMemo, f.leren.ID, "leren", &s); err != nil {
			return err
		}
		return f.p.SetMemo(ctx, CodeMemo, f.mot.ID, "motivatie")
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := f.p.UndoStep(ctx); steps(t, f.p) != 1 || st.Label != "Two memos" {
		t.Errorf("%d steps, the latest %q", steps(t, f.p), st.Label)
	}
}

func TestMemoSessionRefused(t *testing.T) {
	f := newGroupFixture(t)
	var s MemoSession
	if err := f.p.SetMemoContinuing(context.Background(), CodeMemo, 999, "x", &s); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing code: got %v, want ErrNotFound", err)
	}
	if err := f.p.SetMemoContinuing(context.Background(), "speaker", 1, "x", &s); !errors.Is(err, ErrInvalid) {
		t.Errorf("a bad kind: got %v, want ErrInvalid", err)
	}
	// The code goes after the session's first save: the next save says so.
	saveAll(t, f.p, CodeMemo, f.leren.ID, &s, "leren")
	f.p.db.Exec("DELETE FROM codes WHERE id = ?", f.leren.ID)
	if err := f.p.SetMemoContinuing(context.Background(), CodeMemo, f.leren.ID, "leren!", &s); !errors.Is(err, ErrNotFound) {
		t.Errorf("a code deleted during the session: got %v, want ErrNotFound", err)
	}
}

func TestMemoSessionChangesTheDocument(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	var s MemoSession
	saveAll(t, f.p, DocumentMemo, f.doc.ID, &s, "een")
	since, _ := f.p.Revision(ctx)
	saveAll(t, f.p, DocumentMemo, f.doc.ID, &s, "een twee")
	docs, _, all, err := f.p.ChangedDocuments(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if all || !slices.Equal(docs, []int64{f.doc.ID}) {
		t.Errorf("changed after a save within the step: %v (all %v), want [%d]", docs, all, f.doc.ID)
	}
}
