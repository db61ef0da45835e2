package model

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model/disktest"
)

// sampleProjectFile makes a closed project of n documents with speaker
// turns, codes, codings and memos, and returns its path.
func sampleProjectFile(t testing.TB, dir string, n int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "sample.verbatim")
	p, err := Create(ctx, path, "nl")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	leren, _ := p.AddCode(ctx, 0, "Deel wat je leert", "", "")
	mot, _ := p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "", "")
	for i := 0; i < n; i++ {
		text := sampleTexts[0] + fmt.Sprintf("Ana: versie %d.\n", i)
		doc, err := p.ImportDocument(ctx, NewDocument{Name: fmt.Sprintf("Ana %d.txt", i), Format: "txt", Text: text,
			Turns: []NewTurn{{Start: 0, End: 32, Speaker: "Interviewer"}, {Start: 33, End: 120, Speaker: "Ana"}}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.ApplyCode(ctx, leren.ID, Span{doc.ID, 33, 60})
		if err != nil {
			t.Fatal(err)
		}
		p.ApplyCode(ctx, mot.ID, Span{doc.ID, 40, 80})
		p.SetMemo(ctx, CodingMemo, c.ID, "een memo")
	}
	return path
}

// tamper changes a closed project file with SQL, past its constraints.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range append([]string{"PRAGMA ignore_check_constraints = ON"}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestDamagedTurnTimesAndOverlaps: a turn whose times are not numbers is
// read without them (every export reads the turns: one such turn made them
// all fail), a turn that overlaps the one before is left out, and check
// lists both.
func TestDamagedTurnTimesAndOverlaps(t *testing.T) {
	ctx := context.Background()
	path := sampleProjectFile(t, t.TempDir(), 2)
	tamper(t, path,
		"UPDATE turns SET begin_ms = 'zz', until_ms = 5000, speaker_id = 'x' WHERE id = 1",
		"UPDATE turns SET start_rune = 30 WHERE id = 2",
		"UPDATE turns SET begin_ms = 1000, until_ms = 2000 WHERE id = 3")
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	turns, err := p.Turns(ctx, 1)
	if err != nil || len(turns) != 1 || turns[0].ID != 1 || turns[0].HasTime || turns[0].SpeakerID != 0 {
		t.Errorf("turns of document 1: got %+v, %v, want turn 1 alone, without times or speaker", turns, err)
	}
	if turns, err := p.Turns(ctx, 2); err != nil || len(turns) != 2 || !turns[0].HasTime || turns[0].Until != 2*time.Second {
		t.Errorf("turns of document 2: got %+v, %v, want both, the first from 1 s to 2 s", turns, err)
	}
	rep, err := p.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Ranges {
		got = append(got, f.String())
	}
	want := []string{
		"turn 2 of document 1: range 30:120 overlaps the turn before it",
		"turn 1 of document 1: its times 'zz' and 5000 are damaged, so it is shown without them",
	}
	if !slices.Equal(got, want) || rep.OK() {
		t.Errorf("check's ranges:\n%q\nwant\n%q", got, want)
	}
}

func TestDamagedRangesAreSkipped(t *testing.T) {
	ctx := context.Background()
	path := sampleProjectFile(t, t.TempDir(), 2)
	tamper(t, path,
		"UPDATE turns SET end_rune = start_rune - 5 WHERE id = 1",
		"UPDATE codings SET end_rune = 100000 WHERE id = 1",
		"UPDATE codings SET start_rune = 'rot' WHERE id = 3")
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.ReadOnly() != nil {
		t.Errorf("a project with bad ranges but a sound file opened read-only: %v", p.ReadOnly())
	}
	turns, err := p.Turns(ctx, 1)
	if err != nil || len(turns) != 1 || turns[0].ID != 2 {
		t.Errorf("turns of document 1: got %+v, %v, want only turn 2", turns, err)
	}
	codings, err := p.Codings(ctx, CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codings {
		if c.ID == 1 || c.ID == 3 {
			t.Errorf("damaged coding %d was listed: %+v", c.ID, c)
		}
	}
	if len(codings) != 2 {
		t.Errorf("got %d codings, want the 2 sound ones", len(codings))
	}
	if got := p.SkippedRows(); len(got) != 3 {
		t.Errorf("skipped rows: got %q, want 3", got)
	}
	rep, err := p.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Ranges) != 3 || len(rep.Integrity) != 0 || rep.OK() {
		t.Errorf("check: got %+v, want 3 bad ranges and a sound file", rep)
	}
}

func TestCheckFindsTextsAndOrphans(t *testing.T) {
	ctx := context.Background()
	path := sampleProjectFile(t, t.TempDir(), 2)
	tamper(t, path,
		"DROP TRIGGER documents_text_fixed",
		"UPDATE documents SET text = replace(text, 'geleerd', 'GELEERD') WHERE id = 1",
		"PRAGMA foreign_keys = OFF",
		"DELETE FROM codes WHERE id = 2")
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rep, err := p.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Finding{Kind: TextChanged, Doc: 1, Name: "Ana 0.txt"}); len(rep.Texts) != 1 || rep.Texts[0] != want {
		t.Errorf("texts: got %+v, want %+v", rep.Texts, want)
	}
	if want := (Finding{Kind: PointsAtMissing, Table: "codings", Parent: "codes", Count: 2, Row: 2}); len(rep.Orphans) != 1 || rep.Orphans[0] != want {
		t.Errorf("orphans: got %+v, want the 2 codings of the deleted code, %+v", rep.Orphans, want)
	}
	if got, want := rep.Orphans[0].String(), "2 rows of codings point at codes that are missing (the first is row 2)"; got != want {
		t.Errorf("orphans: got %q, want %q", got, want)
	}
}

