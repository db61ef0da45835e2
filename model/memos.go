package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
	err = p.conn(ctx).QueryRowContext(ctx, "SELECT memo FROM "+table+" WHERE id = ?", id).Scan(&memo)
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
	return p.act(ctx, plainLabel("Edit "+string(kind)+" memo"), func(tx *sql.Tx, label *Label) error {
		memo, err := memoName(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		*label = plainLabel("Edit " + memo)
		if strings.TrimSpace(text) == "" {
			*label = plainLabel("Clear " + memo)
		}
		return expectOne(tx.ExecContext(ctx, "UPDATE "+table+" SET memo = ? WHERE id = ?", text, id))(fmt.Sprintf("%s %d", kind, id))
	})
}

// memoName names a memo for its undo step: "the project memo", "the memo
// of Ana.docx", "the memo of code “Motivatie”", "the memo of a coding of
// “Motivatie” in Ana.docx", "the memo of participant Ana".
func memoName(ctx context.Context, tx *sql.Tx, kind MemoKind, id int64) (string, error) {
	var name, doc string
	var err error
	switch kind {
	case ProjectMemo:
		return "the project memo", nil
	case DocumentMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM documents WHERE id = ?", id).Scan(&name)
	case CodeMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM codes WHERE id = ?", id).Scan(&name)
		name = "code " + quoted(name)
	case CodingMemo:
		err = tx.QueryRowContext(ctx, `SELECT c.name, d.name FROM codings g JOIN codes c ON c.id = g.code_id
			JOIN documents d ON d.id = g.doc_id WHERE g.id = ?`, id).Scan(&name, &doc)
		name = "a coding of " + quoted(name) + " in " + doc
	case CaseMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM cases WHERE id = ?", id).Scan(&name)
		name = "participant " + name
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s %d: %w", kind, id, ErrNotFound)
	}
	return "the memo of " + name, err
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
