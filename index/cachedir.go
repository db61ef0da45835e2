package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"

	"codeberg.org/verbatim/verbatim/model"
)

// The index lives in the user's cache folder. When that folder cannot be
// written (full, read-only, not permitted, or a file in its place), a small
// project's index is kept in memory instead; the command line and the
// window decide it the same way, here.

// WritableDir makes the index folder dir if needed and checks that a file
// can be written in it, so that a full or read-only cache folder is said
// at once, plainly.
func WritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return CannotWrite(dir, err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err == nil {
		_, err = f.Write(make([]byte, 4096))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		os.Remove(f.Name())
	}
	if err != nil {
		return CannotWrite(dir, err)
	}
	return nil
}

// CannotWrite says plainly why dir could not be written to.
func CannotWrite(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the disk of %s is full; free some space and try again", dir)
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s cannot be written to (read-only or no permission)", dir)
	}
	return fmt.Errorf("%s cannot be written to: %w", dir, err)
}

// CacheFailed reports whether err, from building or updating an index in
// a folder that was writable when it was checked, says the folder filled
// up or turned read-only since.
func CacheFailed(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission)
}

// OpenInMemoryInstead builds project p's index in memory because its cache
// folder cannot be written (cacheErr says why), when p holds at most limit
// characters (InMemoryLimit, or less in tests); a larger project gets
// cacheErr back, saying why its index is not kept in memory.
func OpenInMemoryInstead(ctx context.Context, p *model.Project, cacheErr error, limit int, progress func(done, total int)) (*Index, error) {
	docs, err := p.Documents(ctx)
	if err != nil {
		return nil, err
	}
	chars := 0
	for _, d := range docs {
		chars += d.Chars
	}
	if chars > limit {
		size := strconv.Itoa(limit)
		if limit%1_000_000 == 0 {
			size = strconv.Itoa(limit/1_000_000) + " million"
		}
		return nil, fmt.Errorf("%w (the index of a project over %s characters is not kept in memory instead)", cacheErr, size)
	}
	return OpenInMemory(ctx, p, progress)
}

// errHeldElsewhere is the note of a search that made its index in memory
// because another process holds the one in the cache folder.
var errHeldElsewhere = errors.New("another Verbatim window or command has the search index open")

// OpenOrInMemory opens project p's index in dir as Open does, or, when
// searchOnly, as OpenForSearch does (a folder that holds an index already
// is then not checked for writing: an index that is up to date writes
// nothing; and an index another process holds, the window or a command
// changing it, is made in memory instead for a project of at most limit
// characters, with cacheErr saying so). When dir cannot be written (it is full, read-only or not
// permitted, or becomes so while the index is written), the index of a
// project of at most limit characters is built in memory instead, and
// cacheErr says why, for a note; a larger project fails with that reason.
func OpenOrInMemory(ctx context.Context, p *model.Project, dir string, limit int, searchOnly bool, progress func(done, total int)) (ix *Index, cacheErr, err error) {
	if _, statErr := os.Stat(dir); !searchOnly || statErr != nil {
		cacheErr = WritableDir(dir)
	}
	if cacheErr == nil {
		open := Open
		if searchOnly {
			open = OpenForSearch
		}
		ix, err = open(ctx, p, dir, progress)
		if searchOnly && errors.Is(err, ErrInUse) {
			// A command that only searches runs beside the window or a
			// command that holds the index: it searches an index of its
			// own, made in memory, when the project is small enough.
			if mix, merr := OpenInMemoryInstead(ctx, p, errHeldElsewhere, limit, progress); merr == nil {
				return mix, errHeldElsewhere, nil
			}
			return nil, nil, err
		}
		if err == nil || !CacheFailed(err) {
			return ix, nil, err
		}
		cacheErr = CannotWrite(dir, err)
	}
	cacheErr = fmt.Errorf("search needs the cache folder for its index, and %w", cacheErr)
	ix, err = OpenInMemoryInstead(ctx, p, cacheErr, limit, progress)
	return ix, cacheErr, err
}
