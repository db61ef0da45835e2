package model

import (
	"context"
	"maps"
	"testing"
)

func TestMemos(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	a, _ := p.AddCode(ctx, 0, "A", "", "")
	b, _ := p.AddCode(ctx, 0, "B", "", "")
	p.AddCode(ctx, 0, "C", "", "")
	if err := p.SetMemo(ctx, CodeMemo, a.ID, "over leren"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, CodeMemo, b.ID, "coöperatie"); err != nil {
		t.Fatal(err)
	}
	p.SetMemo(ctx, ProjectMemo, 0, "project")
	for _, tc := range []struct {
		kind MemoKind
		want map[int64]string
	}{
		{CodeMemo, map[int64]string{a.ID: "over leren", b.ID: "coöperatie"}},
		{ProjectMemo, map[int64]string{1: "project"}},
		{DocumentMemo, map[int64]string{}},
	} {
		got, err := p.Memos(ctx, tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("Memos(%s) = %v, want %v", tc.kind, got, tc.want)
		}
	}
	if _, err := p.Memos(ctx, "nonsense"); err == nil {
		t.Error("Memos(nonsense) did not fail")
	}
}
