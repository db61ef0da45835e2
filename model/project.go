package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Project is an open project file. It is safe for concurrent use; writes are
// serialised by SQLite, and only one process may have a project open.
type Project struct {
	db   *sql.DB
	lock *os.File
	path string
	uuid string
}

// Languages a project's text can be analysed in.
var Languages = []string{"nl", "en"}

// Create makes a new project file at path. It refuses to overwrite a file.
func Create(ctx context.Context, path, lang string) (*Project, error) {
	if !validLanguage(lang) {
		return nil, fmt.Errorf("language %q: %w (use %s)", lang, ErrInvalid, strings.Join(Languages, " or "))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	}
	if err != nil {
		return nil, err
	}
	p, err := open(ctx, path, f)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	_, err = p.conn(ctx).ExecContext(ctx, "INSERT INTO project (id, uuid, lang, created) VALUES (1, ?, ?, ?)",
		uuid.NewString(), lang, now())
	if err == nil {
		err = p.loadUUID(ctx)
	}
	if err != nil {
		p.Close()
		os.Remove(path)
		return nil, err
	}
	return p, nil
}

// Open opens an existing project file, upgrading it (after a backup) when it
// was written by an older version. It fails at once with ErrLocked when
// another process has the project open.
func Open(ctx context.Context, path string) (*Project, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	p, err := open(ctx, path, f)
	if err != nil {
		return nil, err
	}
	if err := p.loadUUID(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	return p, nil
}

func open(ctx context.Context, path string, lock *os.File) (*Project, error) {
	if err := lockFile(lock); err != nil {
		lock.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		lock.Close()
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		lock.Close()
		return nil, err
	}
	p := &Project{db: db, lock: lock, path: abs}
	if err := migrate(ctx, db, abs); err != nil {
		p.Close()
		if isNotADatabase(err) {
			err = ErrNotProject
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// WAL: readers never block the writer, and a crash cannot tear a commit.
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// dsn builds the connection string: full sync so a committed action
// survives a power cut, foreign keys enforced, and write transactions that
// take the write lock when they begin. WAL mode is set once the file is known
// to be a project (it is persistent), so that a foreign file is never changed.
func dsn(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/...
	}
	return u.String() + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(FULL)&_txlock=immediate"
}

func isNotADatabase(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_NOTADB || se.Code()&0xff == sqlite3.SQLITE_CORRUPT)
}

func (p *Project) loadUUID(ctx context.Context) error {
	return p.conn(ctx).QueryRowContext(ctx, "SELECT uuid FROM project WHERE id = 1").Scan(&p.uuid)
}

// Close closes the project and releases its lock.
func (p *Project) Close() error {
	err := p.db.Close()
	if p.lock != nil {
		p.lock.Close()
		p.lock = nil
	}
	return err
}

// Path is the project file's absolute path.
func (p *Project) Path() string { return p.path }

// UUID identifies the project across copies and renames of its file.
func (p *Project) UUID() string { return p.uuid }

// Language is the language the project's text is analysed in ("nl", "en").
func (p *Project) Language(ctx context.Context) (string, error) {
	var lang string
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT lang FROM project WHERE id = 1").Scan(&lang)
	return lang, err
}

// SetLanguage changes the project's language.
func (p *Project) SetLanguage(ctx context.Context, lang string) error {
	if !validLanguage(lang) {
		return fmt.Errorf("language %q: %w (use %s)", lang, ErrInvalid, strings.Join(Languages, " or "))
	}
	return p.do(ctx, plainLabel("Change the language to "+languageNames[lang]), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE project SET lang = ? WHERE id = 1", lang)
		return err
	})
}

// Coder is the name codings are attributed to: the one set with SetCoder, or
// else the operating system's user name.
func (p *Project) Coder(ctx context.Context) (string, error) {
	var name string
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'coder'").Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultCoder(), nil
	}
	return name, err
}

// SetCoder sets the name new codings are attributed to in this project.
func (p *Project) SetCoder(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("coder name: %w (it is empty)", ErrInvalid)
	}
	_, err := p.conn(ctx).ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ('coder', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", name)
	return err
}

// DefaultCoder is the operating system's user name, or "coder".
func DefaultCoder() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return strings.TrimSpace(strings.Split(u.Name, ",")[0])
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return "coder"
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok"
// when the file is sound).
func (p *Project) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := p.conn(ctx).QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

func validLanguage(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
