package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
)

// Group runs fn as one user action: one transaction and one undo step called
// label, however many model calls fn makes. Every method of p that fn calls
// with the ctx it is given joins that transaction, so reads see the group's
// writes before they are committed, and Undo takes all of them back at once.
//
// If fn returns an error (or panics), everything it did is rolled back and
// no step is left; the error is returned as it is. A model call inside fn
// that fails changes nothing, and fn may carry on. A Group called inside fn
// joins the outer one: its label is not used, and its failure rolls back
// only its own part. An empty label names the step after the first action
// made inside. Undo, Redo and ClearHistory are refused inside a group.
//
// fn must call p from its own goroutine only, and must not keep ctx for
// later: the group ends when Group returns.
func (p *Project) Group(ctx context.Context, label string, fn func(ctx context.Context) error) error {
	return p.GroupAs(ctx, plainLabel(label), fn)
}

// GroupAs is Group with a label a window can translate (see Label).
func (p *Project) GroupAs(ctx context.Context, label Label, fn func(ctx context.Context) error) error {
	if a := p.current(ctx); a != nil {
		return a.savepoint(ctx, func() error { return fn(ctx) })
	}
	a, err := p.begin(ctx, label)
	if err != nil {
		return err
	}
	defer a.end()
	if err := fn(context.WithValue(ctx, actionKey{}, a)); err != nil {
		return err
	}
	return a.finish(ctx)
}

// action is one user action under way: its transaction and its undo step.
type action struct {
	p        *Project
	tx       *sql.Tx
	step     int64
	label    Label // the step's label, as it will be stored
	stored   Label // the label in undo_steps now
	writes   int64 // total_changes() once the step was set up
	revision int64 // the revision the action raised the project to
	depth    int   // savepoints open for the calls inside a group
	broken   error // set when SQLite gave up the whole transaction
	// whole is set inside Bulk: calls run without savepoints of their own,
	// and failed keeps the first that failed, which fails the whole.
	whole  bool
	failed error
	done   atomic.Bool
}

// actionKey is the context key under which Group puts its action.
type actionKey struct{}

// current is the action of p that ctx carries, if any.
func (p *Project) current(ctx context.Context) *action {
	a, _ := ctx.Value(actionKey{}).(*action)
	if a == nil || a.p != p || a.done.Load() {
		return nil
	}
	return a
}

// querier runs statements on the database or on a transaction.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// conn is where a read runs: in the transaction of the group ctx carries,
// which another connection could not see into (and whose write lock it
// would wait for), or else on the database.
func (p *Project) conn(ctx context.Context) querier {
	if a := p.current(ctx); a != nil {
		return a.tx
	}
	return p.db
}

// savepoint runs fn, one model call or nested group inside a group, so that
// when it fails only its own changes are rolled back.
func (a *action) savepoint(ctx context.Context, fn func() error) error {
	if a.broken != nil {
		return a.broken
	}
	if a.whole {
		if a.failed != nil {
			return a.failed
		}
		if err := fn(); err != nil {
			a.failed = err
			return err
		}
		return nil
	}
	a.depth++
	defer func() { a.depth-- }()
	name := fmt.Sprintf("call%d", a.depth)
	if _, err := a.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return err
	}
	// Rolling back must happen even when ctx is why fn failed.
	bg := context.WithoutCancel(ctx)
	if err := fn(); err != nil {
		if _, rerr := a.tx.ExecContext(bg, "ROLLBACK TO "+name); rerr != nil {
			a.broken = fmt.Errorf("the change was given up: %w", errors.Join(err, rerr))
			return a.broken
		}
		if _, rerr := a.tx.ExecContext(bg, "RELEASE "+name); rerr != nil {
			a.broken = fmt.Errorf("the change was given up: %w", errors.Join(err, rerr))
		}
		return err
	}
	_, err := a.tx.ExecContext(ctx, "RELEASE "+name)
	return err
}
