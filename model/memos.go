package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MemoKind says what a memo is attached to.
type MemoKind string

// The things a memo can be attached to. A document's memo is its interview
// summary.
const (
	ProjectMemo  MemoKind = "project"
	DocumentMemo MemoKind = "document"
	CodeMemo     MemoKind = "code"
	CodingMemo   MemoKind = "coding"
	CaseMemo     MemoKind = "case"
)

var memoTables = map[MemoKind]string{
	ProjectMemo: "project", DocumentMemo: "documents", CodeMemo: "codes", CodingMemo: "codings", CaseMemo: "cases",
}

// Memo returns the memo on the project (id ignored), a document, a code, a
// coding or a participant.
func (p *Project) Memo(ctx context.Context, kind MemoKind, id int64) (string, error) {
	table, err := memoTable(kind, &id)
	if err != nil {
		return "", err
	}
	var memo string
	err = p.db.QueryRowContext(ctx, "SELECT memo FROM "+table+" WHERE id = ?", id).Scan(&memo)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s %d: %w", kind, id, ErrNotFound)
	}
	return memo, err
}

// SetMemo replaces a memo, as one undoable action.
func (p *Project) SetMemo(ctx context.Context, kind MemoKind, id int64, text string) error {
	table, err := memoTable(kind, &id)
	if err != nil {
		return err
	}
	return p.do(ctx, "Edit "+string(kind)+" memo", func(tx *sql.Tx) error {
		return expectOne(tx.ExecContext(ctx, "UPDATE "+table+" SET memo = ? WHERE id = ?", text, id))(fmt.Sprintf("%s %d", kind, id))
	})
}

func memoTable(kind MemoKind, id *int64) (string, error) {
	table, ok := memoTables[kind]
	if !ok {
		return "", fmt.Errorf("memo on %q: %w (use project, document, code, coding or case)", kind, ErrInvalid)
	}
	if kind == ProjectMemo {
		*id = 1
	}
	return table, nil
}
