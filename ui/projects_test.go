package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/damagetest"
	"codeberg.org/verbatim/verbatim/model/disktest"
)

// newHousekeptWindow is the test window with a data folder, its
// background work handed to the test's goroutine (runUntil).
func newHousekeptWindow(t *testing.T) (*MainWindow, string) {
	t.Helper()
	test.NewTempApp(t)
	queue, was := make(chan func(), 256), onUI
	uiQueue, onUI = queue, func(fn func()) { queue <- fn }
	t.Cleanup(func() { onUI = was })
	data := t.TempDir()
	w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{CacheDir: t.TempDir(), DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeIfOpen(w.win) })
	waitForIndex(t, w)
	if !runUntil(w.integrity.backup) {
		t.Fatal("the first window's backup did not end")
	}
	return w, data
}

// openInWindow opens the project at path from w, as File > Open does, and
// waits for its backup; the window is closed at the end unless closed.
func openInWindow(t *testing.T, w *MainWindow, path string, open func(context.Context) (*model.Project, error)) *MainWindow {
	t.Helper()
	nw := w.openProjectWindow(path, open)
	if nw == nil {
		t.Fatalf("%s did not open: %s", path, textsUnder(w.win.Canvas().Overlays().Top()))
	}
	waitForIndex(t, nw)
	if nw.integrity.backup != nil && !runUntil(nw.integrity.backup) {
		t.Fatal("the automatic backup did not end")
	}
	t.Cleanup(func() { closeIfOpen(nw.win) })
	return nw
}

// closeIfOpen closes win unless it was closed (the test driver's Close
// does not take a second one).
func closeIfOpen(win fyne.Window) {
	if slices.Contains(fyne.CurrentApp().Driver().AllWindows(), win) {
		win.Close()
	}
}

// TestProjectWindowsGetBackupsAndRevisionChecks: a project made and one
// opened from the window get the day's automatic backup in the data
// folder, each saved change notes the revision, and opening an older copy in
// its place says that changes are missing.
func TestProjectWindowsGetBackupsAndRevisionChecks(t *testing.T) {
	w, data := newHousekeptWindow(t)
	if n := len(model.AutoBackups(model.BackupDir(data, w.project.Path()), w.project.Path())); n != 1 {
		t.Errorf("the first window's project has %d automatic backups, want 1", n)
	}
	path := filepath.Join(t.TempDir(), "Tweede studie.verbatim")
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "en") })
	backups := model.AutoBackups(model.BackupDir(data, path), path)
	if len(backups) != 1 {
		t.Fatalf("a project made in the window has %d automatic backups, want 1", len(backups))
	}
	if nw.integrity.missing != nil || nw.integrity.box.Visible() {
		t.Errorf("a new project shows a notice: %q", textsUnder(nw.integrity.box))
	}
	ctx := context.Background()
	for _, name := range []string{"Een", "Twee"} {
		if _, err := nw.project.AddCode(ctx, 0, name, "#ff0000", ""); err != nil {
			t.Fatal(err)
		}
	}
	// Noted as each change is saved, with the window still open.
	rev, err := os.ReadFile(model.RevisionFile(data, path))
	if now, _ := nw.project.Revision(ctx); err != nil || strings.Fields(string(rev))[0] != strconv.FormatInt(now, 10) || now == 0 {
		t.Fatalf("the window noted revision %q (%v), want %d", rev, err, now)
	}
	nw.win.Close()

	// The backup, made before the two codes, put in the project's place.
	old, err := os.ReadFile(backups[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	again := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
	notice := textsUnder(again.integrity.box)
	if again.integrity.missing == nil || !again.integrity.box.Visible() || !strings.Contains(notice, "holds fewer changes than were saved in it (0 of 2)") || !strings.Contains(notice, model.BackupDir(data, path)) {
		t.Errorf("opening an older copy in the window says %q", notice)
	}
}

// TestProjectWindowFailedBackupIsNoted: when the backups folder cannot be
// made, the window opens the project and says so over the transcript.
func TestProjectWindowFailedBackupIsNoted(t *testing.T) {
	w, data := newHousekeptWindow(t)
	if err := os.RemoveAll(filepath.Join(data, "backups")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "backups"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Derde.verbatim")
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "nl") })
	if got := textsUnder(nw.integrity.box); !nw.integrity.box.Visible() || !strings.Contains(got, "Could not make today's automatic backup of this project") {
		t.Errorf("a failed backup is noted as %q", got)
	}
}

