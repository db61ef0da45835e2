package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Case is a participant: the person (or group) behind one or more speakers,
// with free attributes such as role, organisation or age.
type Case struct {
	ID         int64
	Name       string
	Attributes []Attribute
	Speakers   int // how many speakers in all documents are this participant
}

// Speaker is a speaker label in one document, linked to a participant.
type Speaker struct {
	ID          int64
	DocID       int64
	Document    string
	Label       string
	CaseID      int64
	Case        string
	Interviewer bool
	Turns       int
}

// caseByName returns the id of the case called name, creating it if create.
func caseByName(ctx context.Context, tx *sql.Tx, name string, create bool) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM cases WHERE name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) && create {
		res, err := tx.ExecContext(ctx, "INSERT INTO cases (name) VALUES (?)", name)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("participant %q: %w", name, ErrNotFound)
	}
	return id, err
}

// Cases lists the participants by name, with their attributes.
func (p *Project) Cases(ctx context.Context) ([]Case, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT c.id, c.name, (SELECT count(*) FROM speakers s WHERE s.case_id = c.id)
		FROM cases c ORDER BY c.name COLLATE NOCASE`)
	if err != nil {
		return nil, err
	}
	var out []Case
	for rows.Next() {
		var c Case
		if err := rows.Scan(&c.ID, &c.Name, &c.Speakers); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Attributes, err = p.attributes(ctx, "SELECT key, value FROM case_attributes WHERE case_id = ? ORDER BY key", out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetCaseAttribute sets (or, with an empty value, removes) an attribute of a
// participant.
func (p *Project) SetCaseAttribute(ctx context.Context, caseID int64, key, value string) error {
	key = strings.TrimSpace(key)
	if key == "" {
		return fmt.Errorf("attribute name: %w (it is empty)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Set "+key), func(tx *sql.Tx, label *Label) error {
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM cases WHERE id = ?", caseID).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("participant %d: %w", caseID, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Set {{.Key}} of {{.Name}} to {{.Value}}", "Key", key, "Name", name, "Value", value)
		if value == "" {
			*label = Phrase("Remove {{.Key}} of {{.Name}}", "Key", key, "Name", name)
			_, err := tx.ExecContext(ctx, "DELETE FROM case_attributes WHERE case_id = ? AND key = ?", caseID, key)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO case_attributes (case_id, key, value) VALUES (?, ?, ?)
			ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value`, caseID, key, value)
		return err
	})
}

// Speakers lists the speakers of one document, or of all documents when
// docID is 0, with their participants.
func (p *Project) Speakers(ctx context.Context, docID int64) ([]Speaker, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT s.id, s.doc_id, d.name, s.label, ifnull(s.case_id, 0), ifnull(c.name, ''), s.interviewer,
			(SELECT count(*) FROM turns t WHERE t.speaker_id = s.id)
		FROM speakers s JOIN documents d ON d.id = s.doc_id LEFT JOIN cases c ON c.id = s.case_id
		WHERE ? = 0 OR s.doc_id = ? ORDER BY d.name COLLATE NOCASE, s.id`, docID, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Speaker
	for rows.Next() {
		var s Speaker
		if err := rows.Scan(&s.ID, &s.DocID, &s.Document, &s.Label, &s.CaseID, &s.Case, &s.Interviewer, &s.Turns); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// MarkInterviewers marks speakers as interviewers (or not), as one action,
// so that search and counts can leave the interviewers out.
func (p *Project) MarkInterviewers(ctx context.Context, speakerIDs []int64, interviewer bool) error {
	return p.act(ctx, plainLabel("Mark interviewer"), func(tx *sql.Tx, label *Label) error {
		*label = markInterviewersLabel(ctx, tx, speakerIDs, interviewer)
		for _, id := range speakerIDs {
			res, err := tx.ExecContext(ctx, "UPDATE speakers SET interviewer = ? WHERE id = ?", interviewer, id)
			if err := expectOne(res, err)(fmt.Sprintf("speaker %d", id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// markInterviewersLabel names MarkInterviewers' step: "Mark Interviewer
// (Ana.docx) as an interviewer", "Mark 3 speakers as not interviewers".
func markInterviewersLabel(ctx context.Context, tx *sql.Tx, speakerIDs []int64, interviewer bool) Label {
	if len(speakerIDs) == 1 {
		var sp, doc string
		err := tx.QueryRowContext(ctx, "SELECT s.label, d.name FROM speakers s JOIN documents d ON d.id = s.doc_id WHERE s.id = ?", speakerIDs[0]).Scan(&sp, &doc)
		if err == nil && interviewer {
			return Phrase("Mark {{.Speaker}} ({{.Document}}) as an interviewer", "Speaker", sp, "Document", doc)
		}
		if err == nil {
			return Phrase("Mark {{.Speaker}} ({{.Document}}) as not an interviewer", "Speaker", sp, "Document", doc)
		}
	}
	if interviewer {
		return PhraseN("Mark {{.Count}} speaker as an interviewer", "Mark {{.Count}} speakers as interviewers", len(speakerIDs))
	}
	return PhraseN("Mark {{.Count}} speaker as not an interviewer", "Mark {{.Count}} speakers as not interviewers", len(speakerIDs))
}
