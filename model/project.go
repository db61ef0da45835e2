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
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Project is an open project file. It is safe for concurrent use; writes are
// serialised by SQLite, and only one process may have a project open for
// writing. A project that cannot be written to, or that failed its check on
// opening, is open read-only: ReadOnly says why, and every change is refused.
type Project struct {
	db       *sql.DB
	lock     *os.File
	path     string
	uuid     string
	readOnly error // why changes are refused; nil when the project is writable
	// openDamage is SQLite's refusal of the whole file on opening, when
	// its table descriptions (the schema) or the pages holding them are
	// damaged; "" when SQLite reads it.
	openDamage string
	// immutable: the file is read as immutable, for want of room for the
	// -shm file on a full disk (openReadOnly).
	immutable bool
	skipped   skippedRows
	revisions revisionNote
	// damageFound is set when the full check before the day's backup
	// finds damage in a project that opened as sound (AutoBackup): from
	// then on it is read-only, from any goroutine.
	damageFound atomic.Pointer[ReadOnlyError]
	closed      bool
	closeErr    error
}

// Languages a project's text can be analysed in.
var Languages = []string{"nl", "en"}

// Extension ends the name of a project file.
const Extension = ".verbatim"

// WithExtension returns path with Extension added when its name does not
// end with it (as written: "notes.VERBATIM" becomes
// "notes.VERBATIM.verbatim"): the name a new project, a copy or a repair is
// made under.
func WithExtension(path string) string {
	if strings.HasSuffix(path, Extension) {
		return path
	}
	return path + Extension
}

// Create makes a new project file at path. It refuses to overwrite a file.
// The project is built under a temporary name beside path and renamed into
// place once complete, so that a creation cut short never leaves a file at
// path that cannot be opened.
func Create(ctx context.Context, path, lang string) (*Project, error) {
	if !validLanguage(lang) {
		return nil, fmt.Errorf("language %q: %w (use %s)", lang, ErrInvalid, strings.Join(Languages, " or "))
	}
	if err := madeFits(path); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	}
	dir := filepath.Dir(path)
	removeAbandonedDrafts(dir)
	tmp, f, err := createDraft(dir)
	if err != nil {
		return nil, pathError(path, err)
	}
	p, err := open(ctx, tmp, f, dsn)
	if err == nil {
		_, err = p.conn(ctx).ExecContext(ctx, "INSERT INTO project (id, uuid, lang, created) VALUES (1, ?, ?, ?)",
			uuid.NewString(), lang, now())
		if cerr := p.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = placeDraft(tmp, path)
	}
	if err != nil {
		removeDraft(tmp)
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrExists)
		}
		return nil, pathError(path, err)
	}
	p, err = Open(ctx, path)
	if err != nil {
		// Made but not opened (cancelled while its schema was brought
		// up to date): a failed Create leaves no file, as it says.
		removeDraft(path)
		return nil, err
	}
	return p, nil
}

// draftPrefix names the temporary files Create builds projects in.
const draftPrefix = ".verbatim-new-"

// createDraft makes an empty temporary project file in dir, locked. Its name
// is short, so a long project name cannot push it past the system's limit.
func createDraft(dir string) (string, *os.File, error) {
	f, err := os.CreateTemp(dir, draftPrefix+"*")
	if err != nil {
		return "", nil, err
	}
	return f.Name(), f, nil
}

// placeDraft gives the finished draft its name without replacing a file
// that appeared there meanwhile: a hard link fails when the name is taken.
// Where links are not supported (FAT, some network drives) it renames.
func placeDraft(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, path)
}

func removeDraft(tmp string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(tmp + suffix)
	}
}

// removeAbandonedDrafts deletes the drafts of creations that were killed
// half-way: drafts no process holds locked.
func removeAbandonedDrafts(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, draftPrefix+"*"))
	for _, m := range matches {
		if strings.HasSuffix(m, "-wal") || strings.HasSuffix(m, "-shm") || strings.HasSuffix(m, "-journal") {
			continue
		}
		f, err := os.OpenFile(m, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if lockFile(f) == nil {
			f.Close()
			removeDraft(m)
			continue
		}
		f.Close()
	}
}