// TestProjectCloseErrorIsShownOnAnotherWindow closes a window whose
// project could not be closed cleanly: the window left shows it, and the
// data folder keeps it until the dialog is dismissed.
func TestProjectCloseErrorIsShownOnAnotherWindow(t *testing.T) {
	w, data := newHousekeptWindow(t)
	path := filepath.Join(disktest.Mount(t, "8m"), "Vierde.verbatim")
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "nl") })
	fillBeforeClose(t, nw)
	before := w.win.Canvas().Overlays().Top()
	nw.win.Close()
	top := w.win.Canvas().Overlays().Top()
	if top == nil || top == before || !strings.Contains(textsUnder(top), "Every change to Vierde.verbatim is saved, but") {
		t.Fatalf("closing showed no dialog on the other window: %q", textsUnder(top))
	}
	if kept := keptNotices(data); len(kept) != 1 || !strings.Contains(kept[0], "Vierde.verbatim") {
		t.Errorf("kept notices while the dialog is shown: %q", kept)
	}
	tapButton(t, top, "OK")
	if kept := keptNotices(data); len(kept) != 0 {
		t.Errorf("the dismissed notice is still kept: %q", kept)
	}
	if _, err := os.Stat(noticesFile(data)); err == nil {
		t.Error("the notices file is left behind")
	}
}

// TestProjectCloseErrorIsKeptForTheNextStart closes the last window with
// a close error: the next start shows it.
func TestProjectCloseErrorIsKeptForTheNextStart(t *testing.T) {
	test.NewTempApp(t)
	queue, was := make(chan func(), 256), onUI
	uiQueue, onUI = queue, func(fn func()) { queue <- fn }
	t.Cleanup(func() { onUI = was })
	data := t.TempDir()
	first, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{CacheDir: t.TempDir(), DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	waitForIndex(t, first)
	runUntil(first.integrity.backup)
	path := filepath.Join(disktest.Mount(t, "8m"), "Vijfde.verbatim")
	nw := openInWindow(t, first, path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "en") })
	first.win.Close()
	fillBeforeClose(t, nw)
	nw.win.Close()
	if o := nw.otherWindow(); o != nil {
		t.Fatalf("a project window is left open: %q", o.win.Title())
	}
	kept := keptNotices(data)
	if len(kept) != 1 || !strings.Contains(kept[0], "Every change to Vijfde.verbatim is saved, but") {
		t.Fatalf("the last window's close error is kept as %q", kept)
	}

	// The next start.
	next, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{CacheDir: t.TempDir(), DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(next.win.Close)
	waitForIndex(t, next)
	runUntil(next.integrity.backup)
	top := next.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textsUnder(top), kept[0]) {
		t.Fatalf("the next start does not show the kept notice: %q", textsUnder(top))
	}
	tapButton(t, top, "OK")
	if kept := keptNotices(data); len(kept) != 0 {
		t.Errorf("shown and dismissed, the notice is still kept: %q", kept)
	}
}

// TestProjectNotMergedInPlainWords: ErrNotMerged is said in the window's
// words, in both languages, not as model's English.
func TestProjectNotMergedInPlainWords(t *testing.T) {
	en := closeErrorText("/x/Studie.verbatim", model.ErrNotMerged)
	if strings.Contains(en, model.ErrNotMerged.Error()) || !strings.Contains(en, "Every change to Studie.verbatim is saved") {
		t.Errorf("in English: %q", en)
	}
	inDutch(t)
	if nl := closeErrorText("/x/Studie.verbatim", model.ErrNotMerged); nl == en || !strings.Contains(nl, "Studie.verbatim") {
		t.Errorf("in Dutch: %q", nl)
	}
}

