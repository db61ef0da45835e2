package model

import (
	"context"
	"errors"
	"testing"
)

func TestRecodeCoding(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	id := f.coding(t, ctx)
	if err := f.p.SetMemo(ctx, CodingMemo, id, "mooi citaat"); err != nil {
		t.Fatal(err)
	}
	if err := f.p.SetKeyQuote(ctx, []int64{id}, true); err != nil {
		t.Fatal(err)
	}
	before, err := f.p.Coding(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	n := steps(t, f.p)

	if err := f.p.RecodeCoding(ctx, id, f.mot.ID); err != nil {
		t.Fatal(err)
	}
	after, err := f.p.Coding(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := before
	want.CodeID, want.Code = f.mot.ID, f.mot.Name
	if after != want {
		t.Errorf("recoded:\n got %+v\nwant %+v (only the code changed)", after, want)
	}
	if got := steps(t, f.p); got != n+1 {
		t.Errorf("recoding made %d steps, want 1", got-n)
	}
	s, _, err := f.p.UndoStep(ctx)
	if want := "Recode a passage of Ana.txt from “Deel wat je leert” to “Vertrek vanuit motivatie”"; err != nil || s.Label != want {
		t.Errorf("step %q (%v), want %q", s.Label, err, want)
	}

	if _, err := f.p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.p.Coding(ctx, id); got != before {
		t.Errorf("undone:\n got %+v\nwant %+v", got, before)
	}
	if _, err := f.p.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.p.Coding(ctx, id); got != after {
		t.Errorf("redone:\n got %+v\nwant %+v", got, after)
	}

	// The passage coded with the target already: refused, nothing changed.
	if _, err := f.p.ApplyCode(ctx, f.leren.ID, Span{before.DocID, before.Start, before.End}); err != nil {
		t.Fatal(err)
	}
	n = steps(t, f.p)
	tests := []struct {
		name         string
		coding, code int64
		want         error
	}{
		{"the target has the passage", id, f.leren.ID, ErrDuplicate},
		{"its own code", id, f.mot.ID, ErrInvalid},
		{"no such coding", id + 100, f.mot.ID, ErrNotFound},
		{"no such code", id, f.mot.ID + 100, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := f.p.RecodeCoding(ctx, tt.coding, tt.code); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if got, _ := f.p.Coding(ctx, id); got != after {
				t.Errorf("the coding changed: %+v", got)
			}
			if got := steps(t, f.p); got != n {
				t.Errorf("a refused recode left %d steps", got-n)
			}
		})
	}
}
