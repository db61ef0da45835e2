package model

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// applicationID marks a SQLite file as a Verbatim project ("VRBT").
const applicationID = 0x56524254

// migrations[i] brings a project from schema version i to i+1. A released
// migration never changes: a new schema is a new entry. Tests may append.
var migrations = []string{
	// Version 1: the foundation.
	`
CREATE TABLE project (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	uuid    TEXT NOT NULL,
	lang    TEXT NOT NULL,
	memo    TEXT NOT NULL DEFAULT '',
	created TEXT NOT NULL
);
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE coders (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);
CREATE TABLE documents (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE,
	text     TEXT NOT NULL,
	chars    INTEGER NOT NULL,
	format   TEXT NOT NULL,
	sha256   TEXT NOT NULL,
	imported TEXT NOT NULL,
	memo     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE TRIGGER documents_text_fixed BEFORE UPDATE OF text ON documents
WHEN new.text IS NOT old.text
BEGIN SELECT RAISE(ABORT, 'the text of a document never changes'); END;
CREATE TABLE document_attributes (
	doc_id INTEGER NOT NULL REFERENCES documents (id),
	pos    INTEGER NOT NULL,
	key    TEXT NOT NULL,
	value  TEXT NOT NULL,
	PRIMARY KEY (doc_id, key)
);
CREATE TABLE cases (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	memo TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_attributes (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	key     TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (case_id, key)
);
CREATE TABLE speakers (
	id          INTEGER PRIMARY KEY,
	doc_id      INTEGER NOT NULL REFERENCES documents (id),
	label       TEXT NOT NULL,
	case_id     INTEGER REFERENCES cases (id),
	interviewer INTEGER NOT NULL DEFAULT 0,
	UNIQUE (doc_id, label)
);
CREATE INDEX speakers_case ON speakers (case_id);
CREATE TABLE turns (
	id         INTEGER PRIMARY KEY,
	doc_id     INTEGER NOT NULL REFERENCES documents (id),
	start_rune INTEGER NOT NULL,
	end_rune   INTEGER NOT NULL,
	speaker_id INTEGER REFERENCES speakers (id),
	begin_ms   INTEGER,
	until_ms   INTEGER,
	CHECK (start_rune >= 0 AND end_rune > start_rune)
);
CREATE INDEX turns_doc ON turns (doc_id, start_rune);
CREATE INDEX turns_speaker ON turns (speaker_id);
CREATE TABLE codes (
	id          INTEGER PRIMARY KEY,
	parent_id   INTEGER REFERENCES codes (id),
	name        TEXT NOT NULL CHECK (name <> ''),
	color       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	memo        TEXT NOT NULL DEFAULT '',
	pos         INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX codes_name ON codes (ifnull(parent_id, 0), name COLLATE NOCASE);
CREATE TABLE codings (
	id         INTEGER PRIMARY KEY,
	doc_id     INTEGER NOT NULL REFERENCES documents (id),
	code_id    INTEGER NOT NULL REFERENCES codes (id),
	start_rune INTEGER NOT NULL,
	end_rune   INTEGER NOT NULL,
	coder_id   INTEGER NOT NULL REFERENCES coders (id),
	created    TEXT NOT NULL,
	memo       TEXT NOT NULL DEFAULT '',
	UNIQUE (doc_id, code_id, start_rune, end_rune),
	CHECK (start_rune >= 0 AND end_rune > start_rune)
);
CREATE INDEX codings_code ON codings (code_id);
CREATE TABLE undo_state (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	step  INTEGER NOT NULL,
	stack TEXT NOT NULL
);
INSERT INTO undo_state (id, step, stack) VALUES (1, 0, 'u');
CREATE TABLE undo_steps (
	id      INTEGER PRIMARY KEY,
	label   TEXT NOT NULL,
	created TEXT NOT NULL,
	undone  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE undo_log (
	seq   INTEGER PRIMARY KEY,
	step  INTEGER NOT NULL,
	stack TEXT NOT NULL,
	sql   TEXT NOT NULL
);
CREATE INDEX undo_log_step ON undo_log (step, stack);
CREATE TABLE revision (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	value INTEGER NOT NULL
);
INSERT INTO revision (id, value) VALUES (1, 0);
CREATE TABLE doc_changes (
	revision INTEGER NOT NULL,
	doc_id   INTEGER NOT NULL,
	PRIMARY KEY (revision, doc_id)
) WITHOUT ROWID;
` + changeTriggers + `
CREATE INDEX undo_steps_undone ON undo_steps (undone, id);
`,
	// Version 2: key quotes, thematic summaries (document × code) and
	// pseudonyms for exports.
	`
ALTER TABLE codings ADD COLUMN key_quote INTEGER NOT NULL DEFAULT 0;
CREATE TABLE summaries (
	doc_id  INTEGER NOT NULL REFERENCES documents (id),
	code_id INTEGER NOT NULL REFERENCES codes (id),
	text    TEXT NOT NULL CHECK (text <> ''),
	edited  TEXT NOT NULL,
	PRIMARY KEY (doc_id, code_id)
);
CREATE INDEX summaries_code ON summaries (code_id);
CREATE TABLE pseudonyms (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL CHECK (name <> ''),
	pseudonym TEXT NOT NULL CHECK (pseudonym <> '')
);
CREATE UNIQUE INDEX pseudonyms_name ON pseudonyms (name COLLATE NOCASE);
`,
	// Version 3: the GUIDs that codes, documents, codings, participants and
	// coders brought with a REFI-QDA import, so that an export gives them
	// back unchanged. A row goes when what it names goes.
	`
CREATE TABLE guids (
	kind TEXT NOT NULL,
	id   INTEGER NOT NULL,
	guid TEXT NOT NULL,
	PRIMARY KEY (kind, id)
);
CREATE INDEX guids_guid ON guids (kind, guid);
CREATE TRIGGER guids_codes_delete AFTER DELETE ON codes BEGIN
	DELETE FROM guids WHERE kind = 'code' AND id = old.id; END;
CREATE TRIGGER guids_documents_delete AFTER DELETE ON documents BEGIN
	DELETE FROM guids WHERE kind = 'document' AND id = old.id; END;
CREATE TRIGGER guids_codings_delete AFTER DELETE ON codings BEGIN
	DELETE FROM guids WHERE kind IN ('coding', 'selection') AND id = old.id; END;
CREATE TRIGGER guids_cases_delete AFTER DELETE ON cases BEGIN
	DELETE FROM guids WHERE kind = 'case' AND id = old.id; END;
CREATE TRIGGER guids_coders_delete AFTER DELETE ON coders BEGIN
	DELETE FROM guids WHERE kind = 'coder' AND id = old.id; END;
`,
	// Version 4: an undo step's label as a window translates it: the
	// English text's template and the parts it fills in (model.Label). The
	// steps before it have their English text only.
	`
ALTER TABLE undo_steps ADD COLUMN label_key TEXT NOT NULL DEFAULT '';
ALTER TABLE undo_steps ADD COLUMN label_args TEXT NOT NULL DEFAULT '';
`,
}

