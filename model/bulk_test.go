package model

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bulkDocuments are n documents with speakers, attributes and turns, the
// last one a copy of the first (a duplicate).
func bulkDocuments(n int) []NewDocument {
	var out []NewDocument
	for i := range n - 1 {
		text := fmt.Sprintf("Interviewer: Vraag %d?\nAna %d: Antwoord %d, met ’t en €.\n", i, i%3, i)
		q := strings.Index(text, "\n")
		out = append(out, NewDocument{Name: fmt.Sprintf("doc %d.txt", i), Format: "txt", Text: text,
			Attributes: []Attribute{{"datum", "2024"}, {"plaats", fmt.Sprint(i)}},
			Turns:      []NewTurn{{Start: 0, End: q, Speaker: "Interviewer"}, {Start: q + 1, End: len([]rune(text)) - 1, Speaker: fmt.Sprintf("Ana %d", i%3)}}})
	}
	return append(out, out[0])
}

// bulkImport is an import as refiqda makes one: documents, codings with
// coders and memos, GUIDs, and ordinary calls after them that change what
// the bulk calls added.
func bulkImport(ctx context.Context, f groupFixture, n int) error {
	p := f.p
	docs, err := p.ImportDocuments(ctx, bulkDocuments(n))
	if err != nil {
		return err
	}
	code, err := p.AddCode(ctx, 0, "Nieuw", "", "")
	if err != nil {
		return err
	}
	var cs []NewCoding
	for i, d := range docs {
		cs = append(cs, NewCoding{Span: Span{d.ID, 0, 5}, CodeID: code.ID, Coder: fmt.Sprintf("coder %d", i%2), Memo: "memo",
			Created: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)},
			NewCoding{Span: Span{d.ID, 2, 9}, CodeID: f.leren.ID})
	}
	ids, err := p.AddCodings(ctx, cs)
	if err != nil {
		return err
	}
	guids := map[int64]string{}
	for _, id := range ids {
		if id != 0 {
			guids[id] = fmt.Sprintf("guid-%d", id)
		}
	}
	if err := p.SetGUIDs(ctx, GUIDCoding, guids); err != nil {
		return err
	}
	// A GUID the project had is replaced, row by row.
	if err := p.SetGUIDs(ctx, GUIDCode, map[int64]string{f.leren.ID: "new", code.ID: "code"}); err != nil {
		return err
	}
	if err := p.RemoveCoding(ctx, ids[3]); err != nil {
		return err
	}
	if err := p.SetMemo(ctx, DocumentMemo, docs[1].ID, "samenvatting"); err != nil {
		return err
	}
	_, err = p.ApplyCode(ctx, code.ID, Span{docs[2].ID, 1, 4})
	return err
}

func TestBulkImportUndoesAndRedoesExactly(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record int  // maxRowsRecord
		plain  bool // replay the records as plain SQL, as a Verbatim before them does
	}{
		{"one record a table", 16 << 20, false},
		{"small records", 300, false},
		{"plain SQL", 16 << 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := maxRowsRecord
			t.Cleanup(func() { maxRowsRecord, plainReplay = old, false })
			maxRowsRecord, plainReplay = tc.record, tc.plain
			ctx := context.Background()
			f := newGroupFixture(t)
			p := f.p
			if _, err := p.ApplyCode(ctx, f.mot.ID, Span{f.doc.ID, 0, 10}); err != nil {
				t.Fatal(err)
			}
			if err := p.SetGUIDs(ctx, GUIDCode, map[int64]string{f.leren.ID: "old"}); err != nil {
				t.Fatal(err)
			}
			before := dump(t, p)
			if err := p.Bulk(ctx, plainLabel("Import"), func(ctx context.Context) error { return bulkImport(ctx, f, 40) }); err != nil {
				t.Fatal(err)
			}
			after := dump(t, p)
			if before == after {
				t.Fatal("the import changed nothing")
			}
			step, _, _ := p.UndoStep(ctx)
			var records, rows int
			p.db.QueryRow("SELECT count(*) FROM undo_log WHERE step = ?", step.ID).Scan(&records)
			p.db.QueryRow("SELECT (SELECT count(*) FROM turns) + (SELECT count(*) FROM codings) + (SELECT count(*) FROM guids)").Scan(&rows)
			t.Logf("%d undo records for %d rows", records, rows)
			if step.Label != "Import" || records > 30 {
				t.Errorf("the import is step %q with %d undo records for %d rows; want step \"Import\" with one record a table and a few for the calls after them", step.Label, records, rows)
			}
			for round := range 3 {
				if _, err := p.Undo(ctx); err != nil {
					t.Fatal(err)
				}
				if got := dump(t, p); got != before {
					t.Fatalf("undo %d: the project differs from before the import:\n%s", round+1, diffLines(before, got))
				}
				if _, err := p.Redo(ctx); err != nil {
					t.Fatal(err)
				}
				if got := dump(t, p); got != after {
					t.Fatalf("redo %d: the project differs from after the import:\n%s", round+1, diffLines(after, got))
				}
			}
			if r, err := p.Check(ctx); err != nil || !r.OK() {
				t.Errorf("check after redo: %+v, %v", r, err)
			}
		})
	}
}

