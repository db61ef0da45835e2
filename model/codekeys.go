package model

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Code keys: the digit keys 1–9 apply the codes assigned to them. The
// assignment is stored in the project's settings table, so it follows the
// project to another computer, under the keys "codekey.1" … "codekey.9".
//
// Settings are not part of undo (the settings table has no undo triggers),
// which is right for a keyboard preference: Ctrl+Z should take back the
// last coding, not the key the user just gave a code.

const codeKeyPrefix = "codekey."

// MaxCodeKey is the highest digit a code can be assigned to (the keys are
// 1…MaxCodeKey).
const MaxCodeKey = 9

// CodeKeys returns the codes assigned to the digit keys: key (1–9) → code
// ID. It forgets a key whose code no longer exists (deleted, merged away, or
// its creation undone): SQLite may give a later code the same ID, and that
// code must not inherit the key.
func (p *Project) CodeKeys(ctx context.Context) (map[int]int64, error) {
	q := p.conn(ctx)
	if p.readOnly == nil { // a read-only project only leaves them out
		if _, err := q.ExecContext(ctx, `DELETE FROM settings WHERE key LIKE 'codekey.%'
		AND CAST(value AS INTEGER) NOT IN (SELECT id FROM codes)`); err != nil {
			return nil, fmt.Errorf("code keys: %w", err)
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT key, CAST(value AS INTEGER) FROM settings WHERE key LIKE 'codekey.%'
		AND CAST(value AS INTEGER) IN (SELECT id FROM codes)`)
	if err != nil {
		return nil, fmt.Errorf("code keys: %w", err)
	}
	defer rows.Close()
	keys := map[int]int64{}
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("code keys: %w", err)
		}
		k, err := strconv.Atoi(strings.TrimPrefix(name, codeKeyPrefix))
		if err != nil || k < 1 || k > MaxCodeKey {
			continue // not a key this version writes: ignore rather than fail the codebook
		}
		keys[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("code keys: %w", err)
	}
	return keys, nil
}

// SetCodeKey assigns the digit key (1–9) to a code; codeID 0 frees the key.
// A key moves from the code that had it; a code has at most one key, so a
// key it had before is freed. Not undoable (see the file comment).
func (p *Project) SetCodeKey(ctx context.Context, key int, codeID int64) error {
	if key < 1 || key > MaxCodeKey {
		return fmt.Errorf("code key %d: %w (use 1 to %d)", key, ErrInvalid, MaxCodeKey)
	}
	if a := p.current(ctx); a != nil { // inside a Group: join its transaction
		return setCodeKey(ctx, a.tx, key, codeID)
	}
	if err := p.writable(); err != nil {
		return err
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setCodeKey(ctx, tx, key, codeID); err != nil {
		return err
	}
	return tx.Commit()
}

func setCodeKey(ctx context.Context, tx *sql.Tx, key int, codeID int64) error {
	name := codeKeyPrefix + strconv.Itoa(key)
	if codeID == 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", name); err != nil {
			return fmt.Errorf("code key %d: %w", key, err)
		}
		return nil
	}
	if _, err := codeRow(ctx, tx, codeID); err != nil {
		return fmt.Errorf("code key %d: %w", key, err)
	}
	value := strconv.FormatInt(codeID, 10)
	if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key LIKE 'codekey.%' AND value = ?", value); err != nil {
		return fmt.Errorf("code key %d: %w", key, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", name, value); err != nil {
		return fmt.Errorf("code key %d: %w", key, err)
	}
	return nil
}
