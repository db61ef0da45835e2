package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Summary is a thematic summary: what one document says about one code, in
// the researcher's words (MAXQDA calls the grid of them a Summary Grid).
type Summary struct {
	DocID    int64
	Document string
	CodeID   int64
	Code     string
	Text     string
	Edited   time.Time
}

// SummaryFilter narrows Summaries; zero fields do not filter.
type SummaryFilter struct {
	DocID  int64
	CodeID int64
}

// SetSummary writes the thematic summary of a document for a code, as one
// undoable action; an empty (or blank) text removes it.
func (p *Project) SetSummary(ctx context.Context, docID, codeID int64, text string) error {
	return p.act(ctx, plainLabel("Edit thematic summary"), func(tx *sql.Tx, label *Label) error {
		code, err := codeRow(ctx, tx, codeID)
		if err != nil {
			return err
		}
		var doc string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM documents WHERE id = ?", docID).Scan(&doc); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %d: %w", docID, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Edit the thematic summary of {{.Document}} for “{{.Code}}”", "Document", doc, "Code", code.Name)
		if strings.TrimSpace(text) == "" {
			*label = Phrase("Remove the thematic summary of {{.Document}} for “{{.Code}}”", "Document", doc, "Code", code.Name)
			_, err := tx.ExecContext(ctx, "DELETE FROM summaries WHERE doc_id = ? AND code_id = ?", docID, codeID)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO summaries (doc_id, code_id, text, edited) VALUES (?, ?, ?, ?)
			ON CONFLICT (doc_id, code_id) DO UPDATE SET text = excluded.text, edited = excluded.edited WHERE text <> excluded.text`,
			docID, codeID, text, now())
		return err
	})
}

// ThematicSummary returns the thematic summary of a document for a code, ""
// when there is none.
func (p *Project) ThematicSummary(ctx context.Context, docID, codeID int64) (string, error) {
	var text string
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT text FROM summaries WHERE doc_id = ? AND code_id = ?", docID, codeID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return text, err
}

// Summaries lists thematic summaries by document name, then in codebook
// order of their codes' creation.
func (p *Project) Summaries(ctx context.Context, f SummaryFilter) ([]Summary, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT s.doc_id, d.name, s.code_id, c.name, s.text, s.edited
		FROM summaries s JOIN documents d ON d.id = s.doc_id JOIN codes c ON c.id = s.code_id
		WHERE (? = 0 OR s.doc_id = ?) AND (? = 0 OR s.code_id = ?)
		ORDER BY d.name COLLATE NOCASE, d.id, c.pos, c.id`, f.DocID, f.DocID, f.CodeID, f.CodeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		var edited string
		if err := rows.Scan(&s.DocID, &s.Document, &s.CodeID, &s.Code, &s.Text, &edited); err != nil {
			return nil, err
		}
		s.Edited = parseTime(edited)
		out = append(out, s)
	}
	return out, rows.Err()
}
