package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"codeberg.org/verbatim/verbatim/model"
)

// OpenForSearch opens the index of project p in dir for searching only, as
// a command that searches and exits does: when the index is complete, built
// for this project file and language, and up to date, it is opened read-only,
// so that nothing is written and synced to disk (a writable open persists a
// new snapshot, with two or three fsyncs, which took a search process 10 to
// 90 ms on the development machine). Otherwise it is Open, which builds or
// catches up. Update and Rebuild fail on an index opened read-only.
func OpenForSearch(ctx context.Context, p *model.Project, dir string, progress func(done, total int)) (*Index, error) {
	name := p.UUID() + "-m" + strconv.Itoa(mappingVersion)
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err != nil {
		return Open(ctx, p, dir, progress)
	}
	lang, err := p.Language(ctx)
	if err != nil {
		return nil, err
	}
	bi, st, err := openBleveReadOnly(path)
	if errors.Is(err, ErrInUse) {
		return nil, err
	}
	if err == nil && st.Complete && st.Project == p.Path() && st.Lang == lang {
		_, now, all, err := p.ChangedDocuments(ctx, st.Revision)
		if err == nil && !all && now == st.Revision {
			m, err := newMapping(lang)
			if err != nil {
				bi.Close()
				return nil, err
			}
			if progress == nil {
				progress = func(int, int) {}
			}
			return &Index{p: p, path: path, progress: progress, hashes: map[int64]map[string]uint64{},
				bi: bi, state: st, m: m, shared: newSharedAnalysis(m), facets: newFacetTables()}, nil
		}
	}
	if bi != nil {
		bi.Close()
	}
	return Open(ctx, p, dir, progress)
}

// openBleveReadOnly is openBleve without writing: no persister, no merger.
func openBleveReadOnly(path string) (bi bleve.Index, st state, err error) {
	defer func() {
		if r := recover(); r != nil {
			if bi != nil {
				bi.Close()
			}
			bi, err = nil, errors.New("search index damaged")
		}
	}()
	cfg := bleveConfig()
	cfg["read_only"] = true
	cfg["bolt_timeout"] = readLockTimeout
	bi, err = bleve.OpenUsing(path, cfg)
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
