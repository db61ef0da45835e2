package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

// readerCommands only read a project, so they open it without the writer's
// lock: they run beside the window or a command that is changing it, each
// query reading a consistent snapshot.
var readerCommands = map[string]bool{
	"docs": true, "codes": true, "codings": true, "search": true, "export": true, "report": true,
	"speakers": true, "participants": true,
}

// reads says whether command cmd, with the flags set in fs and the
// arguments after the project, only reads the project: a readerCommand, or
// one that shows what it would otherwise change (memo and summary without
// --set, --set-file or --clear, coder without a name, pseudonyms list).
func reads(cmd string, fs *flag.FlagSet, args []string) bool {
	changes := false
	fs.Visit(func(f *flag.Flag) {
		changes = changes || f.Name == "set" || f.Name == "set-file" || f.Name == "clear" || f.Name == "apply"
	})
	switch cmd {
	case "memo", "summary":
		return !changes
	case "coder":
		return len(args) == 0
	case "pseudonyms":
		return len(args) == 0 || args[0] == "list"
	}
	return readerCommands[cmd]
}

// runState is what one run of the command line remembers about the projects
// it opened, to say once at the end what the user should know.
type runState struct {
	env    Env
	mu     sync.Mutex
	opened []*model.Project
	notes  []string
}

type runStateKey struct{}

func withRunState(ctx context.Context, env Env) (context.Context, *runState) {
	s := &runState{env: env}
	return context.WithValue(ctx, runStateKey{}, s), s
}

// openFor opens the project at path for command cmd: a reader without the
// lock, a writer with it, making the day's automatic backup for a writer.
func openFor(ctx context.Context, cmd, path string, reader bool) (*model.Project, error) {
	s, _ := ctx.Value(runStateKey{}).(*runState)
	var p *model.Project
	var err error
	if reader {
		p, err = model.OpenReader(ctx, projectPath(path))
		if errors.Is(err, model.ErrNeedsUpgrade) {
			p, err = openProject(ctx, path) // upgrade it once, as a writer
		}
	} else {
		p, err = openProject(ctx, path)
	}
	if err != nil || s == nil {
		return p, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opened = append(s.opened, p)
	if s.env.DataDir == "" || cmd == "open" {
		// The window does the same for every project it shows
		// (ui.Options.DataDir), once it shows, and says it there.
		return p, nil
	}
	if m := model.KeepRevision(ctx, s.env.DataDir, p); m != nil {
		s.notes = append(s.notes, m.Error())
	}
	if _, err := p.DailyBackup(ctx, s.env.DataDir, time.Now()); errors.Is(err, model.ErrDamaged) {
		// Damage the full check found: nothing is saved into it.
		return nil, fmt.Errorf("%s: %w", path, err)
	} else if err != nil {
		s.notes = append(s.notes, "could not make the automatic backup: "+message(err))
	}
	return p, nil
}

// projectPath adds .verbatim to the name of a project given without it,
// when that file exists.
func projectPath(path string) string {
	if with := model.WithExtension(path); with != path {
		if _, err := os.Stat(with); err == nil {
			return with
		}
	}
	return path
}

// finish closes what the run opened (closing again says what closing
// found: a log that could not be merged).
func (s *runState) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.opened {
		if err := p.Close(); err != nil {
			s.notes = append(s.notes, message(err))
		}
	}
}

