package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/memlimit"
)

// ErrClosed says the index was closed (its window closed); a change made
// meanwhile reaches it when it is next opened.
var ErrClosed = errors.New("the search index is closed")

// ErrInUse says the index is open in another process: another Verbatim
// window or command has this project, or a copy of it, open.
var ErrInUse = errors.New("the search index is in use by another Verbatim window or command (perhaps on a copy of this project); close it there first")

// lockTimeout is how long Open waits for another process to let go of the
// index before it gives up with ErrInUse: long enough for a search from the
// command line to end (an autocode beside one failed 5 times in 10 with a
// second). readLockTimeout is OpenForSearch's: it makes an index in memory
// instead (OpenOrInMemory), so it waits less.
var (
	lockTimeout     = "5s"
	readLockTimeout = "1s"
)

// batchEntries and batchBytes bound a batch while the index is built or
// updated, within a document too: bleve indexes a big batch faster, but holds
// all of it, analysed, in memory (a batch of 4 MB: about 40 MB of tokens).
const (
	batchEntries = 2000
	batchBytes   = 4 << 20
)

var stateKey = []byte("verbatim:state")

// state is what the index remembers about the project it reflects.
type state struct {
	Revision int64  `json:"revision"`
	Project  string `json:"project"` // the project file; a copy with the same UUID is another project
	Lang     string `json:"lang"`
	Complete bool   `json:"complete"` // false while a build runs: an interrupted build is rebuilt
	// Global holds a hash of each memo that belongs to no document, to
	// notice which changed.
	Global map[string]uint64 `json:"global"`
}

// Index is the search index of one open project. Search may be called from
// several goroutines; Update and Rebuild wait for running searches.
type Index struct {
	p        *model.Project
	path     string
	progress func(done, total int)

	mu     sync.RWMutex
	closed bool // Close was called: nothing reopens the index
	bi     bleve.Index
	m      *mapping.IndexMappingImpl
	state  state
	// shared analyses the text of the text and exact fields once (nil:
	// each field on its own).
	shared *sharedAnalysis

	// updated lists the documents the last Update re-indexed, and
	// reindexed counts their index documents it indexed again (for tests).
	updated   []int64
	reindexed int
	// persisted receives once the last commit is on disk.
	persisted chan error
	// hashes holds, per document this process updated, the hash
	// (hashFields) of each of its index documents; the others' are read
	// from the index when their document changes (see hashes.go).
	hashes map[int64]map[string]uint64
	// keys holds filter values as the index writes them.
	keys keyCache
	// facets holds the facet terms of the index documents of bi's
	// segments, to count hits (see counts.go).
	facets *facetTables
	// facetsByRequest makes searches count with bleve's facets instead
	// (for tests).
	facetsByRequest bool
}

// bleveConfig is the runtime configuration of every index opened.
func bleveConfig() map[string]any {
	return map[string]any{"bolt_timeout": lockTimeout, "unsafe_batch": true}
}

