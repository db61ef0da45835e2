package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RecodeCoding moves a coding to another code as one undoable action. The
// passage, the coder, the date, the memo and the key-quote mark stay as
// they are: it is the same coding, filed under the code it should have had.
// A coding the target code already has on exactly that passage is refused
// with ErrDuplicate, and the coding's own code with ErrInvalid.
func (p *Project) RecodeCoding(ctx context.Context, id, codeID int64) error {
	return p.act(ctx, plainLabel("Recode a passage"), func(tx *sql.Tx, label *Label) error {
		var from, doc string
		var fromID, docID int64
		var start, end int
		err := tx.QueryRowContext(ctx, `SELECT g.code_id, c.name, g.doc_id, d.name, g.start_rune, g.end_rune
			FROM codings g JOIN codes c ON c.id = g.code_id JOIN documents d ON d.id = g.doc_id WHERE g.id = ?`, id).
			Scan(&fromID, &from, &docID, &doc, &start, &end)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("coding %d: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		to, err := codeRow(ctx, tx, codeID)
		if err != nil {
			return err
		}
		if fromID == codeID {
			return fmt.Errorf("recode: %w (the passage is coded with %q already)", ErrInvalid, to.Name)
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM codings
			WHERE doc_id = ? AND code_id = ? AND start_rune = ? AND end_rune = ?)`, docID, codeID, start, end).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("%q at %d:%d in %s: %w", to.Name, start, end, doc, ErrDuplicate)
		}
		*label = Phrase("Recode a passage of {{.Document}} from “{{.From}}” to “{{.To}}”", "Document", doc, "From", from, "To", to.Name)
		return expectOne(tx.ExecContext(ctx, "UPDATE codings SET code_id = ? WHERE id = ?", codeID, id))(fmt.Sprintf("coding %d", id))
	})
}