// changeTriggers record, for each revision, which documents an action
// touched (doc_id 0: all of them), so that derived data such as the search
// index can catch up incrementally. Not part of the undo history: undo and
// redo are changes too.
const changeTriggers = `
CREATE TRIGGER changes_documents_insert AFTER INSERT ON documents BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.id FROM revision; END;
CREATE TRIGGER changes_documents_update AFTER UPDATE ON documents BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.id FROM revision; END;
CREATE TRIGGER changes_documents_delete AFTER DELETE ON documents BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, old.id FROM revision; END;
CREATE TRIGGER changes_codings_insert AFTER INSERT ON codings BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_codings_update AFTER UPDATE ON codings BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_codings_delete AFTER DELETE ON codings BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, old.doc_id FROM revision; END;
CREATE TRIGGER changes_turns_insert AFTER INSERT ON turns BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_turns_update AFTER UPDATE ON turns BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_turns_delete AFTER DELETE ON turns BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, old.doc_id FROM revision; END;
CREATE TRIGGER changes_speakers_update AFTER UPDATE ON speakers BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_speakers_delete AFTER DELETE ON speakers BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, old.doc_id FROM revision; END;
CREATE TRIGGER changes_document_attributes_insert AFTER INSERT ON document_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_document_attributes_update AFTER UPDATE ON document_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, new.doc_id FROM revision; END;
CREATE TRIGGER changes_document_attributes_delete AFTER DELETE ON document_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, old.doc_id FROM revision; END;
CREATE TRIGGER changes_codes_update AFTER UPDATE ON codes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT r.value, g.doc_id FROM revision r, codings g WHERE g.code_id = new.id; END;
CREATE TRIGGER changes_cases_update AFTER UPDATE ON cases BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT r.value, s.doc_id FROM revision r, speakers s WHERE s.case_id = new.id; END;
CREATE TRIGGER changes_case_attributes_insert AFTER INSERT ON case_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT r.value, s.doc_id FROM revision r, speakers s WHERE s.case_id = new.case_id; END;
CREATE TRIGGER changes_case_attributes_update AFTER UPDATE ON case_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT r.value, s.doc_id FROM revision r, speakers s WHERE s.case_id = new.case_id; END;
CREATE TRIGGER changes_case_attributes_delete AFTER DELETE ON case_attributes BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT r.value, s.doc_id FROM revision r, speakers s WHERE s.case_id = old.case_id; END;
CREATE TRIGGER changes_project_update AFTER UPDATE OF lang ON project BEGIN
	INSERT OR IGNORE INTO doc_changes SELECT value, 0 FROM revision; END;
`