// Open opens the index of project p kept in the cache folder dir (in
// dir/<project UUID>-m<mapping version>), and brings it up to date. It builds
// the index when it is missing, was built with another mapping or for
// another copy of the project, is damaged, or when the project changed too
// much since; progress (which may be nil) is told how many documents of how
// many are done. Another process holding the index makes Open fail with
// ErrInUse after lockTimeout (5 s).
func Open(ctx context.Context, p *model.Project, dir string, progress func(done, total int)) (*Index, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	name := p.UUID() + "-m" + strconv.Itoa(mappingVersion)
	removeOtherVersions(dir, p.UUID(), name)
	ix := &Index{p: p, path: filepath.Join(dir, name), progress: progress, hashes: map[int64]map[string]uint64{}}
	lang, err := p.Language(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(ix.path); err == nil {
		bi, st, err := openBleve(ix.path)
		switch {
		case errors.Is(err, ErrInUse):
			return nil, err
		case err == nil && st.Complete && st.Project == p.Path() && st.Lang == lang:
			ix.bi, ix.state = bi, st
			ix.facets = newFacetTables()
			ix.m, err = newMapping(lang)
			if err != nil {
				bi.Close()
				return nil, err
			}
			ix.shared = newSharedAnalysis(ix.m)
			err := ix.Update(ctx)
			if err == nil {
				return ix, nil
			}
			if ctx.Err() != nil {
				ix.Close()
				return nil, ctx.Err()
			}
			// Damaged in a way only an update shows: rebuild below.
			ix.Close()
		case err == nil:
			bi.Close()
		}
	}
	if err := ix.create(ctx); err != nil {
		return nil, err
	}
	return ix, nil
}

// OpenInMemory builds the index of project p in memory only, for a search
// when the cache folder cannot be written (read-only or full): it is built
// on every open and lost on Close, so it suits small projects (see
// InMemoryLimit). Path returns "".
func OpenInMemory(ctx context.Context, p *model.Project, progress func(done, total int)) (*Index, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	ix := &Index{p: p, progress: progress, hashes: map[int64]map[string]uint64{}}
	if err := ix.create(ctx); err != nil {
		return nil, err
	}
	return ix, nil
}

// InMemoryLimit is the most text, in characters, of a project whose index
// is kept in memory when the cache folder cannot be written: building it
// takes about a second per 2 million characters, on every search.
const InMemoryLimit = 20_000_000

// removeOtherVersions deletes indexes of this project built with another
// mapping version: they will never be used again.
func removeOtherVersions(dir, uuid, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, uuid+"-m*"))
	for _, o := range old {
		if filepath.Base(o) != keep {
			os.RemoveAll(o)
		}
	}
}

// openBleve opens an existing index and reads its state. A damaged index
// returns an error (bleve's panics on damaged files included), except that a
// lock held by another process returns ErrInUse.
func openBleve(path string) (bi bleve.Index, st state, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search index damaged: %v", r)
		}
	}()
	bi, err = bleve.OpenUsing(path, bleveConfig())
	if err != nil {
		if isLockTimeout(err) {
			return nil, st, ErrInUse
		}
		return nil, st, err
	}
	raw, err := bi.GetInternal(stateKey)
	if err == nil {
		err = json.Unmarshal(raw, &st)
	}
	if err != nil {
		bi.Close()
		return nil, st, err
	}
	return bi, st, nil
}

func isLockTimeout(err error) bool {
	return errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), bolterrors.ErrTimeout.Error())
}

// create makes a new, empty index in ix.path (removing whatever is there)
// and fills it from the project.
func (ix *Index) create(ctx context.Context) error {
	lang, err := ix.p.Language(ctx)
	if err != nil {
		return err
	}
	m, err := newMapping(lang)
	if err != nil {
		return err
	}
	if ix.path != "" {
		if err := os.RemoveAll(ix.path); err != nil {
			return fmt.Errorf("remove the old search index: %w", err)
		}
	}
	bi, err := bleve.NewUsing(ix.path, m, scorch.Name, scorch.Name, bleveConfig())
	if err != nil {
		if isLockTimeout(err) {
			return ErrInUse
		}
		return fmt.Errorf("create the search index: %w", err)
	}
	ix.bi, ix.m, ix.persisted = bi, m, nil
	ix.facets = newFacetTables()
	ix.shared = newSharedAnalysis(m)
	clear(ix.hashes)
	ix.state = state{Project: ix.p.Path(), Lang: lang}
	if err := ix.build(ctx); err != nil {
		bi.Close()
		ix.bi = nil
		return err
	}
	return nil
}

// buildMemory is the soft memory limit while the index is built or updated
// (memlimit.Lower). Indexing allocates fast (every batch's tokens): with the
// default GOGC the heap grows to twice what is live, about 400 MB for a
// 45 MB document, where a collection a little sooner keeps it near 200 MB
// (what is live is 120–180 MB).
const buildMemory = 192 << 20

// indexers is how many batches are indexed at once while the index is
// built: bleve analyses a batch on all cores but writes its segment on one,
// so a second batch keeps the other core busy meanwhile.
const indexers = 2

