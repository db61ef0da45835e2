package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// RenameSpeakers makes speakers (of one or several documents) the
// participant called name, as one action. When those speakers are all of
// one participant's speakers and no participant is called name yet, that
// participant is renamed, keeping its attributes and memo. Otherwise they
// join the participant called name (created when new), which links one
// person across interviews; a participant left with no speakers, attributes
// or memo is removed.
func (p *Project) RenameSpeakers(ctx context.Context, speakerIDs []int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("participant name: %w (it is empty)", ErrInvalid)
	}
	if len(speakerIDs) == 0 {
		return fmt.Errorf("rename: %w (no speakers given)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Rename speaker to "+name), func(tx *sql.Tx, label *Label) error {
		old := map[int64]int{} // participant -> how many of the speakers are it
		*label = PhraseN("Rename {{.Count}} speaker to {{.Name}}", "Rename {{.Count}} speakers to {{.Name}}", len(speakerIDs), "Name", name)
		for _, id := range speakerIDs {
			var c sql.NullInt64
			var sp string
			if err := tx.QueryRowContext(ctx, "SELECT case_id, label FROM speakers WHERE id = ?", id).Scan(&c, &sp); errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("speaker %d: %w", id, ErrNotFound)
			} else if err != nil {
				return err
			}
			if len(speakerIDs) == 1 {
				*label = Phrase("Rename speaker {{.Speaker}} to {{.Name}}", "Speaker", sp, "Name", name)
			}
			if c.Valid {
				old[c.Int64]++
			}
		}
		target, err := caseByName(ctx, tx, name, false)
		if errors.Is(err, ErrNotFound) {
			if len(old) == 1 {
				for c, n := range old {
					var all int
					if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM speakers WHERE case_id = ?", c).Scan(&all); err != nil {
						return err
					}
					if all == n {
						_, err := tx.ExecContext(ctx, "UPDATE cases SET name = ? WHERE id = ?", name, c)
						return err
					}
				}
			}
			target, err = caseByName(ctx, tx, name, true)
		}
		if err != nil {
			return err
		}
		for _, id := range speakerIDs {
			if _, err := tx.ExecContext(ctx, "UPDATE speakers SET case_id = ? WHERE id = ?", target, id); err != nil {
				return err
			}
		}
		for c := range old {
			if c != target {
				if err := dropUnusedCase(ctx, tx, c); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// dropUnusedCase removes a participant nothing refers to and nothing was
// written about.
func dropUnusedCase(ctx context.Context, tx *sql.Tx, caseID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM cases WHERE id = ?1 AND memo = ''
		AND NOT EXISTS (SELECT 1 FROM speakers WHERE case_id = ?1)
		AND NOT EXISTS (SELECT 1 FROM case_attributes WHERE case_id = ?1)`, caseID)
	return err
}

// MergeSpeakers gives all turns of speaker src to speaker dst, in the same
// document, and removes src.
func (p *Project) MergeSpeakers(ctx context.Context, src, dst int64) error {
	if src == dst {
		return fmt.Errorf("merge: %w (a speaker cannot merge into itself)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Merge speakers"), func(tx *sql.Tx, label *Label) error {
		var srcDoc, dstDoc int64
		var srcCase sql.NullInt64
		var srcLabel, dstLabel string
		if err := tx.QueryRowContext(ctx, "SELECT doc_id, case_id, label FROM speakers WHERE id = ?", src).Scan(&srcDoc, &srcCase, &srcLabel); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("speaker %d: %w", src, ErrNotFound)
		} else if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT doc_id, label FROM speakers WHERE id = ?", dst).Scan(&dstDoc, &dstLabel); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("speaker %d: %w", dst, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Merge speaker {{.Speaker}} into {{.Into}}", "Speaker", srcLabel, "Into", dstLabel)
		if srcDoc != dstDoc {
			return fmt.Errorf("merge: %w (the speakers are in different documents; rename one to the other's participant instead)", ErrInvalid)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE turns SET speaker_id = ? WHERE speaker_id = ?", dst, src); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM speakers WHERE id = ?", src); err != nil {
			return err
		}
		if srcCase.Valid {
			return dropUnusedCase(ctx, tx, srcCase.Int64)
		}
		return nil
	})
}

// SplitSpeaker gives some turns of a speaker to another speaker of the same
// document, called label, created (and linked to the participant of that
// name) when the document has none.
func (p *Project) SplitSpeaker(ctx context.Context, speakerID int64, turnIDs []int64, label string) error {
	label = strings.TrimSpace(label)
	if label == "" {
		return fmt.Errorf("speaker name: %w (it is empty)", ErrInvalid)
	}
	if len(turnIDs) == 0 {
		return fmt.Errorf("split: %w (no turns given)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Split speaker"), func(tx *sql.Tx, name *Label) error {
		var docID int64
		var from string
		if err := tx.QueryRowContext(ctx, "SELECT doc_id, label FROM speakers WHERE id = ?", speakerID).Scan(&docID, &from); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("speaker %d: %w", speakerID, ErrNotFound)
		} else if err != nil {
			return err
		}
		*name = PhraseN("Give a turn of {{.From}} to {{.To}}", "Give {{.Count}} turns of {{.From}} to {{.To}}", len(turnIDs), "From", from, "To", label)
		var target int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM speakers WHERE doc_id = ? AND label = ?", docID, label).Scan(&target)
		if errors.Is(err, sql.ErrNoRows) {
			target, err = addSpeaker(ctx, tx, docID, label)
		}
		if err != nil {
			return err
		}
		for _, t := range turnIDs {
			res, err := tx.ExecContext(ctx, "UPDATE turns SET speaker_id = ? WHERE id = ? AND speaker_id = ?", target, t, speakerID)
			if err := expectOne(res, err)(fmt.Sprintf("turn %d of that speaker", t)); err != nil {
				return err
			}
		}
		return nil
	})
}

// RenameParticipant renames a participant. When another participant has
// that name already, the two become one: its speakers and attributes join
// the existing participant (whose own attribute values win).
func (p *Project) RenameParticipant(ctx context.Context, caseID int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("participant name: %w (it is empty)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Rename participant to "+name), func(tx *sql.Tx, label *Label) error {
		var old, memo string
		if err := tx.QueryRowContext(ctx, "SELECT name, memo FROM cases WHERE id = ?", caseID).Scan(&old, &memo); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("participant %d: %w", caseID, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Rename participant {{.Old}} to {{.New}}", "Old", old, "New", name)
		target, err := caseByName(ctx, tx, name, false)
		if errors.Is(err, ErrNotFound) || target == caseID {
			_, err := tx.ExecContext(ctx, "UPDATE cases SET name = ? WHERE id = ?", name, caseID)
			return err
		}
		if err != nil {
			return err
		}
		for _, st := range []struct {
			q    string
			args []any
		}{
			{"UPDATE speakers SET case_id = ?1 WHERE case_id = ?2", []any{target, caseID}},
			{`INSERT INTO case_attributes (case_id, key, value) SELECT ?1, key, value FROM case_attributes WHERE case_id = ?2
				ON CONFLICT (case_id, key) DO NOTHING`, []any{target, caseID}},
			{"DELETE FROM case_attributes WHERE case_id = ?", []any{caseID}},
			{"UPDATE cases SET memo = CASE WHEN memo = '' THEN ?1 ELSE memo || char(10) || char(10) || ?1 END WHERE id = ?2 AND ?1 <> ''", []any{memo, target}},
			{"DELETE FROM cases WHERE id = ?", []any{caseID}},
		} {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// GenericSpeakerLabel reports whether name is a generic speaker label rather
// than a person's name: a role ("Interviewer", "Speaker 2", "Int",
// "Deelnemer 3") or one letter with a number ("S01", "P3").
func GenericSpeakerLabel(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	base := strings.TrimRight(n, "0123456789 _-.")
	switch base {
	case "interviewer", "interviewee", "researcher", "respondent", "participant",
		"moderator", "facilitator", "speaker", "spreker", "onderzoeker", "geïnterviewde",
		"deelnemer", "interviewster", "int", "resp", "q", "a", "i", "r", "s", "p",
		"befragte", "befragter", "interviewerin", "sprecher", "teilnehmer", "teilnehmerin":
		return base != n || len(base) > 1
	}
	return false
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }
