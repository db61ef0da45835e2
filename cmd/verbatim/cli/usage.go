package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Usage is one command's usage: what "verbatim help" and "verbatim COMMAND
// --help" print, and what a man page can be made from.
type Usage struct {
	// Name is the command as typed after "verbatim": "search", "code add".
	Name string
	// Synopsis is the arguments after the name.
	Synopsis string
	// Summary says in one line what the command does.
	Summary string
	// Flags are the command's flags in alphabetical order.
	Flags []FlagUsage
}

// FlagUsage is one flag of a command.
type FlagUsage struct {
	Name    string // without the dashes
	Arg     string // what the flag takes ("N", "TEXT"); "" for a switch
	Default string // "" when the default is empty, zero or false
	Usage   string
}

// subcommands are the commands written as two words; their flags are those
// of the first word's command given the second.
var subcommands = []struct{ name, usage, help string }{
	{"code add", "FILE.verbatim NAME [--parent NAME] [--color #RRGGBB] [--description TEXT]", "add a code to the codebook"},
	{"code apply", "FILE.verbatim --code NAME --doc DOC (--match TEXT [--nth N] | --range START:END) [--memo TEXT] [--json]", "code a passage"},
	{"code edit", "FILE.verbatim CODE [--name NEW] [--color #RRGGBB] [--description TEXT]", "rename a code, change its colour or description"},
	{"code move", "FILE.verbatim CODE (--parent NAME | --top)", "move a code under another one, or to the top"},
	{"code merge", "FILE.verbatim CODE --into CODE", "move a code's codings to another code and remove it"},
	{"code delete", "FILE.verbatim CODE", "delete a code with its subcodes and their codings"},
	{"speakers rename", "FILE.verbatim LABEL NAME [--doc DOC]", "make speaker LABEL (in DOC, or everywhere) participant NAME"},
	{"speakers merge", "FILE.verbatim LABEL --into LABEL --doc DOC", "give a speaker's turns to another speaker"},
	{"speakers split", "FILE.verbatim LABEL --doc DOC --turns N[,N...] --as NAME", "give some of a speaker's turns to another speaker"},
	{"speakers mark", "FILE.verbatim LABEL [--doc DOC] [--not]", "mark (or unmark) a speaker as interviewer"},
	{"participants rename", "FILE.verbatim NAME NEW-NAME", "rename a participant (to an existing name: join the two)"},
	{"participants set", "FILE.verbatim NAME KEY=VALUE", "set a participant's attribute (an empty VALUE removes it)"},
}

// globalUsage is what "verbatim" itself takes besides the commands.
var globalUsage = []Usage{
	{Name: "help", Synopsis: "[COMMAND]", Summary: "list every command with its flags, or show one command's usage"},
	{Name: "--version", Summary: "print the version (also: verbatim version)"},
}

// Commands returns the usage of every command, in the order "verbatim help"
// lists them: each command, followed by its two-word forms, then help and
// --version.
func Commands() []Usage {
	var out []Usage
	for _, c := range commands {
		out = append(out, Usage{Name: c.name, Synopsis: c.usage, Summary: c.help, Flags: commandFlags(c, nil)})
		for _, s := range subcommands {
			first, second, _ := strings.Cut(s.name, " ")
			if first == c.name {
				out = append(out, Usage{Name: s.name, Synopsis: s.usage, Summary: s.help, Flags: commandFlags(c, []string{second})})
			}
		}
	}
	return append(out, globalUsage...)
}

// commandFlags finds a command's flags by asking it for help: every command
// declares its flags before it reads anything, and answers --help without
// touching a file. The context is cancelled, in case one does not.
func commandFlags(c command, sub []string) []FlagUsage {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.run(ctx, Env{Stdout: io.Discard, Stderr: io.Discard}, append(sub, "--help"))
	var help helpRequest
	if !errors.As(err, &help) || help.fs == nil {
		return nil
	}
	return flagUsages(help.fs)
}

func flagUsages(fs *flag.FlagSet) []FlagUsage {
	var out []FlagUsage
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		switch arg {
		case "":
		case "string", "value":
			arg = "TEXT"
		case "int", "uint", "int64", "uint64":
			arg = "N"
		case "float":
			arg = "X"
		case "duration":
			arg = "DURATION"
		}
		def := f.DefValue
		if def == "false" || def == "0" {
			def = ""
		}
		out = append(out, FlagUsage{Name: f.Name, Arg: arg, Default: def, Usage: usage})
	})
	return out
}

// findUsage returns the usage of the command named name ("code add").
func findUsage(name string) (Usage, bool) {
	for _, u := range Commands() {
		if u.Name == name {
			return u, true
		}
	}
	return Usage{}, false
}

// writeUsage writes one command's usage: its synopsis, summary and flags.
func writeUsage(w io.Writer, u Usage, indent string) {
	fmt.Fprintf(w, "%sverbatim %s\n", indent, strings.TrimSpace(u.Name+" "+u.Synopsis))
	fmt.Fprintf(w, "%s    %s\n", indent, u.Summary)
	for _, f := range u.Flags {
		flag := "--" + f.Name
		if f.Arg != "" {
			flag += " " + f.Arg
		}
		line := fmt.Sprintf("%s      %-22s %s", indent, flag, f.Usage)
		if f.Default != "" {
			line += fmt.Sprintf(" (default %s)", f.Default)
		}
		fmt.Fprintln(w, line)
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Verbatim codes interview transcripts. Usage:")
	fmt.Fprintln(w)
	for _, u := range Commands() {
		writeUsage(w, u, "  ")
	}
	fmt.Fprintln(w, "\nPositions are counted in characters (Unicode code points) from 0; a range START:END includes START and excludes END.")
	fmt.Fprintln(w, "'verbatim help COMMAND' or 'verbatim COMMAND --help' shows one command; 'verbatim search --help-query' the query language.")
}

// printCommandHelp prints the usage of the command named by args ("code",
// "add"), as "verbatim help code add" asks.
func printCommandHelp(w io.Writer, args []string) error {
	name := strings.Join(args, " ")
	if len(args) > 2 {
		name = strings.Join(args[:2], " ")
	}
	u, ok := findUsage(name)
	if !ok && len(args) > 1 {
		u, ok = findUsage(args[0])
	}
	if !ok {
		return usagef("help: no command %q", name)
	}
	fmt.Fprint(w, "usage: ")
	writeUsage(w, u, "")
	for _, s := range Commands() {
		if strings.HasPrefix(s.Name, u.Name+" ") {
			fmt.Fprintln(w)
			writeUsage(w, s, "")
		}
	}
	return nil
}

// wantsHelp says whether a command's arguments ask for its help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}