// SchemaVersion is the project-file version this build writes.
func SchemaVersion() int { return len(migrations) }

// undoTables are the tables whose every change is recorded for undo.
var undoTables = []string{
	"project", "coders", "documents", "document_attributes", "cases", "case_attributes",
	"speakers", "turns", "codes", "codings", "summaries", "pseudonyms", "guids",
}

// fixedColumns never change after insert, so update triggers leave them out
// of the undo record (a summary edit must not copy a whole transcript).
var fixedColumns = map[string]bool{"documents.text": true}

// migrate brings the open database to SchemaVersion, first copying the file
// to a backup when it holds an older version.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	var version, appID int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return err
	}
	if version == SchemaVersion() && appID == applicationID {
		return nil
	}
	if version < 0 {
		return badVersion(version)
	}
	if appID != applicationID && (appID != 0 || version != 0) {
		return ErrNotProject
	}
	if version == 0 {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrNotProject // a SQLite database of someone else's
		}
	}
	if version > SchemaVersion() {
		return fmt.Errorf("%w (project version %d, this Verbatim reads up to %d)", ErrNewerVersion, version, SchemaVersion())
	}
	var backup string
	if version > 0 {
		backup = fmt.Sprintf("%s.v%d-backup-%s", path, version, time.Now().UTC().Format("20060102T150405"))
		if _, err := db.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
			return fmt.Errorf("backing up before upgrading: %w", err)
		}
		keepMode(path, backup)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for v := version; v < SchemaVersion(); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			if msg := err.Error(); version > 0 && (strings.Contains(msg, "already exists") || strings.Contains(msg, "duplicate column name")) {
				// Nothing was changed: the copy made for it is not needed
				// (each attempt left another). A file whose tables are of
				// a later version than its header says has a damaged
				// header.
				os.Remove(backup)
				return fmt.Errorf("upgrading the project from version %d to %d: %w (%w)", version, v+1, badHeader(version), err)
			}
			return fmt.Errorf("upgrading the project to version %d: %w", v+1, err)
		}
	}
	if err := createUndoTriggers(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", SchemaVersion(), applicationID)); err != nil {
		return err
	}
	return tx.Commit()
}

// badVersion is the error of a file whose header holds an impossible
// version number (a negative one: a flipped bit of its header made every
// command panic).
func badVersion(version int) error {
	return fmt.Errorf("%w: its header is damaged (its version number %d is impossible); 'verbatim repair FILE -o NEW.verbatim' saves what can be read into a new project", ErrNotProject, version)
}

