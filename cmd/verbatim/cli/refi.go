package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
	"codeberg.org/verbatim/verbatim/model/refiqda"
)

// refiFormat says whether an export's --format (or -o's extension) is a
// REFI-QDA one, and whether it is the codebook alone.
func refiFormat(format, out string) (refi, codebook bool) {
	f := strings.ToLower(strings.TrimSpace(format))
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	}
	switch f {
	case "qdpx":
		return true, false
	case "qdc":
		return true, true
	}
	return false, false
}

// exportREFI writes the project (.qdpx) or its codebook (.qdc) and says
// what the standard could not carry.
func exportREFI(ctx context.Context, env Env, p *model.Project, out string, codebook bool) error {
	if out == "" || out == "-" {
		return usagef("name the file to write with -o FILE (a .qdpx or .qdc is not written to standard output)")
	}
	rep, err := refiqda.WriteFile(ctx, p, out, codebook)
	if err != nil {
		return err
	}
	if codebook {
		fmt.Fprintf(env.Stdout, "wrote the codebook to %s (REFI-QDA .qdc)\n", out)
		return nil
	}
	fmt.Fprintf(env.Stdout, "wrote %d documents, %d codes and %d codings on %d selections to %s (REFI-QDA .qdpx)\n",
		rep.Sources, rep.Codes, rep.Codings, rep.Selections, out)
	for _, l := range rep.NotCarried {
		fmt.Fprintf(env.Stderr, "not carried: %s\n", l)
	}
	return nil
}

// exchangeImporter is what 'verbatim import' does with a REFI-QDA file it
// meets: refiqda.ExchangeImporter, shared with the window's import.
func exchangeImporter(_ Env, opts importer.Options) func(ctx context.Context, p *model.Project, path string) ([]string, error) {
	return refiqda.ExchangeImporter(opts)
}

// importREFI imports an exchange file into an open project and prints the
// report.
func importREFI(ctx context.Context, env Env, p *model.Project, file string) error {
	rep, err := refiqda.ImportFile(ctx, p, file, refiqda.Options{Importer: importer.Options{CacheDir: env.CacheDir}})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %s (from %s):\n", filepath.Base(file), originName(rep.Origin))
	for _, l := range rep.Lines() {
		fmt.Fprintf(env.Stdout, "  %s\n", l)
	}
	return nil
}

func originName(o string) string { return refiqda.OriginName(o) }

// runImportQDPX makes a new project of a REFI-QDA file; on any error the
// new project file is removed again.
func runImportQDPX(ctx context.Context, env Env, args []string) error {
	fs := newFlags("import-qdpx")
	lang := fs.String("lang", "en", "the language of the transcripts: nl or en")
	const usage = "NEW.verbatim IN.qdpx|IN.qde|IN.qdc [--lang nl|en]"
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("import-qdpx", pos, 2, 2, usage); err != nil {
		return err
	}
	path, in := model.WithExtension(pos[0]), pos[1]
	if _, err := os.Stat(in); err != nil {
		return err
	}
	p, err := model.Create(ctx, path, *lang)
	if err != nil {
		return err
	}
	err = importREFI(ctx, env, p, in)
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeProject(path)
		if errors.Is(err, refiqda.ErrRefused) || errors.Is(err, refiqda.ErrNotREFI) {
			return fmt.Errorf("%w; no project was made", err)
		}
		return err
	}
	return nil
}

// removeProject removes a project file that an import failed to fill,
// with the WAL files SQLite keeps beside it.
func removeProject(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