// Open opens an existing project file, upgrading it (after a backup) when it
// was written by an older version. It fails at once with ErrLocked when
// another process has the project open for writing. A project that cannot be
// written to (read-only media, folder or file) or that fails SQLite's quick
// check opens read-only; ReadOnly says why.
func Open(ctx context.Context, path string) (*Project, error) {
	if err := nameFits(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil && cannotWrite(err) {
		return openReadOnly(ctx, path, &ReadOnlyError{Reason: ReasonFileReadOnly})
	}
	if err != nil {
		return nil, pathError(path, err)
	}
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	if !dirWritable(filepath.Dir(path)) {
		f.Close()
		return openReadOnly(ctx, path, &ReadOnlyError{Reason: ReasonFolderReadOnly})
	}
	p, err := open(ctx, path, f, dsn)
	if err != nil {
		return nil, diskError(err)
	}
	if err := p.loadUUID(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	return p, nil
}

// OpenReader opens a project for reading only, beside a process that may
// have it open for writing (the window, an import): it takes no lock, and
// every query reads a consistent snapshot, so it never sees half an action.
func OpenReader(ctx context.Context, path string) (*Project, error) {
	if err := nameFits(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	st, err := f.Stat()
	f.Close()
	if err == nil && st.Size() == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	return openReadOnly(ctx, path, &ReadOnlyError{Reason: ReasonReader})
}

// readerDSN opens a file that can be written for reading only: every
// connection refuses writes (query_only), but, unlike readOnlyDSN's, the last
// to close merges and removes the -wal and -shm files SQLite makes beside it
// for a reader too, so that a command that only read leaves the project one
// file, as it found it.
func readerDSN(abs string) string {
	return fileURL(abs) + "?mode=rw&_pragma=query_only(1)&_pragma=busy_timeout(10000)"
}

// canWrite says whether the file at abs and its folder can be written.
func canWrite(abs string) bool {
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return dirWritable(filepath.Dir(abs))
}

// writableBeside gives the -wal and -shm files beside the file at abs, when
// they cannot be written, the file's own mode: a reader of a file that
// could not be written (0444) makes them so, and SQLite then refuses every
// change ("attempt to write a readonly database") once the file can be
// written again.
func writableBeside(abs string) {
	st, err := os.Stat(abs)
	if err != nil {
		return
	}
	for _, name := range []string{abs + "-wal", abs + "-shm"} {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err == nil {
			f.Close()
		} else if cannotWrite(err) {
			os.Chmod(name, st.Mode().Perm())
		}
	}
}

// removeBegunJournal removes the empty -wal and the -shm SQLite began
// beside the file at abs and had no room to finish, when no writer has it
// open (the writer's lock is free): a reader needs room for them.
func removeBegunJournal(abs string) {
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		return
	}
	defer f.Close()
	if lockFile(f) == nil {
		removeEmptyJournal(abs)
	}
}

// removeEmptyJournal removes the -wal and -shm beside the file at abs when
// no changes wait in them; the caller holds the writer's lock.
func removeEmptyJournal(abs string) {
	if noWAL(abs) {
		os.Remove(abs + "-wal")
		os.Remove(abs + "-shm")
	}
}

// noWAL says whether no changes wait beside the file at abs (no -wal, or an
// empty one): then reading it as immutable, which needs no -shm, misses
// nothing.
func noWAL(abs string) bool {
	st, err := os.Stat(abs + "-wal")
	return err != nil || st.Size() == 0
}

// openReadOnly opens path without a lock and without ever writing to it.
// Where no journal can be created beside it (read-only media or folder), the
// file is read as immutable: nothing can be changing it there.
func openReadOnly(ctx context.Context, path string, why *ReadOnlyError) (*Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ro := readOnlyDSN(abs, needsImmutable(abs))
	if why.Reason == ReasonReader && canWrite(abs) {
		ro = readerDSN(abs)
	}
	db, err := sql.Open("sqlite", ro)
	if err != nil {
		return nil, err
	}
	_, walErr := os.Stat(abs + "-wal")
	p := &Project{db: db, path: abs, readOnly: why}
	err = p.checkOnOpen(ctx)
	if err != nil && isNoRoomForShm(err) && noWAL(abs) {
		// A full disk has no room for the -shm file SQLite makes to read
		// a project; with no changes waiting beside it, it is read as
		// immutable, which needs none.
		p.db.Close()
		if walErr != nil {
			removeBegunJournal(abs)
		}
		if p.db, err = sql.Open("sqlite", readOnlyDSN(abs, true)); err != nil {
			return nil, err
		}
		p.immutable = true
		err = p.checkOnOpen(ctx)
	}
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, diskError(err))
	}
	if p.openDamage != "" {
		p.db.Close()
		if p.db, err = sql.Open("sqlite", damagedDSN(abs, needsImmutable(abs))); err != nil {
			return nil, err
		}
	}
	if err := readableVersion(ctx, p.db); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := p.loadUUID(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotProject)
	}
	return p, nil
}

