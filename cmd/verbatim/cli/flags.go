package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// newFlags returns a flag set for a subcommand that reports errors as usage
// errors instead of printing.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args with flags and positional arguments in any order (as in
// "code add P.verbatim Name --color #FF0000"), and returns the positional
// ones. "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // Parse reports it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := parseFlags(fs, flags); err != nil {
		return nil, err
	}
	return pos, nil
}

// parseFlags parses flags, turning --help into a helpRequest and any other
// error into a usage error.
func parseFlags(fs *flag.FlagSet, flags []string) error {
	err := fs.Parse(flags)
	if errors.Is(err, flag.ErrHelp) {
		return helpRequest{cmd: fs.Name(), fs: fs}
	}
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

// helpRequest is "verbatim COMMAND --help": the command's usage and flags
// go to standard output, with exit status 0.
type helpRequest struct {
	cmd string
	fs  *flag.FlagSet
}

func (h helpRequest) Error() string { return h.cmd + ": help requested" }

// wantArgs checks the number of positional arguments.
func wantArgs(cmd string, pos []string, min, max int, usage string) error {
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		return usagef("usage: verbatim %s %s", cmd, usage)
	}
	return nil
}
