package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// The hashes of the index documents (hashFields) tell Update which passages
// of a changed document changed. Close keeps them in hashesName inside the
// index's folder, so that the next process to open the index needs to
// re-index only those passages: without them an update indexes every
// passage of a changed document again, which for a transcript of 45 MB took
// as long as building the index (minutes) after every auto-coding and undo.
//
// The file only ever describes the index as it is on disk: Open reads it and
// removes it before anything is written to the index, and Close writes it
// again once the last change is on disk. A process that stops in between
// leaves none, and the next update indexes the changed documents whole.
const hashesName = "verbatim-hashes"

var hashesMagic = []byte("verbatim-hashes 1\n")

// hashFields returns a hash of an index document's id and fields, to tell
// whether it changed. It is the same in every process (FNV-1a), since the
// hashes are kept on disk.
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

// takeHashes reads the hashes Close kept, when they were written for the
// index's revision, into ix.hashes, and removes the file (syncing its
// folder) so that it never outlives a change to the index. A file that
// cannot be read, or removed, is not used.
func (ix *Index) takeHashes() {
	path := filepath.Join(ix.path, hashesName)
	hashes, rev, readErr := readHashes(path)
	if errors.Is(readErr, os.ErrNotExist) {
		return
	}
	if err := os.Remove(path); err != nil {
		return
	}
	if err := syncDir(ix.path); err != nil {
		return
	}
	if readErr == nil && rev == ix.state.Revision {
		ix.hashes = hashes
	}
}

// keepHashes writes ix.hashes for the index's revision, which must be on
// disk, into the index's folder: a temporary file, synced, renamed into
// place.
func (ix *Index) keepHashes() error {
	path := filepath.Join(ix.path, hashesName)
	f, err := os.CreateTemp(ix.path, hashesName+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	sum := crc32.NewIEEE()
	w := bufio.NewWriterSize(io.MultiWriter(f, sum), 256<<10)
	var buf []byte
	buf = append(buf, hashesMagic...)
	buf = binary.BigEndian.AppendUint64(buf, uint64(ix.state.Revision))
	buf = binary.AppendUvarint(buf, uint64(len(ix.hashes)))
	docs := make([]int64, 0, len(ix.hashes))
	for id := range ix.hashes {
		docs = append(docs, id)
	}
	slices.Sort(docs)
	for _, id := range docs {
		h := ix.hashes[id]
		buf = binary.AppendVarint(buf, id)
		buf = binary.AppendUvarint(buf, uint64(len(h)))
		for e, v := range h {
			buf = binary.AppendUvarint(buf, uint64(len(e)))
			buf = append(buf, e...)
			buf = binary.BigEndian.AppendUint64(buf, v)
			if len(buf) >= 64<<10 {
				w.Write(buf)
				buf = buf[:0]
			}
		}
	}
	w.Write(buf)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(binary.BigEndian.AppendUint32(nil, sum.Sum32())); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// errHashes says a hashes file is damaged.
var errHashes = errors.New("search index: damaged hashes file")

// readHashes reads a file keepHashes wrote.
func readHashes(path string) (map[int64]map[string]uint64, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() < int64(len(hashesMagic))+8+1+4 {
		return nil, 0, errHashes
	}
	sum := crc32.NewIEEE()
	r := bufio.NewReaderSize(io.TeeReader(io.LimitReader(f, st.Size()-4), sum), 256<<10)
	magic := make([]byte, len(hashesMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != string(hashesMagic) {
		return nil, 0, errHashes
	}
	var rev [8]byte
	if _, err := io.ReadFull(r, rev[:]); err != nil {
		return nil, 0, errHashes
	}
	ndocs, err := binary.ReadUvarint(r)
	if err != nil || ndocs > uint64(st.Size()) {
		return nil, 0, errHashes
	}
	hashes := make(map[int64]map[string]uint64, ndocs)
	var id []byte
	var v [8]byte
	for range ndocs {
		doc, err := binary.ReadVarint(r)
		if err != nil {
			return nil, 0, errHashes
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(st.Size()) {
			return nil, 0, errHashes
		}
		h := make(map[string]uint64, n)
		for range n {
			l, err := binary.ReadUvarint(r)
			if err != nil || l > 1<<10 {
				return nil, 0, errHashes
			}
			id = slices.Grow(id[:0], int(l))[:l]
			if _, err := io.ReadFull(r, id); err != nil {
				return nil, 0, errHashes
			}
			if _, err := io.ReadFull(r, v[:]); err != nil {
				return nil, 0, errHashes
			}
			h[string(id)] = binary.BigEndian.Uint64(v[:])
		}
		hashes[doc] = h
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, 0, errHashes
	}
	var want [4]byte
	if _, err := f.ReadAt(want[:], st.Size()-4); err != nil || binary.BigEndian.Uint32(want[:]) != sum.Sum32() {
		return nil, 0, errHashes
	}
	return hashes, int64(binary.BigEndian.Uint64(rev[:])), nil
}

// syncDir makes a change to the names in a folder durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
