package importer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// Status says what became of one file of an import.
type Status string

// The outcomes of importing a file.
const (
	Imported  Status = "imported"
	Duplicate Status = "duplicate" // its text is in the project already
	Skipped   Status = "skipped"   // it could not be read; Reason says why
)

// Result is the report on one file of an import.
type Result struct {
	File     string
	Status   Status
	Document model.Document // the stored document, when imported
	Reason   string         // why it was skipped, or which document it duplicates
}

// ImportPaths imports files and folders (recursively, skipping hidden files
// and formats Verbatim does not read) into a project. Every file is its own
// transaction: one that fails leaves the project as it was and never stops
// the others. Speakers the project knows count as speakers in every file.
// progress, if not nil, is told before each file how many are done.
func ImportPaths(ctx context.Context, p *model.Project, paths []string, opts Options, progress func(done, total int, file string)) ([]Result, error) {
	files, results := collectFiles(paths)
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range opts.Speakers {
		seen[s] = true
	}
	for _, s := range speakers {
		if !seen[s.Label] {
			seen[s.Label] = true
			opts.Speakers = append(opts.Speakers, s.Label)
		}
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		if progress != nil {
			progress(i, len(files), f)
		}
		results = append(results, importFile(ctx, p, f, opts))
	}
	if progress != nil {
		progress(len(files), len(files), "")
	}
	return results, nil
}

// collectFiles expands folders and reports paths that cannot be read.
func collectFiles(paths []string) ([]string, []Result) {
	var files []string
	var bad []Result
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			bad = append(bad, Result{File: path, Status: Skipped, Reason: pathMessage(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		var found []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Result{File: p, Status: Skipped, Reason: pathMessage(err)})
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".") && p != path
			if d.IsDir() && hidden {
				return filepath.SkipDir
			}
			if !d.IsDir() && !hidden && Supported(p) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, Result{File: path, Status: Skipped, Reason: pathMessage(err)})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, bad
}

// importFile reads and stores one file, in its own transaction.
func importFile(ctx context.Context, p *model.Project, path string, opts Options) Result {
	r := Result{File: path}
	nd, err := Read(path, opts)
	if err == nil {
		r.Document, err = p.ImportDocument(ctx, nd)
	}
	var dup *model.DuplicateError
	switch {
	case err == nil:
		r.Status = Imported
	case errors.As(err, &dup):
		r.Status, r.Reason = Duplicate, dup.Error()
	default:
		r.Status, r.Reason = Skipped, pathMessage(err)
	}
	return r
}

// pathMessage drops Go's wording for missing and unreadable files.
func pathMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "no such file or folder"
		case errors.Is(err, fs.ErrPermission):
			return "permission denied"
		}
	}
	return err.Error()
}