// corruptPages overwrites the start of the b-tree pages of table with junk,
// so that SQLite's quick check fails while the schema stays readable.
func corruptPages(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.QueryRow("PRAGMA page_size").Scan(&size)
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{0x0d, 0xff, 0xff, 0x00, 0x40, 0xff, 0xff, 0x00}, (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedFileOpensReadOnlyAndRepairs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleProjectFile(t, dir, 30)
	corruptPages(t, path, "codings")
	before, _ := os.ReadFile(path)
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open a damaged project: %v", err)
	}
	var ro *ReadOnlyError
	if !errors.As(p.ReadOnly(), &ro) || !ro.Damaged() || len(ro.Detail) == 0 {
		t.Fatalf("ReadOnly: got %v, want damaged with SQLite's findings", p.ReadOnly())
	}
	if docs, err := p.Documents(ctx); err != nil || len(docs) != 30 {
		t.Errorf("documents of a damaged project: got %d, %v", len(docs), err)
	}
	writes := map[string]error{}
	_, writes["add code"] = p.AddCode(ctx, 0, "Nieuw", "", "")
	_, writes["undo"] = p.Undo(ctx)
	_, writes["import"] = p.ImportDocument(ctx, NewDocument{Name: "x.txt", Format: "txt", Text: "nieuw"})
	writes["coder"] = p.SetCoder(ctx, "Iemand")
	for what, err := range writes {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a damaged project: got %v, want ErrReadOnly", what, err)
		}
	}
	rep, err := p.Check(ctx)
	if err == nil && len(rep.Integrity) == 0 {
		t.Errorf("check of a damaged project found nothing: %+v", rep)
	}
	if _, err := p.AutoBackup(ctx, filepath.Join(dir, "backups"), time.Now()); err != nil || len(AutoBackups(filepath.Join(dir, "backups"), path)) != 0 {
		t.Errorf("a damaged project was backed up automatically (%v)", err)
	}
	p.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("opening a damaged project changed the file")
	}

	fixed := filepath.Join(dir, "fixed.verbatim")
	res, err := Repair(ctx, path, fixed)
	if err != nil {
		t.Fatalf("repair: %v", err)
	}
	if res.Saved["documents"] != 30 || res.Saved["codes"] != 2 || len(res.Lost) == 0 {
		t.Errorf("repair: saved %v, lost %q; want 30 documents, 2 codes and a loss", res.Saved, res.Lost)
	}
	q, err := Open(ctx, fixed)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if q.ReadOnly() != nil {
		t.Errorf("the repaired project is read-only: %v", q.ReadOnly())
	}
	if rep, err := q.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("check of the repaired project: %+v, %v", rep, err)
	}
	if _, err := q.AddCode(ctx, 0, "Nieuw", "", ""); err != nil {
		t.Errorf("a change to the repaired project: %v", err)
	}
}

