package model

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// CheckReport is what Check found, one entry per problem; all empty means
// the project is sound.
type CheckReport struct {
	// Integrity is what SQLite's full integrity check found in the file,
	// in SQLite's words.
	Integrity []string
	// Texts are documents whose text no longer matches the fingerprint
	// (SHA-256) or length stored when it was imported (TextChanged,
	// TextLengthWrong).
	Texts []Finding
	// Ranges are speaker turns and codings whose range is impossible: it
	// ends before it starts, or past its text's end (RangeImpossible);
	// turns that overlap the one before (TurnOverlaps), and turns whose
	// times are damaged (TimesDamaged).
	Ranges []Finding
	// Orphans are rows that point at a row that is not there, a coding of
	// a deleted code, a turn of a missing document: one finding per table
	// and table pointed at (PointsAtMissing); and codes that are their own
	// ancestors (CodesInCycle).
	Orphans []Finding
	// Schema are the triggers and indexes that are missing, changed or not
	// Verbatim's (SchemaChanged).
	Schema []Finding
	// Undo are steps of the undo history holding statements Verbatim never
	// records, which undo and redo refuse to run (UndoStepDamaged).
	Undo []Finding
}

// OK says whether the check found nothing wrong.
func (r CheckReport) OK() bool {
	return len(r.Integrity)+len(r.Texts)+len(r.Ranges)+len(r.Orphans)+len(r.Schema)+len(r.Undo) == 0
}

// checkRows is how many problems of each kind a check lists at most.
const checkRows = 100

// Check examines the whole project: SQLite's integrity check, each
// document's text against its stored fingerprint, every stored range, and
// rows that point nowhere. It reads only, so it works on a read-only or
// damaged project; it stops at the first part it cannot read.
func (p *Project) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	var err error
	found, err := pragmaCheck(ctx, p.db, "integrity_check", checkRows)
	if p.openDamage != "" {
		// Read through damagedDSN, SQLite checks only what it could parse.
		r.Integrity = append(r.Integrity, p.openDamage)
	}
	if err != nil && isCorrupt(err) {
		// Damage that stops SQLite's check is a finding of it.
		r.Integrity, err = append(r.Integrity, sqliteFinding(err)), nil
	}
	r.Integrity = append(r.Integrity, found...)
	if err != nil {
		return r, fmt.Errorf("integrity check: %w", err)
	}
	if r.Texts, err = p.checkTexts(ctx); err != nil {
		return r, fmt.Errorf("checking the texts: %w", err)
	}
	if r.Ranges, err = p.checkRanges(ctx); err != nil {
		return r, fmt.Errorf("checking the ranges: %w", err)
	}
	if r.Orphans, err = p.checkOrphans(ctx); err != nil {
		return r, fmt.Errorf("checking the links between rows: %w", err)
	}
	if r.Schema, err = p.checkSchema(ctx); err != nil {
		return r, fmt.Errorf("checking the triggers and indexes: %w", err)
	}
	if r.Undo, err = p.checkUndo(ctx); err != nil {
		return r, fmt.Errorf("checking the undo history: %w", err)
	}
	return r, nil
}

// checkUndo finds the steps of the undo history that hold statements undo
// and redo would refuse (checkRecorded), one finding per step.
func (p *Project) checkUndo(ctx context.Context) ([]Finding, error) {
	var out []Finding
	err := eachRow(ctx, p.db, "SELECT l.step, ifnull(s.label, ''), ifnull(l.sql, '') FROM undo_log l LEFT JOIN undo_steps s ON s.id = l.step ORDER BY l.step, l.seq", func(rows *sql.Rows) error {
		var step int64
		var label, q string
		if err := rows.Scan(&step, &label, &q); err != nil {
			return err
		}
		if checkRecorded(q) == nil {
			return nil
		}
		if n := len(out); n > 0 && out[n-1].Row == step {
			out[n-1].Count++
		} else if n < checkRows {
			out = append(out, Finding{Kind: UndoStepDamaged, Table: "undo_log", Row: step, Name: label, Count: 1})
		}
		return nil
	})
	return out, err
}