// build indexes every document of the project into the empty index. This
// goroutine reads the project and fills batches; indexers goroutines hand
// them to bleve.
func (ix *Index) build(ctx context.Context) error {
	defer memlimit.Lower(buildMemory)()
	// The revision is read first: changes made while the build runs are
	// caught up by the next Update.
	rev, err := ix.p.Revision(ctx)
	if err != nil {
		return err
	}
	ix.state.Revision, ix.state.Complete = rev, false
	if err := ix.writeState(); err != nil {
		return err
	}
	docs, err := ix.p.Documents(ctx)
	if err != nil {
		return err
	}
	info, err := loadProjectInfo(ctx, ix.p)
	if err != nil {
		return err
	}
	pd, err := readProjectDocs(ctx, ix.p)
	if err != nil {
		return err
	}

	batches := make(chan *bleve.Batch)
	errs := make(chan error, indexers)
	var wg sync.WaitGroup
	for range indexers {
		wg.Go(func() {
			var first error
			for b := range batches {
				if first == nil {
					first = ix.bi.Batch(b)
				}
			}
			errs <- first
		})
	}
	produced := func() error {
		ix.progress(0, len(docs))
		batch := ix.bi.NewBatch()
		size := 0
		for i, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			dd, err := pd.read(ctx, ix.p, d)
			if err != nil {
				return fmt.Errorf("index %s: %w", d.Name, err)
			}
			err = info.eachEntry(dd, func(e entry) error {
				n, err := ix.indexEntry(batch, e, hashFields(e))
				if err != nil {
					return err
				}
				size += n
				// A long document fills several batches: bleve holds a
				// batch's analysis in memory until its segment is written.
				if batch.Size() >= batchEntries || size >= batchBytes {
					batches <- batch
					batch, size = ix.bi.NewBatch(), 0
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("index %s: %w", d.Name, err)
			}
			ix.progress(i+1, len(docs))
		}
		if batch.Size() > 0 {
			batches <- batch
		}
		return nil
	}()
	close(batches)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && produced == nil {
			produced = fmt.Errorf("search index: %w", err)
		}
	}
	if produced != nil {
		return produced
	}
	batch := ix.bi.NewBatch()
	if err := ix.updateGlobal(ctx, batch, info); err != nil {
		return err
	}
	ix.state.Complete = true
	if err := ix.commit(batch); err != nil {
		return err
	}
	// The build is done when it is on disk.
	return ix.waitPersisted()
}

// commit applies batch together with the current state. The index takes
// batches without waiting for them to reach the disk (bleve's unsafe_batch):
// the state travels in the same batch, so an index that loses its last
// batches in a crash is merely behind, and the next Update catches up. Close
// and build wait for the disk.
func (ix *Index) commit(batch *bleve.Batch) error {
	raw, err := json.Marshal(ix.state)
	if err != nil {
		return err
	}
	batch.SetInternal(stateKey, raw)
	if ix.path == "" {
		// In memory: nothing is ever persisted.
		if err := ix.bi.Batch(batch); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		return nil
	}
	persisted := make(chan error, 1)
	batch.SetPersistedCallback(func(err error) { persisted <- err })
	if err := ix.bi.Batch(batch); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	ix.persisted = persisted
	return nil
}

// persistTimeout bounds how long Close and build wait for the disk.
const persistTimeout = 30 * time.Second

// waitPersisted waits until the last commit is on disk.
func (ix *Index) waitPersisted() error {
	if ix.persisted == nil {
		return nil
	}
	select {
	case err := <-ix.persisted:
		ix.persisted = nil
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		return nil
	case <-time.After(persistTimeout):
		return fmt.Errorf("search index: not written to disk after %v", persistTimeout)
	}
}

func (ix *Index) writeState() error { return ix.commit(ix.bi.NewBatch()) }

// updateGlobal adds to batch the memos that belong to no document and have
// changed, and deletes those that are gone.
func (ix *Index) updateGlobal(ctx context.Context, batch *bleve.Batch, info *projectInfo) error {
	entries, err := globalEntries(ctx, ix.p, info)
	if err != nil {
		return err
	}
	next := make(map[string]uint64, len(entries))
	for _, e := range entries {
		h := hashFields(e)
		next[e.id] = h
		if old, ok := ix.state.Global[e.id]; ok && old == h {
			continue
		}
		if _, err := ix.indexEntry(batch, e, h); err != nil {
			return err
		}
	}
	for id := range ix.state.Global {
		if _, ok := next[id]; !ok {
			batch.Delete(id)
		}
	}
	ix.state.Global = next
	return nil
}