func TestRepairKeepsASoundProject(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleProjectFile(t, dir, 3)
	fixed := filepath.Join(dir, "copy.verbatim")
	res, err := Repair(ctx, path, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lost) != 0 || res.Saved["codings"] != 6 || res.Saved["turns"] != 6 {
		t.Errorf("repair of a sound project: saved %v, lost %q", res.Saved, res.Lost)
	}
	a, _ := OpenReader(ctx, path)
	defer a.Close()
	b, _ := OpenReader(ctx, fixed)
	defer b.Close()
	ca, _ := a.Codings(ctx, CodingFilter{})
	cb, _ := b.Codings(ctx, CodingFilter{})
	if fmt.Sprint(ca) != fmt.Sprint(cb) || a.UUID() != b.UUID() {
		t.Errorf("the repaired project differs:\n%v\n%v", ca, cb)
	}
	if _, err := Repair(ctx, path, fixed); !errors.Is(err, ErrExists) {
		t.Errorf("repair over an existing file: got %v, want ErrExists", err)
	}
}

// TestFaultInjection flips random bytes in copies of a real project, 100
// times: opening it and every read the window and the commands make either
// work or fail with an error; nothing panics.
func TestFaultInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	dir := t.TempDir()
	orig, err := os.ReadFile(sampleProjectFile(t, dir, 8))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 11))
	opened, damaged := 0, 0
	for round := 0; round < 100; round++ {
		data := append([]byte(nil), orig...)
		for i := 0; i < 1+r.IntN(20); i++ {
			data[r.IntN(len(data))] ^= byte(1 + r.IntN(255))
		}
		path := filepath.Join(dir, fmt.Sprintf("flipped %d.verbatim", round))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("round %d: panic: %v\n%s", round, v, debug.Stack())
				}
			}()
			p, err := Open(ctx, path)
			if err != nil {
				return
			}
			defer p.Close()
			opened++
			if p.ReadOnly() != nil {
				damaged++
			}
			readEverything(ctx, p)
			p.Check(ctx)
		}()
	}
	t.Logf("100 damaged copies: %d opened, %d of them read-only as damaged", opened, damaged)
}

// readEverything makes the reads the window and the read commands make.
func readEverything(ctx context.Context, p *Project) {
	docs, _ := p.Documents(ctx)
	for _, d := range docs {
		p.Text(ctx, d.ID)
		p.Turns(ctx, d.ID)
		p.Speakers(ctx, d.ID)
		p.DocumentAttributes(ctx, d.ID)
		p.Codings(ctx, CodingFilter{DocID: d.ID})
	}
	p.Codes(ctx)
	p.Codings(ctx, CodingFilter{})
	p.Cases(ctx)
	for _, k := range []MemoKind{ProjectMemo, DocumentMemo, CodeMemo, CodingMemo, CaseMemo} {
		p.Memos(ctx, k)
	}
	p.Summaries(ctx, SummaryFilter{})
	p.Pseudonyms(ctx)
	p.UndoStep(ctx)
	p.CodeKeys(ctx)
	p.Language(ctx)
}

