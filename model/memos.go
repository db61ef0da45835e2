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
		var err error
		*label, err = memoLabel(ctx, tx, kind, id, strings.TrimSpace(text) == "")
		if err != nil {
			return err
		}
		return expectOne(tx.ExecContext(ctx, "UPDATE "+table+" SET memo = ? WHERE id = ?", text, id))(fmt.Sprintf("%s %d", kind, id))
	})
}

// memoLabel names a memo's undo step: "Edit the project memo", "Edit the
// memo of Ana.docx", "Edit the memo of code “Motivatie”", "Edit the memo of
// a coding of “Motivatie” in Ana.docx", "Edit the memo of participant
// Ana", or "Clear …" when the memo is emptied.
func memoLabel(ctx context.Context, tx *sql.Tx, kind MemoKind, id int64, clear bool) (Label, error) {
	var name, doc string
	var err error
	switch kind {
	case DocumentMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM documents WHERE id = ?", id).Scan(&name)
	case CodeMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM codes WHERE id = ?", id).Scan(&name)
	case CodingMemo:
		err = tx.QueryRowContext(ctx, `SELECT c.name, d.name FROM codings g JOIN codes c ON c.id = g.code_id
			JOIN documents d ON d.id = g.doc_id WHERE g.id = ?`, id).Scan(&name, &doc)
	case CaseMemo:
		err = tx.QueryRowContext(ctx, "SELECT name FROM cases WHERE id = ?", id).Scan(&name)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return Label{}, fmt.Errorf("%s %d: %w", kind, id, ErrNotFound)
	}
	if err != nil {
		return Label{}, err
	}
	// Each template is written out whole: the window translates them.
	switch {
	case kind == ProjectMemo && clear:
		return Phrase("Clear the project memo"), nil
	case kind == ProjectMemo:
		return Phrase("Edit the project memo"), nil
	case kind == DocumentMemo && clear:
		return Phrase("Clear the memo of {{.Document}}", "Document", name), nil
	case kind == DocumentMemo:
		return Phrase("Edit the memo of {{.Document}}", "Document", name), nil
	case kind == CodeMemo && clear:
		return Phrase("Clear the memo of code “{{.Code}}”", "Code", name), nil
	case kind == CodeMemo:
		return Phrase("Edit the memo of code “{{.Code}}”", "Code", name), nil
	case kind == CodingMemo && clear:
		return Phrase("Clear the memo of a coding of “{{.Code}}” in {{.Document}}", "Code", name, "Document", doc), nil
	case kind == CodingMemo:
		return Phrase("Edit the memo of a coding of “{{.Code}}” in {{.Document}}", "Code", name, "Document", doc), nil
	case clear:
		return Phrase("Clear the memo of participant {{.Participant}}", "Participant", name), nil
	default:
		return Phrase("Edit the memo of participant {{.Participant}}", "Participant", name), nil
	}
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