// warning is the one line a run that succeeded prints about the projects it
// read: damaged rows it left out, a damaged file, a failed backup, missing
// changes; "" when there is nothing to say.
func (s *runState) warning() string {
	s.finish()
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for _, p := range s.opened {
		var ro *model.ReadOnlyError
		if errors.As(p.ReadOnly(), &ro) && ro.Damaged() {
			parts = append(parts, fmt.Sprintf("%s is damaged and was read as far as possible; run 'verbatim check' on it, and 'verbatim repair' to save it into a new project", filepath.Base(p.Path())))
		} else if n := len(p.SkippedRows()); n > 0 {
			parts = append(parts, fmt.Sprintf("%d damaged %s of %s %s left out; run 'verbatim check' on it to list them", n, pluralWord(n, "entry", "entries"), filepath.Base(p.Path()), pluralWord(n, "was", "were")))
		}
	}
	parts = append(parts, s.notes...)
	return strings.Join(parts, "; ")
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func runCheck(ctx context.Context, env Env, args []string) error {
	fs := newFlags("check")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("check", pos, 1, 1, "FILE.verbatim"); err != nil {
		return err
	}
	p, err := model.OpenReader(ctx, projectPath(pos[0]))
	if err != nil {
		return err
	}
	defer p.Close()
	rep, err := p.Check(ctx)
	w := env.Stdout
	section := func(name string, found []string, okText string) {
		if len(found) == 0 {
			fmt.Fprintf(w, "%-9s ok, %s\n", name+":", okText)
			return
		}
		fmt.Fprintf(w, "%-9s %d %s\n", name+":", len(found), pluralWord(len(found), "problem", "problems"))
		for _, f := range found {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	section("file", rep.Integrity, "SQLite's integrity check finds nothing wrong")
	if err != nil {
		return damageSaid{fmt.Errorf("the check stopped: %w; run 'verbatim repair %s -o NEW.verbatim' to save what can be read", err, pos[0])}
	}
	section("texts", findingLines(rep.Texts), "every text is as it was imported")
	section("ranges", findingLines(rep.Ranges), "every speaker turn and coding lies within its text")
	section("links", findingLines(rep.Orphans), "nothing points at a missing document, code or participant")
	section("schema", findingLines(rep.Schema), "every trigger and index is as Verbatim makes it")
	section("undo", findingLines(rep.Undo), "every step of the undo history can be undone")
	if !rep.OK() {
		return fmt.Errorf("%s has problems (listed above); run 'verbatim repair %s -o NEW.verbatim' to save what can be read into a new project, or open one of its backups (in %s)",
			pos[0], pos[0], model.BackupsFor(env.DataDir, p.Path()))
	}
	return nil
}

// damageSaid is an error that says itself what is damaged and what to do,
// so model.Plain leaves it as it is.
type damageSaid struct{ error }

func (d damageSaid) Unwrap() error { return d.error }

func (d damageSaid) Is(target error) bool { return target == model.ErrDamaged }

// findingLines are model's findings as the command line prints them.
func findingLines(found []model.Finding) []string {
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.String()
	}
	return out
}

func runRepair(ctx context.Context, env Env, args []string) error {
	fs := newFlags("repair")
	out := fs.String("o", "", "the new project to save what can be read into")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("repair", pos, 1, 1, "FILE.verbatim -o NEW.verbatim"); err != nil {
		return err
	}
	if *out == "" {
		return usagef("usage: verbatim repair FILE.verbatim -o NEW.verbatim")
	}
	dst := model.WithExtension(*out)
	rep, err := model.Repair(ctx, projectPath(pos[0]), dst)
	if err != nil {
		return fmt.Errorf("repair: %w", err)
	}
	var saved []string
	for _, t := range []string{"documents", "turns", "codes", "codings", "cases", "summaries"} {
		saved = append(saved, fmt.Sprintf("%d %s", rep.Saved[t], t))
	}
	fmt.Fprintf(env.Stdout, "saved into %s: %s\n", dst, strings.Join(saved, ", "))
	for _, l := range rep.Lost {
		fmt.Fprintf(env.Stdout, "  lost: %s\n", l)
	}
	if len(rep.Lost) == 0 {
		fmt.Fprintln(env.Stdout, "nothing was lost")
	}
	fmt.Fprintf(env.Stdout, "%s is left as it was; the undo history is not carried over\n", pos[0])
	return nil
}

func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlags("backup")
	out := fs.String("o", "", "write a consistent copy of the project to this file")
	keep := fs.Int("keep", 0, "set how many automatic backups of the project are kept")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	const usage = "FILE.verbatim [-o COPY.verbatim] [--keep N]"
	if err := wantArgs("backup", pos, 1, 1, usage); err != nil {
		return err
	}
	if *keep != 0 {
		p, err := openProject(ctx, pos[0])
		if err != nil {
			return err
		}
		err = p.SetBackupsKept(ctx, *keep)
		p.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "keeping the last %d automatic backups\n", *keep)
	}
	p, err := model.OpenReader(ctx, projectPath(pos[0]))
	if err != nil {
		return err
	}
	defer p.Close()
	if *out != "" {
		dst := model.WithExtension(*out)
		if err := p.Backup(ctx, dst); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "saved a copy to %s (open it to restore)\n", dst)
		return nil
	}
	if *keep != 0 {
		return nil
	}
	dir := model.BackupDir(env.DataDir, p.Path())
	kept, _ := p.BackupsKept(ctx)
	list := model.AutoBackups(dir, p.Path())
	fmt.Fprintf(env.Stdout, "automatic backups in %s (a new one each day the project is opened, the last %d kept):\n", dir, kept)
	for i := len(list) - 1; i >= 0; i-- {
		fmt.Fprintf(env.Stdout, "  %s  %s\n", list[i].Time.Local().Format("2006-01-02 15:04"), filepath.Base(list[i].Path))
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "  none yet")
	}
	return nil
}