func open(ctx context.Context, path string, lock *os.File, dsn func(string) string) (*Project, error) {
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
	_, walErr := os.Stat(abs + "-wal")
	writableBeside(abs)
	p := &Project{db: db, lock: lock, path: abs}
	if err := p.checkOnOpen(ctx); err != nil {
		if errors.Is(diskError(err), ErrDiskFull) && walErr != nil {
			// No room to open it: leave no -wal or -shm that SQLite
			// began beside it (a reader would need room to read it then),
			// while the lock keeps every other writer out.
			db.Close()
			removeEmptyJournal(abs)
		}
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if p.readOnly != nil {
		// Damaged: never write into it, not even an upgrade. Reopen with
		// every connection refusing writes, keeping the lock.
		p.db.Close()
		// readerDSN: it can be written, so the last connection to
		// close removes the -wal and -shm (nothing is written through
		// it; query_only refuses every change).
		ro := readerDSN(abs)
		if p.openDamage != "" {
			ro += writableSchema
		}
		if p.db, err = sql.Open("sqlite", ro); err != nil {
			p.Close()
			return nil, err
		}
		if err := readableVersion(ctx, p.db); err != nil {
			p.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return p, nil
	}
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
	return fileURL(abs) + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(FULL)&_pragma=temp_store(2)&_txlock=immediate"
}

// readOnlyDSN opens the file read-only, with every connection refusing
// writes as well (query_only), so no code path can change it.
func readOnlyDSN(abs string, immutable bool) string {
	s := fileURL(abs) + "?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(10000)"
	if immutable {
		s += "&immutable=1"
	}
	return s
}

// writableSchema is damagedDSN's part.
const writableSchema = "&_pragma=writable_schema(1)"

// damagedDSN opens a file whose schema (SQLite's description of its tables,
// indexes and triggers) is damaged read-only, as readOnlyDSN does, and reads
// what it can: with writable_schema SQLite skips the descriptions it cannot
// parse instead of refusing the whole file, so every table whose own
// description is sound can be read (query_only still refuses every write).
func damagedDSN(abs string, immutable bool) string {
	return readOnlyDSN(abs, immutable) + writableSchema
}

// needsImmutable says whether a file must be read as immutable: SQLite can
// create no journal beside it, and there is none, so nothing is changing it.
func needsImmutable(abs string) bool {
	_, err := os.Stat(abs + "-wal")
	return err != nil && !dirWritable(filepath.Dir(abs))
}

func fileURL(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/...
	}
	return u.String()
}

// MaxName is the longest file name most systems accept, in bytes.
const MaxName = 255

// nameFits refuses a project name too long for SQLite's files beside it
// (NAME-wal, NAME-shm), which the system would refuse later, less plainly.
func nameFits(path string) error {
	if err := NameFits(path, len("-wal")); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	return pathFits(abs, len(abs))
}

// pathFits refuses a project at abs when the longest path SQLite opens for
// it, longest bytes and its -journal, is longer than SQLite takes.
func pathFits(abs string, longest int) error {
	if longest+len("-journal") >= maxSQLitePath {
		return fmt.Errorf("%s: %w (the path has %d bytes; SQLite, which keeps the project, opens paths of fewer than %d bytes, with the names of its own files beside it)", filepath.Base(abs), ErrPathTooLong, len(abs), maxSQLitePath)
	}
	return nil
}

// madeFits is nameFits for a project file about to be made (new, a copy, a
// repair): it is made under a draft's name beside it (".verbatim-new-" and
// up to ten digits), which must fit too.
func madeFits(path string) error {
	if err := nameFits(path); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	return pathFits(abs, len(filepath.Dir(abs))+1+len(draftPrefix)+10)
}

// maxSQLitePath is the longest path SQLite opens, in bytes (its unix VFS's
// MAX_PATHNAME): the system allows 4,096, and a longer path failed with
// "unable to open database file (14)".
const maxSQLitePath = 512

// NameFits refuses a file name that passes MaxName once room more bytes are
// added to it (for a file named after it), in plain words (ErrNameTooLong),
// so that it can be refused before anything is written.
func NameFits(path string, room int) error {
	if n := len(filepath.Base(path)); n+room > MaxName {
		return fmt.Errorf("%s: %w (the file name has %d bytes; at most %d work)", filepath.Base(path), ErrNameTooLong, n, MaxName-room)
	}
	return nil
}

// CutName shortens name to at most n bytes, cutting only between UTF-8
// characters, so that what is left is still text (and a name the system
// shows as written).
func CutName(name string, n int) string {
	if len(name) <= n {
		return name
	}
	for n > 0 && !utf8.RuneStart(name[n]) {
		n--
	}
	return name[:n]
}

// pathError rewrites the system's refusals of a path in plain words.
func pathError(path string, err error) error {
	if isNameTooLong(err) {
		return fmt.Errorf("%s: %w", path, ErrNameTooLong)
	}
	return err
}

// isCorrupt says whether err is SQLite's SQLITE_CORRUPT: a file that is a
// SQLite database, damaged (its schema, a page).
// isNoRoomForShm says whether err is SQLite's failure to make or grow the
// -shm file beside a project (SQLITE_IOERR_SHMSIZE): the disk is full.
func isNoRoomForShm(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_IOERR_SHMSIZE
}

func isCorrupt(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CORRUPT
}

func isNotADatabase(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_NOTADB || se.Code()&0xff == sqlite3.SQLITE_CORRUPT)
}

func (p *Project) loadUUID(ctx context.Context) error {
	return p.conn(ctx).QueryRowContext(ctx, "SELECT uuid FROM project WHERE id = 1").Scan(&p.uuid)
}

// Close closes the project and releases its lock. A project open for
// writing is left as one file: the write-ahead log (NAME-wal) is merged into
// it, retried a few times when that fails (a full disk, a reader beside it);
// when it still cannot be merged, Close says so with ErrNotMerged, and the
// next open merges it. Nothing is lost either way.
func (p *Project) Close() error {
	if p.closed {
		return p.closeErr // closing again says again what closing found
	}
	p.closed = true
	var err error
	if p.db != nil {
		if p.lock != nil && p.readOnly == nil {
			err = p.checkpoint()
		}
		if cerr := p.db.Close(); err == nil {
			err = cerr
		}
	}
	if p.lock != nil {
		p.lock.Close()
		p.lock = nil
	}
	p.closeRevisionNote()
	p.closeErr = err
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
	if err := p.writable(); err != nil {
		return err
	}
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