// badHeader is the error of a file whose tables do not match the version
// its header gives, so that upgrading it fails.
func badHeader(version int) error {
	return fmt.Errorf("%w: its header is damaged, or it was changed outside Verbatim (its tables are not those of version %d, as its header says); 'verbatim repair FILE -o NEW.verbatim' saves what can be read into a new project", ErrNotProject, version)
}

// BackupPaths lists the backups migrations made of the project at path.
func BackupPaths(path string) []string {
	var out []string
	dir, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return nil
	}
	base := filepath.Base(path) + ".v"
	for _, e := range dir {
		if strings.HasPrefix(e.Name(), base) && strings.Contains(e.Name(), "-backup-") {
			out = append(out, filepath.Join(filepath.Dir(path), e.Name()))
		}
	}
	return out
}

// createUndoTriggers (re)creates, for every undo table, triggers that record
// the SQL which reverses each insert, update and delete into undo_log, under
// the step and stack named in undo_state. They are generated from the live
// schema, so a migration that adds a column is covered automatically.
func createUndoTriggers(ctx context.Context, tx *sql.Tx) error {
	for _, table := range undoTables {
		cols, rowidAlias, err := tableColumns(ctx, tx, table)
		if err != nil {
			return err
		}
		if len(cols) == 0 {
			continue // a table of a later schema version (tests build old files)
		}
		insertCols := append([]string(nil), cols...)
		values := make([]string, 0, len(cols)+1)
		if rowidAlias == "" {
			insertCols = append([]string{"rowid"}, insertCols...)
			values = append(values, "old.rowid")
		}
		var sets []string
		for _, c := range cols {
			values = append(values, "quote(old."+c+")")
			if !fixedColumns[table+"."+c] && c != rowidAlias {
				sets = append(sets, fmt.Sprintf("'%s='||quote(old.%s)", c, c))
			}
		}
		stmts := []string{
			fmt.Sprintf("DROP TRIGGER IF EXISTS undo_%s_insert", table),
			fmt.Sprintf("DROP TRIGGER IF EXISTS undo_%s_update", table),
			fmt.Sprintf("DROP TRIGGER IF EXISTS undo_%s_delete", table),
			fmt.Sprintf(`CREATE TRIGGER undo_%[1]s_insert AFTER INSERT ON %[1]s BEGIN
INSERT INTO undo_log (step, stack, sql) SELECT step, stack, 'DELETE FROM %[1]s WHERE rowid='||new.rowid FROM undo_state WHERE step > 0; END`, table),
			fmt.Sprintf(`CREATE TRIGGER undo_%[1]s_update AFTER UPDATE ON %[1]s BEGIN
INSERT INTO undo_log (step, stack, sql) SELECT step, stack, 'UPDATE %[1]s SET '||%[2]s||' WHERE rowid='||old.rowid FROM undo_state WHERE step > 0; END`,
				table, strings.Join(sets, "||','||")),
			fmt.Sprintf(`CREATE TRIGGER undo_%[1]s_delete AFTER DELETE ON %[1]s BEGIN
INSERT INTO undo_log (step, stack, sql) SELECT step, stack, 'INSERT INTO %[1]s (%[2]s) VALUES ('||%[3]s||')' FROM undo_state WHERE step > 0; END`,
				table, strings.Join(insertCols, ", "), strings.Join(values, "||','||")),
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("undo trigger for %s: %w", table, err)
			}
		}
	}
	return nil
}

// tableColumns returns a table's columns in order, and the name of the column
// that aliases the rowid (an INTEGER PRIMARY KEY), if any.
func tableColumns(ctx context.Context, tx *sql.Tx, table string) (cols []string, rowidAlias string, err error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	pks := 0
	var pkName, pkType string
	for rows.Next() {
		var name, typ string
		var pk int
		if err := rows.Scan(&name, &typ, &pk); err != nil {
			return nil, "", err
		}
		cols = append(cols, name)
		if pk > 0 {
			pks++
			pkName, pkType = name, typ
		}
	}
	if pks == 1 && strings.EqualFold(pkType, "INTEGER") {
		rowidAlias = pkName
	}
	return cols, rowidAlias, rows.Err()
}
