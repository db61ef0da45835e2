package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// importResult is the report on one file of an import, as JSON.
type importResult struct {
	File     string   `json:"file"`
	Status   string   `json:"status"` // imported, duplicate or skipped
	Document string   `json:"document,omitempty"`
	ID       int64    `json:"id,omitempty"`
	Chars    int      `json:"chars,omitempty"`
	Speakers int      `json:"speakers,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	Notes    []string `json:"notes,omitempty"` // what was odd in an imported file
	// Report is what a REFI-QDA file brought and what it could not carry.
	Report []string `json:"report,omitempty"`
	// Stopped says the import stopped at or before this file (the disk was
	// full, or it was interrupted): the text report lists these files in
	// one line.
	Stopped bool `json:"stopped,omitempty"`
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("import")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	maxMB := fs.Int64("max-mb", importer.DefaultMaxTextBytes>>20, "the largest text a document may hold, in MB")
	return withProject(ctx, "import", fs, args, 2, -1, "FILE.verbatim PATH... [--json] [--max-mb N]", func(p *model.Project, paths []string) error {
		opts := importer.Options{MaxTextBytes: *maxMB << 20, CacheDir: env.CacheDir}
		opts.Exchange = exchangeImporter(env, opts)
		done, err := importer.ImportPaths(ctx, p, paths, opts, nil)
		if err != nil && done == nil {
			return err
		}
		// When the import is interrupted, the report so far is printed
		// before the error: every file imported by then stays imported.
		results := make([]importResult, len(done))
		failed, passed := 0, 0 // passed over in a folder: reported, not failures
		for i, r := range done {
			results[i] = importResult{File: r.File, Status: string(r.Status), Reason: r.Reason, Notes: r.Notes, Report: r.Exchange, Stopped: r.Stopped}
			if r.Status == importer.Imported {
				d := r.Document
				results[i].Document, results[i].ID, results[i].Chars, results[i].Speakers = d.Name, d.ID, d.Chars, d.Speakers
			}
			if r.Passed {
				passed++
			} else if r.Status == importer.Skipped {
				failed++
			}
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, results); err != nil {
				return err
			}
		} else {
			printImportReport(env.Stdout, results)
		}
		switch {
		case errors.Is(err, model.ErrDiskFull):
			return model.ErrDiskFull // said once for the batch, in plain words
		case err != nil:
			return fmt.Errorf("import interrupted: %w", err)
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d files not imported", failed, len(results)-passed)
		}
		return nil
	})
}

// printImportReport prints a line per file, except that the files not
// imported because the import stopped (a full disk, an interruption) share
// one line at the end, with their reason once.
func printImportReport(w io.Writer, results []importResult) {
	n := map[string]int{}
	var stopped []string
	reason := ""
	for _, r := range results {
		n[r.Status]++
		switch {
		case r.Stopped:
			stopped = append(stopped, r.File)
			reason = strings.TrimPrefix(r.Reason, "not imported: ")
		case r.Report != nil:
			fmt.Fprintf(w, "imported   %s (REFI-QDA):\n", r.File)
			for _, l := range r.Report {
				fmt.Fprintf(w, "             %s\n", l)
			}
		case r.Status == "imported":
			fmt.Fprintf(w, "imported   %s: %d characters, %d speakers\n", r.File, r.Chars, r.Speakers)
			for _, note := range r.Notes {
				fmt.Fprintf(w, "           note: %s\n", note)
			}
		default:
			fmt.Fprintf(w, "%-10s %s: %s\n", r.Status, r.File, r.Reason)
		}
	}
	if len(stopped) > 0 {
		fmt.Fprintf(w, "not imported (%s): %s: %s\n", reason, plural(len(stopped), "file", "files"), strings.Join(stopped, ", "))
	}
	fmt.Fprintf(w, "%d imported, %d duplicates, %d skipped\n", n["imported"], n["duplicate"], n["skipped"])
}

func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }
