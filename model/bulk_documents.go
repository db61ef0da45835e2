package model

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"
)

// ImportedDocument is what ImportDocuments did with one document: stored
// it, or found its text in the project already.
type ImportedDocument struct {
	// Document is the stored document, or for a duplicate the one that
	// holds the same text.
	Document
	// Duplicate says the text was in the project already (or came earlier
	// in the same call), so nothing was stored for it.
	Duplicate bool
}

// ImportDocuments stores documents, their speaker turns and attributes as
// one undoable action, as ImportDocument stores one, in the order given. A
// document whose text the project holds already (or an earlier one of the
// call) is not stored: its result names the document that has the text.
// An invalid document fails the whole action. Each speaker is linked to the
// participant of the same name, created when missing; a name in use gets a
// number.
func (p *Project) ImportDocuments(ctx context.Context, nds []NewDocument) ([]ImportedDocument, error) {
	for _, nd := range nds {
		if err := validateNewDocument(nd); err != nil {
			return nil, err
		}
	}
	hashes := make([]string, len(nds))
	for i, nd := range nds {
		sum := sha256.Sum256([]byte(nd.Text))
		hashes[i] = hex.EncodeToString(sum[:])
	}
	out := make([]ImportedDocument, len(nds))
	err := p.act(ctx, plainLabel("Import documents"), func(tx *sql.Tx, label *Label) error {
		clear(out)
		// Duplicates are found first, so that a call storing nothing
		// writes nothing.
		first := map[string]int{} // text → the index that stores it
		var store []int
		for i, nd := range nds {
			if nd.Text != "" {
				d, err := scanDocument(tx.QueryRowContext(ctx, "SELECT "+documentColumns+" FROM documents d WHERE d.sha256 = ? AND d.text = ? AND d.text <> '' ORDER BY d.id LIMIT 1", hashes[i], nd.Text))
				if err == nil {
					out[i] = ImportedDocument{Document: d, Duplicate: true}
					continue
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				if _, ok := first[nd.Text]; ok {
					continue
				}
				first[nd.Text] = i
			}
			store = append(store, i)
		}
		if len(store) == 0 {
			return nil
		}
		err := bulkAdd(ctx, tx, []string{"cases", "documents", "speakers", "document_attributes", "turns"}, func() error {
			s, err := prepareDocumentInserts(ctx, tx)
			if err != nil {
				return err
			}
			defer s.close()
			for _, i := range store {
				if out[i].Document, err = s.store(nds[i], hashes[i]); err != nil {
					return err
				}
			}
			return s.flush()
		})
		if err != nil {
			return err
		}
		for i, nd := range nds {
			if j, ok := first[nd.Text]; ok && j != i {
				out[i] = ImportedDocument{Document: out[j].Document, Duplicate: true}
			}
		}
		if len(nds) == 1 {
			*label = Phrase("Import {{.Document}}", "Document", out[0].Name)
		} else {
			*label = PhraseN("Import {{.Count}} document", "Import {{.Count}} documents", len(store))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// turnsPerInsert is how many turns one statement inserts (six values
// each, well within SQLite's 32,766 parameters).
const turnsPerInsert = 200

// documentInserts are the statements that store documents, prepared once
// for a whole import.
type documentInserts struct {
	ctx              context.Context
	tx               *sql.Tx
	doc, attr, turns *sql.Stmt
	pending          []any // the values of turns not yet inserted
}

func prepareDocumentInserts(ctx context.Context, tx *sql.Tx) (*documentInserts, error) {
	s := &documentInserts{ctx: ctx, tx: tx}
	var err error
	if s.doc, err = tx.PrepareContext(ctx, "INSERT INTO documents (name, text, chars, format, sha256, imported) VALUES (?, ?, ?, ?, ?, ?)"); err != nil {
		return nil, err
	}
	if s.attr, err = tx.PrepareContext(ctx, "INSERT INTO document_attributes (doc_id, pos, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value"); err != nil {
		s.close()
		return nil, err
	}
	if s.turns, err = tx.PrepareContext(ctx, turnInsert(turnsPerInsert)); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func turnInsert(n int) string {
	return "INSERT INTO turns (doc_id, start_rune, end_rune, speaker_id, begin_ms, until_ms) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", n), ", ")
}

func (s *documentInserts) close() {
	for _, st := range []*sql.Stmt{s.doc, s.attr, s.turns} {
		if st != nil {
			st.Close()
		}
	}
}

// store inserts one document with its attributes, speakers and turns.
func (s *documentInserts) store(nd NewDocument, hash string) (Document, error) {
	ctx, tx := s.ctx, s.tx
	name, err := freeDocumentName(ctx, tx, nd.Name)
	if err != nil {
		return Document{}, err
	}
	chars := utf8.RuneCountInString(nd.Text)
	imported := now()
	res, err := s.doc.ExecContext(ctx, name, nd.Text, chars, nd.Format, hash, imported)
	if err != nil {
		return Document{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Document{}, err
	}
	for i, a := range nd.Attributes {
		if _, err := s.attr.ExecContext(ctx, id, i, a.Key, a.Value); err != nil {
			return Document{}, err
		}
	}
	speakers := map[string]int64{}
	for _, t := range nd.Turns {
		var sid sql.NullInt64
		if t.Speaker != "" {
			if _, ok := speakers[t.Speaker]; !ok {
				sp, err := addSpeaker(ctx, tx, id, t.Speaker)
				if err != nil {
					return Document{}, err
				}
				speakers[t.Speaker] = sp
			}
			sid = sql.NullInt64{Int64: speakers[t.Speaker], Valid: true}
		}
		var begin, until sql.NullInt64
		if t.HasTime {
			begin = sql.NullInt64{Int64: t.Begin.Milliseconds(), Valid: true}
			until = sql.NullInt64{Int64: t.Until.Milliseconds(), Valid: true}
		}
		s.pending = append(s.pending, id, t.Start, t.End, sid, begin, until)
		if len(s.pending) == 6*turnsPerInsert {
			if _, err := s.turns.ExecContext(ctx, s.pending...); err != nil {
				return Document{}, err
			}
			s.pending = s.pending[:0]
		}
	}
	return Document{ID: id, Name: name, Format: nd.Format, Chars: chars, Imported: parseTime(imported), Speakers: len(speakers)}, nil
}

// flush inserts the turns still pending.
func (s *documentInserts) flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	_, err := s.tx.ExecContext(s.ctx, turnInsert(len(s.pending)/6), s.pending...)
	s.pending = s.pending[:0]
	return err
}
