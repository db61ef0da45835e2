package importer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
	// Why is Reason as a label: its English template and parts, for a
	// window that shows it in another language (Key is "" when Reason is
	// all there is).
	Why model.Label
	// Err is the error that kept the file out, when reading or storing it
	// failed (Reason is its message).
	Err error
	// Notes say what was odd in an imported file and how its text was
	// kept, one line each.
	Notes []string
	// Passed says a skipped file was met in a folder and passed over
	// without being read (hidden, not a regular file, or not a format
	// Verbatim imports): reported, but not a failed import.
	Passed bool
	// Exchange is the report on a REFI-QDA file Options.Exchange imported
	// (Document is then empty), one line each.
	Exchange []string
	// Stopped says the file was not imported because the batch stopped
	// there or before it (the disk was full, or the import was
	// interrupted): every such file has the same Reason, which a report
	// can give once for all of them.
	Stopped bool
}

// The reasons of the files a batch did not import because it stopped.
const (
	ReasonInterrupted = "not imported: the import was interrupted"
	ReasonDiskFull    = "not imported: the disk is full"
)

// ImportPaths imports files and folders (recursively) into a project. Every
// file is its own transaction: one that fails leaves the project as it was
// and never stops the others, except a full disk: the file that found the
// disk full and every file after it are not imported (Stopped, with
// ReasonDiskFull), and the error is model.ErrDiskFull, said once for the
// batch; the files imported before stay. The results hold a line for every file met:
// hidden files, named pipes and devices, and formats Verbatim does not read
// are skipped with their reason, never left out without a word. Speakers
// the project knows count as speakers in every file. progress, if not nil,
// is told before each file how many are done. When ctx is cancelled, the
// results so far come back with ctx's error, and every file not yet read
// is reported as skipped because the import was interrupted.
func ImportPaths(ctx context.Context, p *model.Project, paths []string, opts Options, progress func(done, total int, file string)) ([]Result, error) {
	met := collectFiles(paths)
	var files []string
	for _, r := range met {
		if r.Status == "" {
			files = append(files, r.File)
		}
	}
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
	results := make([]Result, 0, len(met))
	var stopped error
	done := 0
	for _, r := range met {
		switch {
		case r.Status != "":
		case stopped == nil && ctx.Err() != nil:
			stopped = ctx.Err()
			fallthrough
		case stopped != nil:
			reason := ReasonInterrupted
			if errors.Is(stopped, model.ErrDiskFull) {
				reason = ReasonDiskFull
			}
			r = skipped(r.File, stoppedWhy(reason), false)
			r.Stopped = true
		default:
			if progress != nil {
				progress(done, len(files), r.File)
			}
			r = importFile(ctx, p, r.File, opts)
			switch {
			case r.Stopped && r.Reason == ReasonDiskFull:
				// Nothing after it would fit either: the project stays
				// as it was before this file.
				stopped = model.ErrDiskFull
			case r.Stopped:
				stopped = ctx.Err()
			}
			done++
		}
		results = append(results, r)
	}
	if stopped != nil {
		return results, stopped
	}
	if progress != nil {
		progress(len(files), len(files), "")
	}
	return results, nil
}

// collectFiles expands folders into every file met, in order: a result
// without a status for a file to read, a skipped one with its reason for
// anything else.
func collectFiles(paths []string) []Result {
	var met []Result
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			met = append(met, skipped(path, pathLabel(err), false))
			continue
		}
		if !info.IsDir() {
			if reason := notRegular(info.Mode()); reason.Text != "" {
				met = append(met, skipped(path, reason, false))
			} else {
				met = append(met, Result{File: path})
			}
			continue
		}
		// WalkDir walks each folder in lexical order.
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				met = append(met, skipped(p, pathLabel(err), false))
				return nil
			}
			if p == path {
				return nil
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") {
					met = append(met, skipped(p, model.Phrase("a hidden folder, not searched"), true))
					return filepath.SkipDir
				}
				return nil
			}
			if reason := skipReason(p, d); reason.Text != "" {
				met = append(met, skipped(p, reason, true))
			} else {
				met = append(met, Result{File: p})
			}
			return nil
		})
		if err != nil {
			met = append(met, skipped(path, pathLabel(err), false))
		}
	}
	return met
}

