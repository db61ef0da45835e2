package model

import (
	"context"
	"fmt"
	"strings"
)

// MemoSession is one stretch of editing one memo, from when an editor shows
// it until the editor leaves it. An editor that saves as the researcher types
// saves many times in a session; SetMemoContinuing keeps all those saves in
// one undo step. The zero value is a session that has saved nothing yet; a
// session is used for one memo, and by one goroutine.
type MemoSession struct {
	kind MemoKind
	id   int64
	step int64 // the undo step of its first save that changed the memo; 0 before
}

// SetMemoContinuing replaces a memo as SetMemo does, as part of session s.
// The session's first save that changes the memo is an undo step of its
// own; a later save replaces the memo within that step, so that undoing it
// brings back the memo as it was before the session. A save makes a new step
// instead when the session's step is no longer the latest one (something
// else was done, or the step was undone), or when s was last used for
// another memo. Saving the memo unchanged does nothing. Inside a Group, the
// save joins the group's step.
func (p *Project) SetMemoContinuing(ctx context.Context, kind MemoKind, id int64, text string, s *MemoSession) error {
	if _, err := memoTable(kind, &id); err != nil {
		return err
	}
	if p.current(ctx) != nil {
		return p.SetMemo(ctx, kind, id, text)
	}
	if s.kind != kind || s.id != id {
		*s = MemoSession{kind: kind, id: id}
	}
	if s.step != 0 {
		amended, err := p.amendMemo(ctx, kind, id, text, s.step)
		if err != nil || amended {
			return err
		}
	}
	var step int64
	err := p.Group(ctx, "", func(ctx context.Context) error {
		old, err := p.Memo(ctx, kind, id)
		if err != nil || old == text {
			return err
		}
		if err := p.SetMemo(ctx, kind, id, text); err != nil {
			return err
		}
		step = p.current(ctx).step
		return nil
	})
	if err == nil && step != 0 {
		s.step = step
	}
	return err
}

// amendMemo replaces a memo within undo step step, if that is still the
// latest step and nothing is undone; it reports whether it did. Nothing is
// recorded for undo: the step's first record of the memo's row already
// brings it back as it was before the step, and nothing else has touched the
// row since, or step would not be the latest.
func (p *Project) amendMemo(ctx context.Context, kind MemoKind, id int64, text string, step int64) (bool, error) {
	table, err := memoTable(kind, &id)
	if err != nil {
		return false, err
	}
	if err := p.writable(); err != nil {
		return false, err
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var latest bool
	if err := tx.QueryRowContext(ctx, `SELECT ifnull((SELECT max(id) FROM undo_steps WHERE undone = 0), 0) = ?
		AND NOT EXISTS (SELECT 1 FROM undo_steps WHERE undone = 1)`, step).Scan(&latest); err != nil || !latest {
		return false, err
	}
	label, err := memoLabel(ctx, tx, kind, id, strings.TrimSpace(text) == "")
	if err != nil {
		return false, err
	}
	rev, err := bumpRevision(ctx, tx)
	if err != nil {
		return false, err
	}
	if err := expectOne(tx.ExecContext(ctx, "UPDATE "+table+" SET memo = ? WHERE id = ?", text, id))(fmt.Sprintf("%s %d", kind, id)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE undo_steps SET label = ?, label_key = ?, label_args = ? WHERE id = ?", label.Text, label.Key, encodeArgs(label.Args), step); err != nil {
		return false, err
	}
	return true, p.commit(tx, rev)
}