func TestReaderBesideWriter(t *testing.T) {
	ctx := context.Background()
	path := sampleProjectFile(t, t.TempDir(), 3)
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second writer: got %v, want ErrLocked", err)
	}
	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatalf("a reader beside the writer: %v", err)
	}
	defer r.Close()
	if _, err := r.AddCode(ctx, 0, "Nieuw", "", ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a change through the reader: got %v, want ErrReadOnly", err)
	}
	code, _ := w.AddCode(ctx, 0, "Per tien", "", "")
	docs, _ := w.Documents(ctx)
	// The writer codes ten passages at a time, as one action; the reader
	// must always see a whole number of such actions.
	base, _ := r.Codings(ctx, CodingFilter{CodeID: code.ID})
	if len(base) != 0 {
		t.Fatalf("codings of a new code: %d", len(base))
	}
	var wg sync.WaitGroup
	wg.Add(1)
	stop := make(chan struct{})
	go func() {
		defer wg.Done()
		defer close(stop)
		for round := 0; round < 20; round++ {
			var spans []Span
			for i := 0; i < 10; i++ {
				spans = append(spans, Span{docs[round%len(docs)].ID, round/len(docs)*10 + i, round/len(docs)*10 + i + 3})
			}
			if _, err := w.ApplyCodes(ctx, code.ID, spans); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	reads := 0
	for done := false; !done; reads++ {
		select {
		case <-stop:
			done = true
		default:
		}
		got, err := r.Codings(ctx, CodingFilter{CodeID: code.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(got)%10 != 0 {
			t.Fatalf("the reader saw %d codings: half an action", len(got))
		}
	}
	wg.Wait()
	if got, _ := r.Codings(ctx, CodingFilter{CodeID: code.ID}); len(got) != 200 {
		t.Errorf("after the writer: the reader sees %d codings, want 200", len(got))
	}
	t.Logf("%d reads beside the writer", reads)
}

func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v: %s", opts, err, out)
	}
}

func wantReadOnly(t *testing.T, path, reason string) {
	t.Helper()
	ctx := context.Background()
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer p.Close()
	var ro *ReadOnlyError
	if !errors.As(p.ReadOnly(), &ro) || ro.Reason != reason {
		t.Fatalf("ReadOnly: got %v, want %q", p.ReadOnly(), reason)
	}
	if got, err := p.Codings(ctx, CodingFilter{}); err != nil || len(got) != 4 {
		t.Errorf("codings of a read-only project: got %d, %v", len(got), err)
	}
	if _, err := p.AddCode(ctx, 0, "Nieuw", "", ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a change: got %v, want ErrReadOnly", err)
	}
	if err := p.Backup(ctx, filepath.Join(t.TempDir(), "copy.verbatim")); err != nil {
		t.Errorf("a copy of a read-only project: %v", err)
	}
}

// TestReadOnlyMedia opens a project on a tmpfs remounted read-only (real
// read-only media: even root cannot write there).
func TestReadOnlyMedia(t *testing.T) {
	dir := disktest.Mount(t, "8m")
	path := sampleProjectFile(t, dir, 2)
	remount(t, dir, "ro")
	defer remount(t, dir, "rw")
	wantReadOnly(t, path, ReasonFileReadOnly)
}

// TestReadOnlyFile opens a project whose file alone is read-only, in a
// folder that can be written: the file is bind-mounted read-only over
// itself, since root ignores file modes.
func TestReadOnlyFile(t *testing.T) {
	path := sampleProjectFile(t, t.TempDir(), 2)
	if out, err := exec.Command("mount", "--bind", path, path).CombinedOutput(); err != nil {
		t.Skipf("cannot bind-mount here (%v: %s)", err, out)
	}
	defer exec.Command("umount", path).Run()
	remount(t, path, "bind,ro")
	wantReadOnly(t, path, ReasonFileReadOnly)
}

// TestReadOnlyFolder stands in for a folder without write permission
// through dirWritable, since root may write anywhere.
func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	path := sampleProjectFile(t, dir, 2)
	old := dirWritable
	dirWritable = func(d string) bool { return d != dir && old(d) }
	defer func() { dirWritable = old }()
	wantReadOnly(t, path, ReasonFolderReadOnly)
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := Open(ctx, sampleProjectFile(t, dir, 3))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	code, _ := p.AddCode(ctx, 0, "Per tien", "", "")
	docs, _ := p.Documents(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for round := 0; round < 30; round++ {
			var spans []Span
			for i := 0; i < 10; i++ {
				spans = append(spans, Span{docs[round%len(docs)].ID, round/len(docs)*10 + i, round/len(docs)*10 + i + 2})
			}
			p.ApplyCodes(ctx, code.ID, spans)
		}
	}()
	for i := 0; i < 5; i++ {
		copyPath := filepath.Join(dir, fmt.Sprintf("copy %d.verbatim", i))
		if err := p.Backup(ctx, copyPath); err != nil {
			t.Fatal(err)
		}
		c, err := Open(ctx, copyPath)
		if err != nil {
			t.Fatal(err)
		}
		if c.ReadOnly() != nil {
			t.Errorf("copy %d: %v", i, c.ReadOnly())
		}
		if got, _ := c.Codings(ctx, CodingFilter{CodeID: code.ID}); len(got)%10 != 0 {
			t.Errorf("copy %d holds %d codings: half an action", i, len(got))
		}
		c.Close()
	}
	<-done
	if err := p.Backup(ctx, filepath.Join(dir, "copy 0.verbatim")); !errors.Is(err, ErrExists) {
		t.Errorf("a copy over an existing file: got %v, want ErrExists", err)
	}
}

