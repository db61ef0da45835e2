package model

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// RepairReport says what Repair saved and what it left behind.
type RepairReport struct {
	// Saved counts the rows copied per table.
	Saved map[string]int
	// Lost are the rows and parts that could not be read or were dropped as
	// damaged, one finding each (TableUnreadable to TextKeptDamaged).
	Lost []Finding
}

// ErrSettingsUnreadable: Repair could not read the project's own row, its
// language and identity, and so has nothing to make a project of.
var ErrSettingsUnreadable = errors.New("the project's own settings (its language and identity) could not be read")

// repairSkip are the tables Repair does not carry over: the undo history
// (its statements may name damaged rows) and change tracking, which a new
// project starts afresh.
var repairSkip = map[string]bool{"undo_state": true, "undo_steps": true, "undo_log": true, "revision": true, "doc_changes": true}

// repairProbes bounds how many rows per table Repair looks up one by one
// after a damaged page stops a table's scan.
const repairProbes = 1_000_000

// Repair salvages what can be read of the project at src into a new project
// at dst (which must not exist): every readable row of every table, less
// rows whose ranges are impossible or that point at rows that were lost. The
// undo history is not carried over. src is only read, so it may be damaged,
// read-only or open elsewhere.
func Repair(ctx context.Context, src, dst string) (RepairReport, error) {
	rep := RepairReport{Saved: map[string]int{}}
	if _, err := os.Stat(src); err != nil {
		return rep, pathError(src, err)
	}
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return rep, err
	}
	// damagedDSN: a damaged schema loses only the tables whose own
	// descriptions are damaged, not the whole file.
	from := damagedDSN(absSrc, needsImmutable(absSrc))
	if canWrite(absSrc) {
		from = readerDSN(absSrc) + writableSchema // leaves no -wal or -shm beside it
	}
	old, err := sql.Open("sqlite", from)
	if err != nil {
		return rep, err
	}
	defer old.Close()
	var lang string
	if err := old.QueryRowContext(ctx, "SELECT lang FROM project WHERE id = 1").Scan(&lang); err != nil || !validLanguage(lang) {
		lang = "nl"
	}
	p, err := Create(ctx, dst, lang)
	if err != nil {
		return rep, err
	}
	dstPath := p.Path()
	p.Close()
	ok := false
	defer func() {
		if !ok {
			removeDraft(dstPath)
		}
	}()
	db, err := sql.Open("sqlite", fileURL(dstPath)+"?_pragma=foreign_keys(0)&_pragma=busy_timeout(10000)")
	if err != nil {
		return rep, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tables, err := tableNames(ctx, db)
	if err != nil {
		return rep, err
	}
	for _, t := range tables {
		if repairSkip[t] {
			continue
		}
		if err := copyTable(ctx, old, db, t, &rep); err != nil {
			return rep, fmt.Errorf("saving %s: %w", t, err)
		}
	}
	if err := tidyRepaired(ctx, db, &rep); err != nil {
		return rep, err
	}
	if err := db.Close(); err != nil {
		return rep, err
	}
	p, err = Open(ctx, dstPath)
	if err != nil {
		return rep, fmt.Errorf("the repaired project: %w", err)
	}
	defer p.Close()
	if p.ReadOnly() != nil {
		return rep, fmt.Errorf("the repaired project: %w", p.ReadOnly())
	}
	ok = true
	return rep, nil
}

func tableNames(ctx context.Context, db *sql.DB) ([]string, error) {
	var out []string
	err := eachRow(ctx, db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rootpage", func(rows *sql.Rows) error {
		var n string
		err := rows.Scan(&n)
		out = append(out, n)
		return err
	})
	return out, err
}

// copyTable copies the readable rows of table from old into db. A scan that
// hits a damaged page goes on row by row past it.
func copyTable(ctx context.Context, old, db *sql.DB, table string, rep *RepairReport) error {
	cols, err := commonColumns(ctx, old, db, table)
	if err != nil || len(cols) == 0 {
		rep.Lost = append(rep.Lost, Finding{Kind: TableUnreadable, Table: table})
		return nil
	}
	if _, err := db.ExecContext(ctx, "DELETE FROM "+table); err != nil { // the new project's own first rows
		return err
	}
	list := strings.Join(cols, ", ")
	insert := fmt.Sprintf("INSERT INTO %s (rowid, %s) VALUES (?%s)", table, list, strings.Repeat(", ?", len(cols)))
	// How many rows the table holds, as its b-tree counts them: a damaged
	// rowid can hide a row from the scan and from every probe, and only
	// the count tells that it is missing.
	total := -1
	if err := old.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&total); err != nil {
		total = -1
	}
	rejected, unread, after := 0, 0, false
	put := func(vals []any) {
		if _, err := db.ExecContext(ctx, insert, vals...); err != nil {
			rejected++
			return
		}
		rep.Saved[table]++
	}
	last, scanErr := scanRows(ctx, old, fmt.Sprintf("SELECT rowid, %s FROM %s ORDER BY rowid", list, table), len(cols)+1, put)
	if scanErr != nil {
		var max int64
		if err := old.QueryRowContext(ctx, "SELECT max(rowid) FROM "+table).Scan(&max); err != nil || max-last > repairProbes {
			rep.Lost = append(rep.Lost, Finding{Kind: RowsAfterUnreadable, Table: table, Row: last})
			after = true
		} else {
			for id := last + 1; id <= max; id++ {
				if _, err := scanRows(ctx, old, fmt.Sprintf("SELECT rowid, %s FROM %s WHERE rowid = %d", list, table, id), len(cols)+1, put); err != nil {
					unread++
				}
			}
		}
	}
	if missing := total - (rep.Saved[table] + rejected + unread); !after && total >= 0 && missing > 0 {
		unread += missing
	}
	if unread > 0 {
		rep.Lost = append(rep.Lost, Finding{Kind: RowsUnreadable, Table: table, Count: unread})
	}
	if rejected > 0 {
		rep.Lost = append(rep.Lost, Finding{Kind: RowsDamaged, Table: table, Count: rejected})
	}
	return ctx.Err()
}

// scanRows runs q and hands each row to put; it returns the last rowid read
// (the first column) and the error that stopped it, if any.
func scanRows(ctx context.Context, db *sql.DB, q string, n int, put func([]any)) (int64, error) {
	var last int64
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return last, err
	}
	defer rows.Close()
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return last, err
		}
		if id, ok := vals[0].(int64); ok {
			last = id
		}
		put(vals)
	}
	return last, rows.Err()
}

func commonColumns(ctx context.Context, old, db *sql.DB, table string) ([]string, error) {
	names := func(d *sql.DB) (map[string]bool, []string, error) {
		set := map[string]bool{}
		var order []string
		err := eachRow(ctx, d, fmt.Sprintf("SELECT name FROM pragma_table_info('%s')", table), func(rows *sql.Rows) error {
			var c string
			err := rows.Scan(&c)
			set[c] = true
			order = append(order, c)
			return err
		})
		return set, order, err
	}
	have, _, err := names(old)
	if err != nil {
		return nil, err
	}
	_, want, err := names(db)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range want {
		if have[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// tidyRepaired drops what the copy left inconsistent: rows pointing at lost
// rows, impossible ranges; it brings stored lengths and fingerprints in line
// with the texts as read, saying which texts were damaged.
func tidyRepaired(ctx context.Context, db *sql.DB, rep *RepairReport) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM project WHERE id = 1").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrSettingsUnreadable
	}
	for _, t := range []string{"turns", "codings"} {
		res, err := db.ExecContext(ctx, `WITH n AS MATERIALIZED (SELECT id, length(text) AS chars FROM documents)
			DELETE FROM `+t+` WHERE rowid IN (SELECT t.rowid FROM `+t+` t LEFT JOIN n ON n.id = t.doc_id
			WHERE n.chars IS NULL OR NOT (typeof(t.start_rune) = 'integer' AND typeof(t.end_rune) = 'integer'
				AND t.start_rune >= 0 AND t.end_rune > t.start_rune AND t.end_rune <= n.chars))`)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k > 0 {
			rep.Lost = append(rep.Lost, Finding{Kind: RangesLeftOut, Table: t, Count: int(k)})
			rep.Saved[t] -= int(k)
		}
	}
	for round := 0; round < 10; round++ {
		type orphan struct {
			table string
			rowid int64
		}
		var found []orphan
		err := eachRow(ctx, db, `SELECT "table", rowid FROM pragma_foreign_key_check`, func(rows *sql.Rows) error {
			var o orphan
			err := rows.Scan(&o.table, &o.rowid)
			found = append(found, o)
			return err
		})
		if err != nil {
			return err
		}
		if len(found) == 0 {
			break
		}
		per := map[string]int{}
		for _, o := range found {
			if _, err := db.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE rowid = ?", o.table), o.rowid); err != nil {
				return err
			}
			per[o.table]++
			rep.Saved[o.table]--
		}
		for _, t := range slices.Sorted(maps.Keys(per)) {
			rep.Lost = append(rep.Lost, Finding{Kind: PointersLeftOut, Table: t, Count: per[t]})
		}
	}
	// Codes under themselves: the first of each loop goes to the top
	// level, the others stay under it.
	moved := 0
	for {
		cycle, err := codeCycles(ctx, db)
		if err != nil {
			return err
		}
		if len(cycle) == 0 {
			break
		}
		if _, err := db.ExecContext(ctx, "UPDATE codes SET parent_id = NULL WHERE id = ?", cycle[0]); err != nil {
			return err
		}
		moved++
	}
	if moved > 0 {
		rep.Lost = append(rep.Lost, Finding{Kind: CodesMovedToTop, Table: "codes", Count: moved})
	}
	type fix struct {
		id   int64
		name string
		hash string
		n    int
	}
	var fixes []fix
	err := eachRow(ctx, db, "SELECT id, name, text, sha256, chars, length(text) FROM documents", func(rows *sql.Rows) error {
		var f fix
		var text, hash string
		var chars int
		if err := rows.Scan(&f.id, &f.name, &text, &hash, &chars, &f.n); err != nil {
			return err
		}
		sum := sha256.Sum256([]byte(text))
		if f.hash = hex.EncodeToString(sum[:]); f.hash != hash || chars != f.n {
			fixes = append(fixes, f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range fixes {
		rep.Lost = append(rep.Lost, Finding{Kind: TextKeptDamaged, Doc: f.id, Name: f.name})
		if _, err := db.ExecContext(ctx, "UPDATE documents SET sha256 = ?, chars = ? WHERE id = ?", f.hash, f.n, f.id); err != nil {
			return err
		}
	}
	return nil
}
