package index

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The hash of each index document (hashFields) tells Update which passages
// of a changed document changed: a coding changes only the passages it
// overlaps, and an update indexes only those again. Each index document
// carries its hash as a doc value of fieldHash, written in the same batch
// as the document, so the hashes always describe the index as it is on
// disk: a process that opens the index, or one that follows a process
// killed half-way through an update, reads them from there (storedHashes)
// and indexes only what changed. Without them, an update after every new
// start indexed every passage of a changed document again: for a
// transcript of 45 MB that took as long as building the index (minutes)
// and more memory than the build.

// hashFields returns a hash of an index document's id and fields, to tell
// whether it changed. It is the same in every process (FNV-1a), since the
// hashes are kept in the index.
func hashFields(e entry) uint64 {
	h := fnv.New64a()
	io.WriteString(h, e.id)
	text, _ := e.fields[fieldText].(string)
	for _, name := range hashedFields {
		h.Write([]byte{0})
		switch v := e.fields[name].(type) {
		case string:
			if name == fieldExact && v == text {
				// The same text as the text field (always, today):
				// hashed once.
				h.Write([]byte{3})
				continue
			}
			h.Write([]byte{1})
			io.WriteString(h, v)
		case []string:
			h.Write([]byte{2})
			for _, s := range v {
				io.WriteString(h, s)
				h.Write([]byte{0})
			}
		case nil:
		default:
			panic(fmt.Sprintf("index: field %s of type %T", name, v))
		}
	}
	return h.Sum64()
}

// hashedFields are the fields an index document may have.
var hashedFields = []string{fieldText, fieldExact, fieldKind, fieldDocID, fieldDoc, fieldSpeaker,
	fieldInterviewer, fieldCode, fieldAttr, facetDoc, facetSpeaker, facetCode}

// hashTerm writes a hash as the term of fieldHash: hexadecimal, since a
// doc value's terms are separated by a byte (0xff) a raw hash may hold.
func hashTerm(h uint64) string { return strconv.FormatUint(h, 16) }

// storedHashes returns the hashes of the index documents of one project
// document, as the index holds them: its documents are read from the
// postings of the document's filter term, their hashes from their doc
// values. An index document without a hash has 0, so that it is indexed
// again.
func (ix *Index) storedHashes(ctx context.Context, docID int64) (map[string]uint64, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	defer r.Close()
	dvr, err := r.DocValueReader([]string{fieldHash})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	term := filterPrefixes[fieldDocID] + strconv.FormatInt(docID, 10)
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldFilter, false, false, false)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	defer tfr.Close()
	out := map[string]uint64{}
	d := &bleveindex.TermFieldDoc{}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if d, err = tfr.Next(d); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		if d == nil {
			return out, nil
		}
		id, err := r.ExternalID(d.ID)
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		var h uint64
		err = dvr.VisitDocValues(d.ID, func(field string, value []byte) {
			if field == fieldHash {
				h, _ = strconv.ParseUint(string(value), 16, 64)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		out[id] = h
		d.Reset()
	}
}