// Update brings the index up to date with the project: only the passages
// and memos of documents changed since the index was last updated are
// indexed again (those of deleted documents are removed). When the project
// changed too much to tell (its language, or more history than is kept), the
// index is rebuilt.
func (ix *Index) Update(ctx context.Context) (err error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	docs, now, all, err := ix.p.ChangedDocuments(ctx, ix.state.Revision)
	if err != nil {
		return err
	}
	if all || now < ix.state.Revision {
		return ix.rebuildLocked(ctx)
	}
	if now == ix.state.Revision {
		ix.updated, ix.reindexed = nil, 0
		return nil
	}
	info, err := loadProjectInfo(ctx, ix.p)
	if err != nil {
		return err
	}
	defer memlimit.Lower(buildMemory)()
	batch := ix.bi.NewBatch()
	size, reindexed := 0, 0
	// A change to many passages (undoing an auto-coding) goes to the index
	// in several batches, each bounded like a build's; the state follows
	// with the last, so an update cut short is caught up again.
	flush := func() error {
		if batch.Size() < batchEntries && size < batchBytes {
			return nil
		}
		if err := ix.bi.Batch(batch); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		batch, size = ix.bi.NewBatch(), 0
		return nil
	}
	defer func() {
		if err != nil {
			// Some batches may have reached the index: what the
			// hashes say of these documents is no longer sure.
			for _, id := range docs {
				delete(ix.hashes, id)
			}
		}
	}()
	hashes := make(map[int64]map[string]uint64, len(docs))
	for _, id := range docs {
		dd, err := readDocument(ctx, ix.p, id)
		deleted := errors.Is(err, model.ErrNotFound)
		if err != nil && !deleted {
			return err
		}
		// Only the index documents that changed are indexed again (a
		// coding changes the passages it overlaps): their hashes are
		// known since this process last updated the document, or read
		// from the index.
		old, known := ix.hashes[id]
		if !known {
			if old, err = ix.storedHashes(ctx, id); err != nil {
				return err
			}
		}
		next := map[string]uint64{}
		if !deleted {
			err = info.eachEntry(dd, func(e entry) error {
				h := hashFields(e)
				next[e.id] = h
				if prev, ok := old[e.id]; ok && prev == h {
					return nil
				}
				n, err := ix.indexEntry(batch, e, h)
				if err != nil {
					return err
				}
				size += n
				reindexed++
				return flush()
			})
			if err != nil {
				return err
			}
		}
		for id := range old {
			if _, ok := next[id]; !ok {
				batch.Delete(id)
			}
		}
		hashes[id] = next
		if err := flush(); err != nil {
			return err
		}
	}
	if err := ix.updateGlobal(ctx, batch, info); err != nil {
		return err
	}
	ix.state.Revision = now
	if err := ix.commit(batch); err != nil {
		return err
	}
	for id, h := range hashes {
		if len(h) == 0 {
			delete(ix.hashes, id)
		} else {
			ix.hashes[id] = h
		}
	}
	ix.updated, ix.reindexed = docs, reindexed
	return nil
}

// Rebuild throws the index away and builds it again from the project.
func (ix *Index) Rebuild(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	return ix.rebuildLocked(ctx)
}

func (ix *Index) rebuildLocked(ctx context.Context) error {
	if ix.bi != nil {
		ix.bi.Close()
		ix.bi = nil
	}
	ix.persisted = nil
	return ix.create(ctx)
}

// Close closes the index. The project stays open.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.closed = true
	if ix.bi == nil {
		return nil
	}
	err := ix.waitPersisted()
	if err2 := ix.bi.Close(); err == nil {
		err = err2
	}
	ix.bi = nil
	return err
}

// Path returns the folder that holds the index ("" for one in memory).
func (ix *Index) Path() string { return ix.path }