func TestAutoBackupRotates(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := Open(ctx, sampleProjectFile(t, dir, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	backups := filepath.Join(dir, "backups")
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Duration
		made bool
		kept int
	}{
		{0, true, 1},
		{time.Hour, false, 1},
		{25 * time.Hour, true, 2},
		{50 * time.Hour, true, 3},
		{51 * time.Hour, false, 3},
		{80 * time.Hour, true, 2}, // after SetBackupsKept(2)
	}
	for _, s := range steps {
		if s.at == 80*time.Hour {
			if err := p.SetBackupsKept(ctx, 2); err != nil {
				t.Fatal(err)
			}
		}
		made, err := p.AutoBackup(ctx, backups, t0.Add(s.at))
		if err != nil {
			t.Fatal(err)
		}
		if (made != "") != s.made {
			t.Errorf("at +%v: made %q, want made=%v", s.at, made, s.made)
		}
		if got := AutoBackups(backups, p.Path()); len(got) != s.kept {
			t.Errorf("at +%v: %d backups kept, want %d", s.at, len(got), s.kept)
		}
	}
	all := AutoBackups(backups, p.Path())
	if !all[len(all)-1].Time.Equal(t0.Add(80 * time.Hour)) {
		t.Errorf("newest backup: %v", all[len(all)-1].Time)
	}
	b, err := Open(ctx, all[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if docs, _ := b.Documents(ctx); len(docs) != 1 {
		t.Errorf("a backup holds %d documents, want 1", len(docs))
	}
}

func TestCreateRemovesAbandonedDrafts(t *testing.T) {
	dir := t.TempDir()
	tmp, f, err := createDraft(dir)
	if err != nil {
		t.Fatal(err)
	}
	f.Close() // the process that made it was killed: nobody holds its lock
	busy, g, _ := createDraft(dir)
	defer g.Close()
	lockFile(g) // still being created by another process
	p, err := Create(context.Background(), filepath.Join(dir, "new.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an abandoned draft is still there")
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("a draft in use was removed: %v", err)
	}
}

func TestLongNames(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, n := range []int{200, 248, 251} {
		path := filepath.Join(dir, strings.Repeat("x", n-len(".verbatim"))+".verbatim")
		p, err := Create(ctx, path, "nl")
		if err != nil {
			t.Errorf("a %d-byte name: %v", n, err)
			continue
		}
		if _, err := p.AddCode(ctx, 0, "Code", "", ""); err != nil {
			t.Errorf("a %d-byte name: a change: %v", n, err)
		}
		p.Close()
	}
	for _, n := range []int{252, 300} {
		_, err := Create(ctx, filepath.Join(dir, strings.Repeat("y", n-len(".verbatim"))+".verbatim"), "nl")
		if !errors.Is(err, ErrNameTooLong) {
			t.Errorf("a %d-byte name: got %v, want ErrNameTooLong", n, err)
		}
	}
}

// TestBackupLongNames: a copy under a long name opens and takes changes;
// one longer than Create allows is refused as Create refuses it, with
// nothing written.
func TestBackupLongNames(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	defer p.Close()
	for _, tc := range []struct {
		n    int
		fits bool
	}{{247, true}, {248, true}, {250, true}, {251, true}, {252, false}, {255, false}, {300, false}} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			dir := t.TempDir()
			dst := filepath.Join(dir, strings.Repeat("ü", (tc.n-len(".verbatim"))/2)+strings.Repeat("x", (tc.n-len(".verbatim"))%2)+".verbatim")
			err := p.Backup(ctx, dst)
			if !tc.fits {
				if !errors.Is(err, ErrNameTooLong) {
					t.Errorf("got %v, want ErrNameTooLong", err)
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("a refused copy left %d files behind, want none", len(entries))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r, err := OpenReader(ctx, dst)
			if err != nil {
				t.Fatalf("reading the copy: %v", err)
			}
			if _, err := r.Codes(ctx); err != nil {
				t.Errorf("reading the copy's codes: %v", err)
			}
			r.Close()
			c, err := Open(ctx, dst)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := c.AddCode(ctx, 0, "Code", "", ""); err != nil {
				t.Errorf("a change to the copy: %v", err)
			}
		})
	}
}

// TestDiskFullWhileOpen: a change that finds the disk full fails with
// ErrDiskFull, changes nothing, and reading goes on.
func TestDiskFullWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := disktest.Mount(t, "4m")
	p, err := Open(ctx, sampleProjectFile(t, dir, 2))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for buf := make([]byte, 64<<10); ; {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	err = p.SetMemo(ctx, ProjectMemo, 0, strings.Repeat("een lange memo ", 100000))
	if !errors.Is(err, ErrDiskFull) || !strings.HasPrefix(err.Error(), "the disk is full") {
		t.Errorf("a change on a full disk: got %v, want ErrDiskFull", err)
	}
	if memo, err := p.Memo(ctx, ProjectMemo, 0); err != nil || memo != "" {
		t.Errorf("after the failed change: memo %d characters, %v", len(memo), err)
	}
	if got, err := p.Codings(ctx, CodingFilter{}); err != nil || len(got) != 4 {
		t.Errorf("reading on a full disk: %d codings, %v", len(got), err)
	}
}

// TestCloseLeavesOneFile: after Close the project is one file; when the log
// cannot be merged (a full disk) Close says so, nothing is lost, and the
// next open merges it.
func TestCloseLeavesOneFile(t *testing.T) {
	ctx := context.Background()
	dir := disktest.Mount(t, "6m")
	path := sampleProjectFile(t, dir, 2)
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, ProjectMemo, 0, "kort"); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("after a clean close a -wal file is there (%v)", err)
	}

	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p.db.SetMaxOpenConns(1) // one connection, so that no automatic checkpoint runs before Close
	memo := strings.Repeat("een lange memo die het logboek vult ", 40000)
	if _, err := p.db.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, ProjectMemo, 0, memo); err != nil {
		t.Fatal(err)
	}
	filler := filepath.Join(dir, "filler")
	f, _ := os.Create(filler)
	for buf := make([]byte, 16<<10); ; {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	err = p.Close()
	if !errors.Is(err, ErrNotMerged) {
		t.Fatalf("closing with a full disk: got %v, want ErrNotMerged", err)
	}
	if again := p.Close(); !errors.Is(again, ErrNotMerged) {
		t.Errorf("closing again: got %v, want the same error", again)
	}
	os.Remove(filler)
	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Memo(ctx, ProjectMemo, 0); got != memo {
		t.Errorf("the memo saved before the failed merge: %d characters, want %d", len(got), len(memo))
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after the next clean close a -wal file is still there (%v)", err)
	}
}