// diffLines lists the lines of got that want does not have, and the other
// way round (a few of each).
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for _, l := range strings.Split(got, "\n") {
		if !w[l] && len(out) < 10 {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range strings.Split(want, "\n") {
		if !g[l] && len(out) < 20 {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestBulkFailsWhole(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	before := dump(t, p)
	rev, _ := p.Revision(ctx)
	err := p.Bulk(ctx, plainLabel("Import"), func(ctx context.Context) error {
		if _, err := p.ImportDocuments(ctx, bulkDocuments(5)); err != nil {
			return err
		}
		// A failing call fails the whole, even when fn carries on.
		if _, err := p.AddCodings(ctx, []NewCoding{{Span: Span{f.doc.ID, 0, 100000}, CodeID: f.leren.ID}}); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddCodings out of range: %v, want ErrInvalid", err)
		}
		if _, err := p.AddCode(ctx, 0, "Later", "", ""); err == nil {
			t.Error("a call after the failed one succeeded")
		}
		return nil
	})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("Bulk: %v, want the failed call's ErrInvalid", err)
	}
	if got := dump(t, p); got != before {
		t.Errorf("a failed bulk changed the project:\n%s", diffLines(before, got))
	}
	if n := steps(t, p); n != 0 {
		t.Errorf("a failed bulk left %d steps", n)
	}
	if r, _ := p.Revision(ctx); r != rev {
		t.Errorf("revision %d after a failed bulk, want %d", r, rev)
	}
}

func TestBulkInsideAGroupIsOneSavepoint(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	var bulkErr error
	err := p.Group(ctx, "Both", func(ctx context.Context) error {
		if _, err := p.AddCode(ctx, 0, "Eerst", "", ""); err != nil {
			return err
		}
		bulkErr = p.Bulk(ctx, plainLabel("ignored"), func(ctx context.Context) error {
			if _, err := p.ImportDocuments(ctx, bulkDocuments(3)); err != nil {
				return err
			}
			return errStop
		})
		_, err := p.AddCode(ctx, 0, "Daarna", "", "")
		return err
	})
	if err != nil || !errors.Is(bulkErr, errStop) {
		t.Fatalf("group: %v; bulk: %v, want nil and errStop", err, bulkErr)
	}
	docs, _ := p.Documents(ctx)
	codes, _ := p.Codes(ctx)
	if len(docs) != 1 || len(codes) != 4 || steps(t, p) != 1 {
		t.Errorf("%d documents, %d codes and %d steps; want the fixture's document, 4 codes and 1 step", len(docs), len(codes), steps(t, p))
	}
}

func TestImportDocumentsFindsDuplicates(t *testing.T) {
	ctx := context.Background()
	f := newGroupFixture(t)
	p := f.p
	nds := append(bulkDocuments(3), NewDocument{Name: "again.txt", Format: "txt", Text: sampleTexts[0]},
		NewDocument{Name: "empty.txt", Format: "txt"}, NewDocument{Name: "empty.txt", Format: "txt"})
	got, err := p.ImportDocuments(ctx, nds)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		dup  bool
	}{{"doc 0.txt", false}, {"doc 1.txt", false}, {"doc 0.txt", true}, {"Ana.txt", true}, {"empty.txt", false}, {"empty (2).txt", false}}
	for i, w := range want {
		if got[i].Name != w.name || got[i].Duplicate != w.dup || got[i].ID == 0 {
			t.Errorf("document %d: %q (id %d), duplicate %v; want %q, %v", i, got[i].Name, got[i].ID, got[i].Duplicate, w.name, w.dup)
		}
	}
	if got[0].ID != got[2].ID || got[3].ID != f.doc.ID || got[0].Speakers != 2 {
		t.Errorf("ids %d, %d, %d; speakers %d: a duplicate must name the document that has its text", got[0].ID, got[2].ID, got[3].ID, got[0].Speakers)
	}
	if _, err := p.ImportDocument(ctx, nds[0]); !errors.Is(err, ErrDuplicate) {
		t.Errorf("ImportDocument of a text there already: %v, want ErrDuplicate", err)
	}
	turns, _ := p.Turns(ctx, got[1].ID)
	if len(turns) != 2 || turns[1].Speaker != "Ana 1" {
		t.Errorf("turns %+v", turns)
	}
}