// TestProjectsLeftOpenAreClosedWhenTheAppStops: when the app stops without
// closing its windows (the driver's Quit on a TERM signal), the projects
// they opened are closed all the same, each leaving one file and its
// revision remembered.
func TestProjectsLeftOpenAreClosedWhenTheAppStops(t *testing.T) {
	w, data := newHousekeptWindow(t)
	path := filepath.Join(t.TempDir(), "Zesde.verbatim")
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "nl") })
	if _, err := nw.project.AddCode(context.Background(), 0, "Een", "#ff0000", ""); err != nil {
		t.Fatal(err)
	}
	closeWindowsLeft()
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("the project left open was not closed: its -wal is still there")
	}
	if _, err := os.Stat(model.RevisionFile(data, path)); err != nil {
		t.Errorf("its revision was not remembered: %v", err)
	}
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("the project is still locked: %v", err)
	}
	p.Close()
	if !nw.integrity.closed {
		t.Error("the window's state does not say its project was closed")
	}
	if _, err := w.project.Codes(context.Background()); err != nil {
		t.Errorf("the first window's project, which its caller closes, was closed too: %v", err)
	}
}

// TestClosingAProjectWindowWaitsForItsBackup closes a window at once,
// before the background backup has said anything: the backup is made all
// the same, and the project closes cleanly as one file.
func TestClosingAProjectWindowWaitsForItsBackup(t *testing.T) {
	w, data := newHousekeptWindow(t)
	path := filepath.Join(t.TempDir(), "Zevende.verbatim")
	nw := w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "nl") })
	if nw == nil {
		t.Fatal("the project did not open")
	}
	waitForIndex(t, nw)
	before := w.win.Canvas().Overlays().Top()
	nw.win.Close()
	if n := len(model.AutoBackups(model.BackupDir(data, path), path)); n != 1 {
		t.Errorf("closing at once left %d automatic backups, want 1", n)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("closing left the -wal file beside the project")
	}
	if top := w.win.Canvas().Overlays().Top(); top != before {
		t.Errorf("closing said %q", textsUnder(top))
	}
	runUntil(nw.integrity.backup)
}

// TestProjectWindowFullCheckFindsDamage: a project whose damage only SQLite's
// full check finds (a stale index) opens, but the check made before the
// day's backup finds it: no backup is made, the notice says so with Check…
// and Repair…, the project refuses changes, and Check… names the index.
func TestProjectWindowFullCheckFindsDamage(t *testing.T) {
	w, data := newHousekeptWindow(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "Zevende.verbatim")
	p, err := model.Create(ctx, path, "nl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddCode(ctx, 0, "Een", "", ""); err != nil {
		t.Fatal(err)
	}
	p.Close()
	damagetest.StaleIndex(t, path)
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
	if got := textsUnder(nw.integrity.box); !nw.integrity.box.Visible() || !strings.Contains(got, "finds this project file damaged") || !strings.Contains(got, "Check…") {
		t.Errorf("the notice says %q", got)
	}
	if n := len(model.AutoBackups(model.BackupDir(data, path), path)); n != 0 {
		t.Errorf("%d backups of the damaged project were made", n)
	}
	if _, err := nw.project.AddCode(ctx, 0, "Twee", "", ""); !errors.Is(err, model.ErrDamaged) && !strings.Contains(fmt.Sprint(err), "damaged") {
		t.Errorf("a change to the damaged project: %v", err)
	}
	queueForRunUntil(t)
	tapButton(t, nw.integrity.box, "Check…")
	if !runUntil(nw.integrity.done) {
		t.Fatal("the check did not end")
	}
	if got := textsUnder(nw.win.Canvas().Overlays().Top()); !strings.Contains(got, "codes_name") {
		t.Errorf("Check… shows %q, want the index named", got)
	}
}