// skipReason says why a file met in a folder is not read, or "" when it is
// read (an empty label): a hidden file, something that is not a regular
// file (which could block the import, as a named pipe does), or a format
// Verbatim does not import.
func skipReason(path string, d fs.DirEntry) model.Label {
	if strings.HasPrefix(d.Name(), ".") {
		return model.Phrase("a hidden file")
	}
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := os.Stat(path)
		if err != nil {
			return model.Phrase("a link to a file that cannot be read ({{.What}})", "What", pathLabel(err).Text)
		}
		if info.IsDir() {
			return model.Phrase("a link to a folder, not followed")
		}
		mode = info.Mode()
	}
	if reason := notRegular(mode); reason.Text != "" {
		return reason
	}
	if !Supported(path) {
		return unsupportedReason(path)
	}
	return model.Label{}
}

// notRegular says what a path that is not a regular file is, or is empty.
func notRegular(mode fs.FileMode) model.Label {
	switch {
	case mode.IsRegular():
		return model.Label{}
	case mode&fs.ModeNamedPipe != 0:
		return model.Phrase("a named pipe, not a file")
	case mode&fs.ModeSocket != 0:
		return model.Phrase("a socket, not a file")
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return model.Phrase("a device, not a file")
	}
	return model.Phrase("not a regular file")
}

// skipped is the result for a file that is not imported, for why.
func skipped(file string, why model.Label, passed bool) Result {
	return Result{File: file, Status: Skipped, Reason: why.Text, Why: why, Passed: passed}
}

// stoppedWhy is the label of a Stopped file's reason.
func stoppedWhy(reason string) model.Label {
	if reason == ReasonDiskFull {
		return model.Phrase("not imported: the disk is full")
	}
	return model.Phrase("not imported: the import was interrupted")
}

// importFile reads and stores one file, in its own transaction.
func importFile(ctx context.Context, p *model.Project, path string, opts Options) Result {
	r := Result{File: path}
	nd, err := Read(path, opts)
	if errors.Is(err, ErrExchangeFile) && opts.Exchange != nil {
		if r.Exchange, err = opts.Exchange(ctx, p, path); err == nil {
			r.Status = Imported
			return r
		}
	}
	if err == nil {
		r.Document, err = p.ImportDocument(ctx, nd)
	}
	var dup *model.DuplicateError
	switch {
	case err == nil:
		r.Status, r.Notes = Imported, nd.Notes
	case errors.As(err, &dup):
		r.Status, r.Why = Duplicate, model.Phrase("the same text is already in the project as {{.Name}}", "Name", strconv.Quote(dup.Existing))
		r.Reason = dup.Error()
	case errors.Is(err, model.ErrDiskFull):
		r = skipped(path, stoppedWhy(ReasonDiskFull), false)
		r.Stopped = true
	case ctx.Err() != nil:
		r = skipped(path, stoppedWhy(ReasonInterrupted), false)
		r.Stopped = true
	default:
		r = skipped(path, pathLabel(err), false)
		r.Err = err
	}
	return r
}

// pathLabel is why a file was not imported: err's message, as a label
// where the importer made it so, without Go's wording for missing and
// unreadable files.
func pathLabel(err error) model.Label {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return model.Phrase("no such file or folder")
		case errors.Is(err, fs.ErrPermission):
			return model.Phrase("permission denied")
		}
	}
	var ie *importError
	if errors.As(err, &ie) && ie.label.Key != "" && ie.Error() == err.Error() {
		return ie.label
	}
	return model.Label{Text: err.Error()}
}
