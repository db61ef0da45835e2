package model

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCodesUnderThemselves: a code tree damaged into a loop (A under B
// under A) is shown, checked, moved into, merged into, deleted (and
// undone) and repaired, and nothing goes round for ever.
func TestCodesUnderThemselves(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	path := p.Path()
	var ids []int64
	for _, name := range []string{"A", "B", "C", "D"} {
		c, err := p.AddCode(ctx, 0, name, "", "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	p.Close()
	tamper(t, path, "UPDATE codes SET parent_id = 2 WHERE id = 1", "UPDATE codes SET parent_id = 1 WHERE id = 2")
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	names := func() map[string]int64 {
		codes, err := p.Codes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, c := range codes {
			out[c.Name] = c.ParentID
		}
		return out
	}
	if got := names(); len(got) != 4 || got["A"] != 0 || got["B"] != ids[0] {
		t.Errorf("the codes shown: %v, want all four, A at the top and B under it", got)
	}
	rep, err := p.Check(ctx)
	if err != nil || len(rep.Orphans) != 1 || rep.Orphans[0] != (Finding{Kind: CodesInCycle, Table: "codes", Count: 2, Row: 1}) {
		t.Fatalf("check: %+v, %v; want the two codes under themselves", rep.Orphans, err)
	}
	if got, want := rep.Orphans[0].String(), "2 codes are under themselves (the first is number 1)"; got != want {
		t.Errorf("check says %q, want %q", got, want)
	}
	if err := p.MoveCode(ctx, ids[2], ids[1]); err != nil {
		t.Errorf("moving C under B: %v", err)
	}
	if err := p.MergeCode(ctx, ids[3], ids[1]); err != nil {
		t.Errorf("merging D into B: %v", err)
	}
	if err := p.DeleteCode(ctx, ids[0]); err != nil {
		t.Fatalf("deleting A: %v", err)
	}
	if got := names(); len(got) != 0 {
		t.Errorf("after deleting A, with B and C under it: %v", got)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 3 || got["C"] != ids[1] {
		t.Errorf("after the undo: %v, want A, B and C under B", got)
	}

	fixed := filepath.Join(t.TempDir(), "fixed.verbatim")
	rr, err := Repair(ctx, path, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if len(rr.Lost) != 1 || rr.Lost[0] != (Finding{Kind: CodesMovedToTop, Table: "codes", Count: 1}) {
		t.Errorf("the repair lost %+v, want one code put at the top level", rr.Lost)
	}
	q, err := Open(ctx, fixed)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if rep, err := q.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("the repaired project's check: %+v, %v", rep, err)
	}
}
