package model

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// recordedSamples are statements as the undo triggers and the bulk records
// write them.
var recordedSamples = []string{
	"DELETE FROM codes WHERE rowid=12",
	"UPDATE codes SET parent_id=NULL,name='Deel wat je leert',color='#ff0000',memo='it''s; DROP TABLE codes' WHERE rowid=3",
	"UPDATE documents SET memo='',position=-2,weight=1.5,big=1.0e+20,small=-2.5E-7 WHERE rowid=1",
	"INSERT INTO codings (id, doc_id, code_id, start_rune, end_rune, memo, created, coder_id) VALUES (7,1,2,0,5,'',1700000000,NULL)",
	"INSERT INTO guids (rowid, kind, id, guid) VALUES (4,'code',2,X'00FFab')",
	"/* rows codings 5 90 */ DELETE FROM codings WHERE rowid BETWEEN 5 AND 90",
	"/* rows turns 1 2 */ INSERT INTO turns (id, doc_id, start_rune, end_rune, speaker_id) VALUES (1,1,0,10,2),(2,1,11,20,NULL)",
}

func TestCheckRecordedAcceptsWhatIsRecorded(t *testing.T) {
	for _, q := range recordedSamples {
		if err := checkRecorded(q); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

// TestCheckRecordedRefuses: anything else, however close, is refused as a
// damaged history.
func TestCheckRecordedRefuses(t *testing.T) {
	for _, q := range []string{
		"",
		"DROP TABLE codings",
		"DELETE FROM codes WHERE rowid=1; DROP TABLE codings",
		"DELETE FROM codes WHERE rowid=1;",
		"DELETE FROM codes WHERE rowid=1 --",
		"DELETE FROM codes WHERE rowid=1 OR 1=1",
		"DELETE FROM codes",
		"DELETE FROM undo_log WHERE rowid=1",
		"DELETE FROM sqlite_master WHERE rowid=1",
		"DELETE FROM codes WHERE rowid=x",
		"DELETE FROM codes WHERE rowid=99999999999999999999",
		"UPDATE codes SET name=(SELECT text FROM documents) WHERE rowid=1",
		"UPDATE codes SET name='a' WHERE rowid=1 OR 1=1",
		"UPDATE codes SET name=upper('a') WHERE rowid=1",
		"UPDATE codes SET name='unclosed WHERE rowid=1",
		"UPDATE codes SET WHERE rowid=1",
		"INSERT INTO codes (id, name) VALUES (1,'a'),(2,'b')",
		"INSERT INTO codes (id, name) VALUES (1)",
		"INSERT INTO codes (id, name) VALUES (1,'a','b')",
		"INSERT INTO codes (id, name) SELECT id, name FROM codes",
		"INSERT INTO codes (id, name) VALUES (1,X'zz')",
		"INSERT INTO codes (id, name) VALUES (1,'a') ON CONFLICT DO NOTHING",
		"/* rows codes 1 5 */ DELETE FROM codings WHERE rowid BETWEEN 1 AND 5",
		"/* rows codes 1 5 */ DELETE FROM codes WHERE rowid BETWEEN 1 AND 500",
		"/* rows codes 1 5 */ UPDATE codes SET name='a' WHERE rowid=1",
		"/* rows codes 1 5 */ INSERT INTO codings (id) VALUES (1)",
		"ATTACH DATABASE '/tmp/x' AS x",
		"VACUUM INTO '/tmp/copy'",
		"PRAGMA writable_schema = ON",
	} {
		err := checkRecorded(q)
		if !errors.Is(err, ErrUndoDamaged) || !errors.Is(err, ErrDamaged) {
			t.Errorf("%q: %v, want ErrUndoDamaged", q, err)
		}
	}
}

// TestUndoRefusesADamagedHistory: a step whose statements were edited is
// refused whole, nothing of it runs, and check names it.
func TestUndoRefusesADamagedHistory(t *testing.T) {
	ctx := context.Background()
	for _, edit := range []string{
		"sql || '; DROP TABLE codings'",
		"'DELETE FROM codes'",
		"'DELETE FROM undo_steps WHERE rowid=1'",
	} {
		t.Run(edit, func(t *testing.T) {
			p := newProject(t, "nl")
			for _, name := range []string{"Een", "Twee"} {
				if _, err := p.AddCode(ctx, 0, name, "#ff0000", ""); err != nil {
					t.Fatal(err)
				}
			}
			step, _, _ := p.UndoStep(ctx)
			if _, err := p.db.ExecContext(ctx, "UPDATE undo_log SET sql = "+edit+" WHERE step = ?", step.ID); err != nil {
				t.Fatal(err)
			}
			before := dump(t, p)
			_, err := p.Undo(ctx)
			if !errors.Is(err, ErrUndoDamaged) || !errors.Is(Plain(err), ErrDamaged) {
				t.Fatalf("undo of an edited step: %v, want ErrUndoDamaged", err)
			}
			if got := dump(t, p); got != before {
				t.Errorf("the refused undo changed the project:\n%s", firstDiff(before, got))
			}
			if again, ok, _ := p.UndoStep(ctx); !ok || again.ID != step.ID {
				t.Errorf("after the refused undo the step to undo is %+v, want %+v", again, step)
			}
			rep, err := p.Check(ctx)
			if err != nil || rep.OK() || len(rep.Undo) != 1 {
				t.Fatalf("check: %+v, %v; want the edited step", rep, err)
			}
			want := "undo step 2 (Add code “Twee”): 1 statement is not what Verbatim records, so it cannot be undone or redone"
			if got := rep.Undo[0].String(); got != want {
				t.Errorf("check says\n%q, want\n%q", got, want)
			}
		})
	}
}

// FuzzCheckRecorded: no input panics, and what is accepted holds no
// statement after the first and no comment but the compact record's
// (a quote-aware scan of its own says so).
func FuzzCheckRecorded(f *testing.F) {
	for _, q := range recordedSamples {
		f.Add(q)
	}
	f.Add("DELETE FROM codes WHERE rowid=1; DROP TABLE codings")
	f.Fuzz(func(t *testing.T, q string) {
		if checkRecorded(q) != nil {
			return
		}
		body := q
		if m := bulkRecord.FindStringSubmatch(q); m != nil {
			body = q[len(m[0])-len(m[4])-1:]
		}
		in := false
		for i := 0; i < len(body); i++ {
			switch c := body[i]; {
			case c == '\'':
				in = !in
			case in:
			case c == ';', c == '-' && i+1 < len(body) && body[i+1] == '-', c == '/' && i+1 < len(body) && body[i+1] == '*', c == '"', c == '`', c == '[':
				t.Fatalf("accepted %q, which has %q outside a string at byte %d", q, c, i)
			}
		}
		if in {
			t.Fatalf("accepted %q, whose last string is not closed", q)
		}
		if !strings.HasPrefix(body, "DELETE FROM ") && !strings.HasPrefix(body, "UPDATE ") && !strings.HasPrefix(body, "INSERT INTO ") {
			t.Fatalf("accepted %q", q)
		}
	})
}