func (p *Project) checkTexts(ctx context.Context) ([]Finding, error) {
	rows, err := p.db.QueryContext(ctx, "SELECT id, name, text, sha256, chars, length(text) FROM documents ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var id int64
		var name, text, hash string
		var chars, n int
		if err := rows.Scan(&id, &name, &text, &hash, &chars, &n); err != nil {
			return nil, err
		}
		sum := sha256.Sum256([]byte(text))
		switch {
		case hex.EncodeToString(sum[:]) != hash:
			out = append(out, Finding{Kind: TextChanged, Doc: id, Name: name})
		case chars != n:
			out = append(out, Finding{Kind: TextLengthWrong, Doc: id, Name: name, Stored: chars, Chars: n})
		}
		if len(out) >= checkRows {
			break
		}
	}
	return out, rows.Err()
}

// badRanges selects, for table (turns or codings), the rows whose range is
// impossible over their document's text, whose length is counted once.
func badRanges(table string) string {
	return `WITH n AS MATERIALIZED (SELECT id, length(text) AS chars FROM documents)
		SELECT t.id, t.doc_id, quote(t.start_rune), quote(t.end_rune), n.chars FROM ` + table + ` t JOIN n ON n.id = t.doc_id
		WHERE NOT (typeof(t.start_rune) = 'integer' AND typeof(t.end_rune) = 'integer'
			AND t.start_rune >= 0 AND t.end_rune > t.start_rune AND t.end_rune <= n.chars)
		ORDER BY t.id LIMIT ` + fmt.Sprint(checkRows)
}

func (p *Project) checkRanges(ctx context.Context) ([]Finding, error) {
	var out []Finding
	for _, table := range []string{"turns", "codings"} {
		err := eachRow(ctx, p.db, badRanges(table), func(rows *sql.Rows) error {
			f := Finding{Kind: RangeImpossible, Table: table}
			if err := rows.Scan(&f.Row, &f.Doc, &f.Start, &f.End, &f.Chars); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
		if err != nil {
			return out, err
		}
	}
	// Turns that overlap the one before them (read, they are left out) and
	// times that are not whole numbers (read, the turn has none).
	more := []struct {
		kind FindingKind
		q    string
	}{
		{TurnOverlaps, `SELECT id, doc_id, start_rune, end_rune FROM (SELECT id, doc_id, start_rune, end_rune,
				lag(end_rune) OVER (PARTITION BY doc_id ORDER BY start_rune, id) AS before FROM turns
				WHERE typeof(start_rune) = 'integer' AND typeof(end_rune) = 'integer')
			WHERE before > start_rune ORDER BY id LIMIT ` + fmt.Sprint(checkRows)},
		{TimesDamaged, `SELECT id, doc_id, quote(begin_ms), quote(until_ms) FROM turns
			WHERE NOT (typeof(begin_ms) IN ('integer', 'null') AND typeof(until_ms) IN ('integer', 'null'))
			ORDER BY id LIMIT ` + fmt.Sprint(checkRows)},
	}
	for _, m := range more {
		err := eachRow(ctx, p.db, m.q, func(rows *sql.Rows) error {
			f := Finding{Kind: m.kind, Table: "turns"}
			if err := rows.Scan(&f.Row, &f.Doc, &f.Start, &f.End); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func (p *Project) checkOrphans(ctx context.Context) ([]Finding, error) {
	var out []Finding
	err := eachRow(ctx, p.db, `SELECT "table", parent, count(*), min(rowid) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2`, func(rows *sql.Rows) error {
		f := Finding{Kind: PointsAtMissing}
		var first sql.NullInt64
		if err := rows.Scan(&f.Table, &f.Parent, &f.Count, &first); err != nil {
			return err
		}
		f.Row = first.Int64
		out = append(out, f)
		return nil
	})
	if err != nil {
		return out, err
	}
	cycle, err := codeCycles(ctx, p.db)
	if len(cycle) > 0 {
		out = append(out, Finding{Kind: CodesInCycle, Table: "codes", Count: len(cycle), Row: cycle[0]})
	}
	return out, err
}

func eachRow(ctx context.Context, db *sql.DB, q string, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
