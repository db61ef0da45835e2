package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"verbatim/model"
	"verbatim/model/importer"
)

// importResult is the report on one file of an import.
type importResult struct {
	File     string `json:"file"`
	Status   string `json:"status"` // imported, duplicate or skipped
	Document string `json:"document,omitempty"`
	ID       int64  `json:"id,omitempty"`
	Chars    int    `json:"chars,omitempty"`
	Speakers int    `json:"speakers,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("import")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	maxMB := fs.Int64("max-mb", importer.DefaultMaxTextBytes>>20, "the largest text a document may hold, in MB")
	return withProject(ctx, "import", fs, args, 2, -1, "FILE.verbatim PATH... [--json] [--max-mb N]", func(p *model.Project, paths []string) error {
		files, results := collectFiles(paths)
		speakers, err := p.Speakers(ctx, 0)
		if err != nil {
			return err
		}
		opts := importer.Options{MaxTextBytes: *maxMB << 20, CacheDir: env.CacheDir}
		seen := map[string]bool{}
		for _, s := range speakers {
			if !seen[s.Label] {
				seen[s.Label] = true
				opts.Speakers = append(opts.Speakers, s.Label)
			}
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			results = append(results, importFile(ctx, p, f, opts))
		}
		failed := 0
		for _, r := range results {
			if r.Status == "skipped" {
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
		if failed > 0 {
			return fmt.Errorf("%d of %d files not imported", failed, len(results))
		}
		return nil
	})
}

// collectFiles expands folders (recursively, skipping hidden files and
// formats Verbatim does not read) and reports paths that cannot be read.
func collectFiles(paths []string) ([]string, []importResult) {
	var files []string
	var bad []importResult
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			bad = append(bad, importResult{File: path, Status: "skipped", Reason: message(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		var found []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, importResult{File: p, Status: "skipped", Reason: message(err)})
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".") && p != path
			if d.IsDir() && hidden {
				return filepath.SkipDir
			}
			if !d.IsDir() && !hidden && importer.Supported(p) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, importResult{File: path, Status: "skipped", Reason: message(err)})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, bad
}

// importFile reads and stores one file, in its own transaction: a failure
// leaves the project as it was.
func importFile(ctx context.Context, p *model.Project, path string, opts importer.Options) importResult {
	r := importResult{File: path}
	nd, err := importer.Read(path, opts)
	if err == nil {
		var d model.Document
		d, err = p.ImportDocument(ctx, nd)
		r.Document, r.ID, r.Chars, r.Speakers = d.Name, d.ID, d.Chars, d.Speakers
	}
	var dup *model.DuplicateError
	switch {
	case err == nil:
		r.Status = "imported"
	case errors.As(err, &dup):
		r.Status, r.Reason = "duplicate", dup.Error()
	default:
		r.Status, r.Reason = "skipped", message(err)
	}
	return r
}

func printImportReport(w io.Writer, results []importResult) {
	n := map[string]int{}
	for _, r := range results {
		n[r.Status]++
		switch r.Status {
		case "imported":
			fmt.Fprintf(w, "imported   %s: %d characters, %d speakers\n", r.File, r.Chars, r.Speakers)
		default:
			fmt.Fprintf(w, "%-10s %s: %s\n", r.Status, r.File, r.Reason)
		}
	}
	fmt.Fprintf(w, "%d imported, %d duplicates, %d skipped\n", n["imported"], n["duplicate"], n["skipped"])
}

func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }
