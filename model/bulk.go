package model

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Bulk changes: an import of a thousand documents and a hundred thousand
// codings adds some 400,000 rows. The undo triggers would record one
// statement for each (and SQLite keep a savepoint journal of the undo log
// as well); instead, a call that only adds rows runs with the triggers
// silenced and records, per table, one statement that removes the range of
// rows it added. Undoing that statement keeps the rows it removes as one
// statement that puts them back (in chunks of maxRowsRecord bytes), and
// redoing that records the range again. Both are plain SQL: run as they
// are, with the triggers on, they do the same and the triggers record the
// reversal row by row, as in projects written before.

// bulkRecord matches the compact undo records: the table, the first and
// last rowid, and what the statement does with them.
var bulkRecord = regexp.MustCompile(`^/\* rows ([a-z_]+) (\d+) (\d+) \*/ (DELETE|INSERT) `)

// plainReplay makes replay run compact records as plain SQL, as a Verbatim
// from before them does (tests).
var plainReplay = false

// maxRowsRecord bounds the statement that keeps removed rows, far below
// SQLite's limit on the length of a statement (a billion bytes).
var maxRowsRecord = 16 << 20

// silence stops (on) or restarts (off) the undo triggers' recording in tx:
// they record only while undo_state names a step above 0. A failure in
// between needs no restart, since it rolls the silencing back too.
func silence(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE undo_state SET step = -step WHERE id = 1")
	return err
}

// bulkAdd runs add, which only inserts rows into tables (and may change
// rows it inserted itself), with the undo triggers silenced, and then
// records the undo of each table's new rows as one statement. Tables are
// listed parents first, so that undo removes children first.
func bulkAdd(ctx context.Context, tx *sql.Tx, tables []string, add func() error) error {
	before := make([]int64, len(tables))
	for i, t := range tables {
		if !slices.Contains(undoTables, t) {
			return fmt.Errorf("bulk insert into %s: not an undo table", t)
		}
		if err := tx.QueryRowContext(ctx, "SELECT ifnull(max(rowid), 0) FROM "+t).Scan(&before[i]); err != nil {
			return err
		}
	}
	if err := silence(ctx, tx); err != nil {
		return err
	}
	if err := add(); err != nil {
		return err
	}
	if err := silence(ctx, tx); err != nil {
		return err
	}
	for i, t := range tables {
		var n, last int64
		if err := tx.QueryRowContext(ctx, "SELECT count(*), ifnull(max(rowid), 0) FROM "+t+" WHERE rowid > ?", before[i]).Scan(&n, &last); err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		// SQLite gives a new row the rowid after the largest, so the rows
		// added are exactly those above the largest before. A table whose
		// rowids ran out would give random ones: then a range would not do.
		if first := before[i] + 1; last-first+1 != n {
			return fmt.Errorf("bulk insert into %s: %d rows added, but their rowids run from %d to %d", t, n, first, last)
		}
		if err := recordUndo(ctx, tx, removeRows(t, before[i]+1, last)); err != nil {
			return err
		}
	}
	return nil
}

// recordUndo adds a statement to the undo log, under the step and stack
// the triggers would record it.
func recordUndo(ctx context.Context, tx *sql.Tx, q string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO undo_log (step, stack, sql) SELECT step, stack, ? FROM undo_state WHERE id = 1 AND step > 0", q)
	return err
}

func removeRows(table string, first, last int64) string {
	return fmt.Sprintf("/* rows %[1]s %[2]d %[3]d */ DELETE FROM %[1]s WHERE rowid BETWEEN %[2]d AND %[3]d", table, first, last)
}

// replayStatement runs one recorded statement of an undo or redo, once it
// is known to be one (checkRecorded); a compact one runs silenced and
// records its reversal compactly.
func replayStatement(ctx context.Context, tx *sql.Tx, q string) error {
	if err := checkRecorded(q); err != nil {
		return err
	}
	m := bulkRecord.FindStringSubmatch(q)
	if m == nil || !slices.Contains(undoTables, m[1]) || plainReplay {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
	table := m[1]
	first, err1 := strconv.ParseInt(m[2], 10, 64)
	last, err2 := strconv.ParseInt(m[3], 10, 64)
	if err1 != nil || err2 != nil {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
	if m[4] == "INSERT" {
		if err := silence(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
		if err := silence(ctx, tx); err != nil {
			return err
		}
		return recordUndo(ctx, tx, removeRows(table, first, last))
	}
	records, err := keepRows(ctx, tx, table, first, last)
	if err != nil {
		return err
	}
	for _, r := range records {
		if err := recordUndo(ctx, tx, r); err != nil {
			return err
		}
	}
	if err := silence(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return err
	}
	return silence(ctx, tx)
}

// keepRows writes the rows of table in [first, last] as statements that
// insert them again, each one a compact record of its own range.
func keepRows(ctx context.Context, tx *sql.Tx, table string, first, last int64) ([]string, error) {
	cols, alias, err := tableColumns(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	if alias == "" {
		cols = append([]string{"rowid"}, cols...)
	}
	values := make([]string, len(cols))
	for i, c := range cols {
		values[i] = "quote(" + c + ")"
	}
	rows, err := tx.QueryContext(ctx, "SELECT rowid, '(' || "+strings.Join(values, " || ',' || ")+" || ')' FROM "+table+
		" WHERE rowid BETWEEN ? AND ? ORDER BY rowid", first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	var out []string
	var b strings.Builder
	var from, to int64
	flush := func() {
		if b.Len() > 0 {
			out = append(out, fmt.Sprintf("/* rows %s %d %d */ %s%s", table, from, to, head, b.String()))
			b.Reset()
		}
	}
	for rows.Next() {
		var id int64
		var row string
		if err := rows.Scan(&id, &row); err != nil {
			return nil, err
		}
		if b.Len() > 0 && b.Len()+len(row) > maxRowsRecord {
			flush()
		}
		if b.Len() == 0 {
			from = id
		} else {
			b.WriteByte(',')
		}
		b.WriteString(row)
		to = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	flush()
	return out, nil
}

// Bulk is Group for a long run of changes that stand or fall together, such
// as an import of another tool's project: one transaction and one undo step
// called label, in which the model calls fn makes share the transaction
// without a savepoint each. So the first call that fails fails the whole:
// nothing of fn is kept, even if fn carries on, and Bulk returns that
// call's error. Inside a group, Bulk is one savepoint of it.
func (p *Project) Bulk(ctx context.Context, label Label, fn func(ctx context.Context) error) error {
	run := func(ctx context.Context, a *action) error {
		a.whole, a.failed = true, nil
		defer func() { a.whole, a.failed = false, nil }()
		if err := fn(ctx); err != nil {
			return err
		}
		return a.failed
	}
	if a := p.current(ctx); a != nil {
		if a.whole {
			return fn(ctx)
		}
		return a.savepoint(ctx, func() error { return run(ctx, a) })
	}
	a, err := p.begin(ctx, label)
	if err != nil {
		return err
	}
	defer a.end()
	if err := run(context.WithValue(ctx, actionKey{}, a), a); err != nil {
		return err
	}
	return a.finish(ctx)
}
