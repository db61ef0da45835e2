// Package cli is Verbatim's command line: it parses a command, runs it
// against model (and, for the window, hands the project to the GUI), and
// turns every error into one line a researcher understands. It decides where
// the demo project and the list of recent projects live, from Env.
package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// Env is what a run of the command line needs from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	// DataDir holds the demo project and the list of recent projects.
	DataDir string
	// CacheDir holds derived data (the PDF reader's compiled module).
	CacheDir string
	// OpenGUI shows the window on an open project and returns when the
	// window closes. The GUI owns the project until then.
	OpenGUI func(p *model.Project) error
	// Version is Verbatim's version, which "verbatim --version" prints.
	Version string
}

// usageError is wrong usage: exit status 2 with the command's usage line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// command is one subcommand.
type command struct {
	name  string
	usage string // the arguments, after "verbatim NAME "
	help  string
	run   func(ctx context.Context, env Env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"open", "[FILE.verbatim]", "open the window (on the last project, or the demo project)", runOpen},
		{"new", "FILE.verbatim [--lang nl|en]", "create a project", runNew},
		{"import", "FILE.verbatim PATH... [--json]", "import files or folders", runImport},
		{"docs", "FILE.verbatim [--json]", "list documents", runDocs},
		{"codes", "FILE.verbatim [--json]", "list the codebook with counts", runCodes},
		{"code", "add|apply|edit|move|merge|delete FILE.verbatim ...", "change the codebook, or code a passage (code apply)", runCode},
		{"codings", "FILE.verbatim [--code NAME] [--doc DOC] [--json]", "list coded passages with their text", runCodings},
		{"uncode", "FILE.verbatim CODING-ID", "remove a coding", runUncode},
		{"memo", "FILE.verbatim project|doc DOC|code NAME|coding ID|case NAME [--set TEXT | --set-file F] [--json]", "show or set a memo", runMemo},
		{"coder", "FILE.verbatim [NAME]", "show or set who new codings are attributed to", runCoder},
		{"speakers", "[rename|merge|split|mark] FILE.verbatim ...", "list speakers per document; rename, merge, split them, mark interviewers", runSpeakers},
		{"participants", "[rename|set] FILE.verbatim ...", "list participants with their attributes; rename them, set attributes", runParticipants},
		{"search", "FILE.verbatim QUERY [--json] [--limit N] [--offset N]", "search the transcripts ('verbatim search --help-query' explains queries)", runSearch},
		{"autocode", "FILE.verbatim QUERY --code NAME [--unit match|sentence|turn]", "code every hit of a search, as one undoable step", runAutocode},
		{"key", "FILE.verbatim CODING-ID... [--not]", "mark codings as key quotes (or unmark them)", runKey},
		{"summary", "FILE.verbatim [--doc DOC] [--code CODE] [--set TEXT | --set-file F | --clear] [--json]", "show or write thematic summaries (a document × a code)", runSummary},
		{"pseudonyms", "FILE.verbatim [list | set NAME PSEUDONYM | remove NAME | suggest [--apply]] [--json]", "the names exports replace with --pseudonyms", runPseudonyms},
		{"export", "FILE.verbatim --format csv|xlsx|docx|odt|md|html|pdf|qdpx|qdc [filters] -o OUT", "write the coded quotes, one row per coding ('verbatim export --help' lists the filters); qdpx: the whole project for other QDA tools (REFI-QDA), qdc: its codebook", runExport},
		{"import-qdpx", "NEW.verbatim IN.qdpx|IN.qde|IN.qdc [--lang nl|en]", "make a new project of a REFI-QDA project or codebook from another QDA tool", runImportQDPX},
		{"report", "FILE.verbatim --kind KIND --format FORMAT [filters] -o OUT", "write a report: principles, summaries, summary-table, frequencies, matrix, cooccurrence, presence, codebook, memos", runReport},
		{"undo", "FILE.verbatim", "undo the last change", runUndo},
		{"redo", "FILE.verbatim", "redo the last undone change", runRedo},
		{"check", "FILE.verbatim", "check the project file: its integrity, the texts, ranges, links between rows, triggers and indexes, and the undo history", runCheck},
		{"repair", "FILE.verbatim -o NEW.verbatim", "save what can be read of a damaged project into a new one", runRepair},
		{"backup", "FILE.verbatim [-o COPY.verbatim] [--keep N]", "save a consistent copy (also while the project is open), or list the automatic backups", runBackup},
	}
}

// ExitInterrupted is the exit status of a command stopped by Ctrl-C or a
// TERM signal (as a shell reports a command killed by SIGINT).
const ExitInterrupted = 130

// Run runs the command line and returns the process exit status: 0 on
// success, 1 on an error, 2 on wrong usage, ExitInterrupted when ctx was
// cancelled.
func Run(ctx context.Context, env Env, args []string) int {
	ctx, state := withRunState(ctx, env)
	err := dispatch(ctx, env, args)
	if w := state.warning(); err == nil && w != "" { // warning also closes and remembers
		fmt.Fprintf(env.Stderr, "verbatim: warning: %s\n", w)
	}
	var ue usageError
	var help helpRequest
	switch {
	case err == nil:
		return 0
	case errors.As(err, &help):
		if printCommandHelp(env.Stdout, strings.Fields(help.cmd)) != nil {
			writeUsage(env.Stdout, Usage{Name: help.cmd, Flags: flagUsages(help.fs)}, "")
		}
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "verbatim: %s\nRun 'verbatim help' for the commands.\n", visibleText(ue.msg))
		return 2
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		// Ctrl-C or TERM: what was done is kept (each change is its own
		// transaction); the command said what it did before this line.
		fmt.Fprintln(env.Stderr, "verbatim: interrupted")
		return ExitInterrupted
	default:
		fmt.Fprintf(env.Stderr, "verbatim: %s\n", visibleText(message(err)))
		return 1
	}
}

func dispatch(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return runOpen(ctx, env, nil)
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			return printCommandHelp(env.Stdout, args[1:])
		}
		printHelp(env.Stdout)
		return nil
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "verbatim", cmp.Or(env.Version, "dev"))
		return nil
	}
	if strings.HasSuffix(name, ".verbatim") {
		return runOpen(ctx, env, args)
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		if wantsHelp(args[1:]) {
			which := args[:1]
			if len(args) > 2 {
				if _, ok := findUsage(name + " " + args[1]); ok {
					which = args[:2]
				}
			}
			return printCommandHelp(env.Stdout, which)
		}
		return c.run(ctx, env, args[1:])
	}
	return usagef("unknown command %q", name)
}

// message makes an error's text fit for a researcher: it drops Go's wording
// for missing files and permissions.
func message(err error) string {
	err = model.Plain(err)
	var pe *os.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, os.ErrNotExist):
			return pe.Path + ": no such file or folder"
		case errors.Is(err, os.ErrPermission):
			return pe.Path + ": permission denied"
		}
	}
	return err.Error()
}
