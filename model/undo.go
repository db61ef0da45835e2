package model

import (
	"context"
	"database/sql"
	"fmt"
)

// undoDepth is how many steps the history keeps; older ones are dropped.
const undoDepth = 5000

// do runs fn as one user action: one transaction, recorded as one undo step
// called label. A new action clears the redo history. An action that changed
// nothing leaves no step behind. Inside a Group, fn joins the group's
// transaction and step instead.
func (p *Project) do(ctx context.Context, label Label, fn func(tx *sql.Tx) error) error {
	return p.act(ctx, label, func(tx *sql.Tx, _ *Label) error { return fn(tx) })
}

// act is do for an action that names itself once it has read what it acts
// on ("Delete code “Motivatie”"): fn may replace the provisional label.
func (p *Project) act(ctx context.Context, label Label, fn func(tx *sql.Tx, label *Label) error) error {
	if a := p.current(ctx); a != nil {
		return a.savepoint(ctx, func() error {
			if err := fn(a.tx, &label); err != nil {
				return err
			}
			if a.label.Text == "" {
				a.label = label // a group without a label takes its first action's
			}
			return nil
		})
	}
	a, err := p.begin(ctx, label)
	if err != nil {
		return diskError(err)
	}
	defer a.end()
	if err := fn(a.tx, &a.label); err != nil {
		return diskError(err)
	}
	return diskError(a.finish(ctx))
}

// begin starts an action: its transaction, and the undo step the triggers
// record the reversing statements under.
func (p *Project) begin(ctx context.Context, label Label) (*action, error) {
	if err := p.writable(); err != nil {
		return nil, err
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	a := &action{p: p, tx: tx, label: label, stored: label}
	err = func() error {
		res, err := tx.ExecContext(ctx, "INSERT INTO undo_steps (label, label_key, label_args, created) VALUES (?, ?, ?, ?)",
			label.Text, label.Key, encodeArgs(label.Args), now())
		if err != nil {
			return err
		}
		if a.step, err = res.LastInsertId(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE undo_state SET step = ?, stack = 'u' WHERE id = 1", a.step); err != nil {
			return err
		}
		if a.revision, err = bumpRevision(ctx, tx); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&a.writes)
	}()
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return a, nil
}

// end rolls back whatever finish did not commit, and closes the action to
// the contexts that carry it.
func (a *action) end() {
	a.done.Store(true)
	a.tx.Rollback()
}

// finish commits the action as its undo step, clearing the redo history and
// the steps beyond undoDepth. An action that changed nothing undoable leaves
// no step: it is rolled back, or, when it wrote only what undo does not keep
// (settings), committed without one.
func (a *action) finish(ctx context.Context) error {
	if a.broken != nil {
		return a.broken
	}
	tx := a.tx
	var changed bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM undo_log WHERE step = ? AND stack = 'u')", a.step).Scan(&changed); err != nil {
		return err
	}
	if !changed {
		var writes int64
		if err := tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&writes); err != nil {
			return err
		}
		if writes == a.writes {
			return nil // rolled back: nothing to record, nothing to commit
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM undo_steps WHERE id = ?", a.step); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE undo_state SET step = 0 WHERE id = 1"); err != nil {
			return err
		}
		return a.p.commit(tx, a.revision)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{"UPDATE undo_state SET step = 0 WHERE id = 1", nil},
		{"DELETE FROM undo_log WHERE step IN (SELECT id FROM undo_steps WHERE undone = 1)", nil},
		{"DELETE FROM undo_log WHERE step <= ?", []any{a.step - undoDepth}},
		{"DELETE FROM undo_steps WHERE undone = 1", nil},
		{"DELETE FROM undo_steps WHERE id <= ?", []any{a.step - undoDepth}},
	}
	if a.label.Text != a.stored.Text || a.label.Key != a.stored.Key || encodeArgs(a.label.Args) != encodeArgs(a.stored.Args) {
		stmts = append(stmts, struct {
			q    string
			args []any
		}{"UPDATE undo_steps SET label = ?, label_key = ?, label_args = ? WHERE id = ?", []any{a.label.Text, a.label.Key, encodeArgs(a.label.Args), a.step}})
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s.q, s.args...); err != nil {
			return err
		}
	}
	return a.p.commit(tx, a.revision)
}

// Step is one entry of the undo history: its label's English text, and
// the label as a window translates it (see Label).
type Step struct {
	ID    int64
	Label string
	Key   string
	Args  map[string]string
}

// stepColumns are what a Step is read from, for scanStep.
const stepColumns = "id, label, label_key, label_args"

func scanStep(row *sql.Row, s *Step) error {
	var args string
	if err := row.Scan(&s.ID, &s.Label, &s.Key, &args); err != nil {
		return err
	}
	s.Args = decodeArgs(args)
	return nil
}

// UndoStep is the step Undo would undo, if any.
func (p *Project) UndoStep(ctx context.Context) (Step, bool, error) {
	return p.peek(ctx, "SELECT "+stepColumns+" FROM undo_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1")
}

// RedoStep is the step Redo would redo, if any.
func (p *Project) RedoStep(ctx context.Context) (Step, bool, error) {
	return p.peek(ctx, "SELECT "+stepColumns+" FROM undo_steps WHERE undone = 1 ORDER BY id LIMIT 1")
}