// TestFindingsInEnglish pins the line each kind of finding is as the
// command line prints it, for the kinds a damaged file is hard to make
// give (cmd/verbatim/cli's TestCheckAndRepairOutput has the others).
func TestFindingsInEnglish(t *testing.T) {
	for _, tt := range []struct {
		f    Finding
		want string
	}{
		{Finding{Kind: TextChanged, Doc: 3, Name: "Ana.txt"}, "document 3 (Ana.txt): the text has changed since it was imported (its fingerprint does not match)"},
		{Finding{Kind: TextLengthWrong, Doc: 3, Name: "Ana.txt", Stored: 10, Chars: 12}, "document 3 (Ana.txt): the stored length 10 does not match the text's 12 characters"},
		{badRange("turns", 7, 3, 40, 20, 300), "turn 7 of document 3: range 40:20 over 300 characters"},
		{Finding{Kind: RangeImpossible, Table: "codings", Row: 8, Doc: 3, Start: "NULL", End: "'x'", Chars: 300}, "coding 8 of document 3: range NULL:'x' over 300 characters"},
		{Finding{Kind: PointsAtMissing, Table: "turns", Parent: "speakers", Count: 1, Row: 4}, "1 row of turns point at speakers that are missing (the first is row 4)"},
		{Finding{Kind: TableUnreadable, Table: "codes"}, "codes: could not be read at all"},
		{Finding{Kind: RowsAfterUnreadable, Table: "codes", Row: 12}, "codes: the rows after row 12 could not be read"},
		{Finding{Kind: RowsUnreadable, Table: "codes", Count: 2}, "codes: 2 rows could not be read"},
		{Finding{Kind: RowsDamaged, Table: "codes", Count: 1}, "codes: 1 damaged rows were left out"},
		{Finding{Kind: RangesLeftOut, Table: "turns", Count: 5}, "turns: 5 with impossible ranges were left out"},
		{Finding{Kind: PointersLeftOut, Table: "summaries", Count: 2}, "summaries: 2 pointing at lost rows were left out"},
		{Finding{Kind: TextKeptDamaged, Doc: 3, Name: "Ana.txt"}, "document 3 (Ana.txt): its text was damaged and is kept as it could be read; check its codings"},
	} {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.f, got, tt.want)
		}
	}
}

// damageSchema changes one byte of the description (the CREATE statement)
// SQLite keeps of table or trigger name in the closed project file at path,
// as bit rot would: the first byte after "CREATE TABLE name" or "CREATE
// TRIGGER name" becomes '|'.
func damageSchema(t *testing.T, path, kind, name string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stmt := []byte("CREATE " + kind + " " + name)
	i := bytes.Index(data, stmt)
	if i < 0 {
		t.Fatalf("no %q in %s", stmt, path)
	}
	data[i+len(stmt)] = '|'
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedSchemaOpensReadOnlyAndRepairs damages the descriptions SQLite
// keeps of a trigger, then of a table: SQLite refuses such a file as a
// whole, and Verbatim opened neither (not a Verbatim project) and repaired
// nothing of them. Now each opens read-only as damaged, with everything
// else readable; the check names the damage, and the repair saves every
// table but the one whose description is damaged.
func TestDamagedSchemaOpensReadOnlyAndRepairs(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		kind, name string
		lost       string // the table the repair cannot read
	}{
		{"TRIGGER", "changes_codings_insert", ""},
		{"TABLE", "pseudonyms", "pseudonyms"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := sampleProjectFile(t, dir, 4)
			damageSchema(t, path, c.kind, c.name)
			before, _ := os.ReadFile(path)
			for _, open := range []func(context.Context, string) (*Project, error){Open, OpenReader} {
				p, err := open(ctx, path)
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				var ro *ReadOnlyError
				if !errors.As(p.ReadOnly(), &ro) || !ro.Damaged() || !strings.Contains(strings.Join(ro.Detail, " "), "malformed database schema") {
					t.Errorf("ReadOnly: got %v, want damaged, with SQLite's words", p.ReadOnly())
				}
				if docs, err := p.Documents(ctx); err != nil || len(docs) != 4 {
					t.Errorf("documents: got %d, %v", len(docs), err)
				}
				if codings, err := p.Codings(ctx, CodingFilter{}); err != nil || len(codings) != 8 {
					t.Errorf("codings: got %d, %v", len(codings), err)
				}
				if _, err := p.AddCode(ctx, 0, "Nieuw", "", ""); !errors.Is(err, ErrReadOnly) {
					t.Errorf("add code: got %v, want ErrReadOnly", err)
				}
				rep, err := p.Check(ctx)
				if err != nil || rep.OK() || !strings.Contains(strings.Join(rep.Integrity, " "), "malformed database schema") {
					t.Errorf("check: %v, %q; want the damaged schema among its findings", err, rep.Integrity)
				}
				p.Close()
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("opening the damaged project changed it")
			}
			fixed := filepath.Join(dir, "hersteld.verbatim")
			res, err := Repair(ctx, path, fixed)
			if err != nil {
				t.Fatalf("repair: %v", err)
			}
			var lost []string
			for _, f := range res.Lost {
				lost = append(lost, f.Table)
			}
			if res.Saved["documents"] != 4 || res.Saved["codings"] != 8 || strings.Join(lost, " ") != c.lost {
				t.Errorf("repair saved %v and lost %q; want every row, and only %q lost", res.Saved, lost, c.lost)
			}
		})
	}
}