func (p *Project) peek(ctx context.Context, q string) (Step, bool, error) {
	var s Step
	err := scanStep(p.conn(ctx).QueryRowContext(ctx, q), &s)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	return s, err == nil, err
}

// Undo reverses the latest action that is not yet undone and returns it.
func (p *Project) Undo(ctx context.Context) (Step, error) {
	return p.replay(ctx, "SELECT "+stepColumns+" FROM undo_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1",
		ErrNothingToUndo, "u", "r", 1)
}

// Redo repeats the earliest undone action and returns it.
func (p *Project) Redo(ctx context.Context) (Step, error) {
	return p.replay(ctx, "SELECT "+stepColumns+" FROM undo_steps WHERE undone = 1 ORDER BY id LIMIT 1",
		ErrNothingToRedo, "r", "u", 0)
}

// replay runs the recorded statements of one step from stack `from`, newest
// first, while the triggers record their reversal on stack `to`.
func (p *Project) replay(ctx context.Context, pick string, none error, from, to string, undone int) (Step, error) {
	if p.current(ctx) != nil {
		return Step{}, ErrInAction
	}
	if err := p.writable(); err != nil {
		return Step{}, err
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return Step{}, err
	}
	defer tx.Rollback()
	var s Step
	if err := scanStep(tx.QueryRowContext(ctx, pick), &s); err == sql.ErrNoRows {
		return s, none
	} else if err != nil {
		return s, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT sql FROM undo_log WHERE step = ? AND stack = ? ORDER BY seq DESC", s.ID, from)
	if err != nil {
		return s, err
	}
	var stmts []string
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			rows.Close()
			return s, err
		}
		stmts = append(stmts, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, err
	}
	pre := []struct {
		q    string
		args []any
	}{
		{"PRAGMA defer_foreign_keys = ON", nil},
		{"DELETE FROM undo_log WHERE step = ? AND stack = ?", []any{s.ID, from}},
		{"UPDATE undo_state SET step = ?, stack = ? WHERE id = 1", []any{s.ID, to}},
	}
	rev, err := bumpRevision(ctx, tx)
	if err != nil {
		return s, err
	}
	for _, q := range pre {
		if _, err := tx.ExecContext(ctx, q.q, q.args...); err != nil {
			return s, err
		}
	}
	for _, q := range stmts {
		if err := replayStatement(ctx, tx, q); err != nil {
			verb := "undo"
			if from == "r" {
				verb = "redo"
			}
			return s, fmt.Errorf("cannot %s %q: %w", verb, s.Label, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE undo_state SET step = 0 WHERE id = 1"); err != nil {
		return s, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE undo_steps SET undone = ? WHERE id = ?", undone, s.ID); err != nil {
		return s, err
	}
	return s, p.commit(tx, rev)
}

// ClearHistory forgets the whole undo and redo history, for a project that
// should start clean (the demo project).
func (p *Project) ClearHistory(ctx context.Context) error {
	if p.current(ctx) != nil {
		return ErrInAction
	}
	if err := p.writable(); err != nil {
		return err
	}
	_, err := p.db.ExecContext(ctx, "DELETE FROM undo_log; DELETE FROM undo_steps")
	return err
}

// changesKept is how many revisions of document changes are kept for
// ChangedDocuments; derived data older than that is rebuilt.
const changesKept = 20000

// bumpRevision raises the revision inside tx and returns its new value,
// for commit.
func bumpRevision(ctx context.Context, tx *sql.Tx) (int64, error) {
	var rev int64
	if err := tx.QueryRowContext(ctx, "UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value").Scan(&rev); err != nil {
		return 0, err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM doc_changes WHERE revision <= ?", rev-changesKept)
	return rev, err
}

// commit commits tx, which raised the revision to rev, and notes rev where
// KeepRevision asked.
func (p *Project) commit(tx *sql.Tx, rev int64) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	p.noteRevision(rev)
	return nil
}

// Revision counts the changes made to the project: every action, undo and
// redo raises it by one.
func (p *Project) Revision(ctx context.Context) (int64, error) {
	var r int64
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT value FROM revision WHERE id = 1").Scan(&r)
	return r, err
}

// ChangedDocuments returns the documents touched by the changes after
// revision since (deleted ones included), and the current revision. all is
// true when the history does not reach back that far or a change touched
// every document (the language changed): then everything must be redone.
func (p *Project) ChangedDocuments(ctx context.Context, since int64) (docs []int64, now int64, all bool, err error) {
	// One transaction, so the revision and the changes agree: the group's
	// when ctx carries one, else a read-only one of its own.
	var tx querier
	if a := p.current(ctx); a != nil {
		tx = a.tx
	} else {
		own, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, 0, false, err
		}
		defer own.Rollback()
		tx = own
	}
	if err := tx.QueryRowContext(ctx, "SELECT value FROM revision WHERE id = 1").Scan(&now); err != nil {
		return nil, 0, false, err
	}
	if since >= now {
		return nil, now, false, nil
	}
	if since < now-changesKept {
		return nil, now, true, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT doc_id FROM doc_changes WHERE revision > ? ORDER BY doc_id", since)
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, false, err
		}
		if id == 0 {
			return nil, now, true, nil
		}
		docs = append(docs, id)
	}
	return docs, now, false, rows.Err()
}
