package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestUpdateChangedPassages checks that Update re-indexes only the passages a
// coding changed, and that results and counts follow, both in the process
// that built the index and after the index is opened again (when every
// passage of a changed document is indexed again).
func TestUpdateChangedPassages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ix := f.open(t)
	ana := f.docs["interview-ana.txt"]
	before := ix.hashes[ana]
	if len(before) == 0 {
		t.Fatal("no hashes after the build")
	}
	c := f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for id, h := range ix.hashes[ana] {
		if before[id] != h {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("%d passages changed by one coding, want 1", changed)
	}
	res, err := ix.Search(ctx, `patiënten code:"Deel wat je leert"`, SearchOptions{})
	if err != nil || res.Total != 1 || !slices.Contains(res.Hits[0].Codes, "Deel wat je leert") {
		t.Fatalf("after coding: %+v, %v", res, err)
	}
	if len(res.Codes) != 1 || res.Codes[0] != (Count{"Deel wat je leert", 1}) ||
		len(res.Documents) != 1 || res.Documents[0] != (Count{"interview-ana.txt", 1}) ||
		len(res.Speakers) != 1 || res.Speakers[0] != (Count{"Ana", 1}) {
		t.Errorf("counts %v %v %v", res.Documents, res.Speakers, res.Codes)
	}

	// Opened again: the hashes Close kept say which passages changed.
	ix.Close()
	ix = f.open(t)
	if len(ix.hashes[ana]) == 0 {
		t.Fatal("no hashes after the index was opened again")
	}
	if _, err := os.Stat(filepath.Join(ix.Path(), hashesName)); !os.IsNotExist(err) {
		t.Errorf("the hashes file is still there while the index is open: %v", err)
	}
	if err := f.p.RemoveCoding(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.reindexed != 1 {
		t.Errorf("opened again, removing one coding indexed %d passages again, want 1", ix.reindexed)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 0 {
		t.Errorf("after removing the coding: %d hits, want 0", n)
	}
	if n := hitCount(t, ix, `patiënten`); n != 2 {
		t.Errorf("patiënten: %d hits, want 2", n)
	}

	// A process that stops without closing the index leaves no hashes:
	// the next update indexes the changed document whole.
	ix.Close()
	ix = f.open(t)
	ix.keep = false // as if killed: Close writes nothing
	ix.Close()
	ix = f.open(t)
	if len(ix.hashes) != 0 {
		t.Errorf("hashes of %d documents after a process that did not close the index", len(ix.hashes))
	}
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if want := len(ix.hashes[ana]); ix.reindexed != want || want < 4 {
		t.Errorf("without hashes, an update indexed %d passages again, want all %d of the document", ix.reindexed, want)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("coded again: %d hits, want 1", n)
	}
}

// TestKeptHashesFile: hashes kept for another revision of the index, or
// damaged, are not used.
func TestKeptHashesFile(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ix := f.open(t)
	ix.Close()
	path := filepath.Join(ix.Path(), hashesName)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no hashes kept by Close: %v", err)
	}
	hashes, rev, err := readHashes(path)
	if err != nil || rev != ix.state.Revision || len(hashes) != len(f.docs) {
		t.Fatalf("read back: %d documents, revision %d (want %d), %v", len(hashes), rev, ix.state.Revision, err)
	}
	for i := range good {
		if i%7 != 0 && i != len(good)-1 {
			continue
		}
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x40
		os.WriteFile(path, bad, 0o600)
		if _, _, err := readHashes(path); err == nil {
			t.Errorf("a flipped byte at %d of %d: read without an error", i, len(good))
		}
	}
	os.WriteFile(path, good[:len(good)-9], 0o600)
	if _, _, err := readHashes(path); err == nil {
		t.Error("a cut file: read without an error")
	}
	// Damaged: not used, and removed.
	ix = f.open(t)
	if len(ix.hashes) != 0 {
		t.Error("damaged hashes were used")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("damaged hashes left in place: %v", err)
	}
	ix.Close()
	// Kept for an older revision (the index changed since, as a process
	// that updated it and was killed would leave it): not used.
	good, _ = os.ReadFile(path)
	ix = f.open(t)
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	ix.keep = false
	ix.Close()
	os.WriteFile(path, good, 0o600)
	ix = f.open(t)
	if len(ix.hashes) != 0 {
		t.Error("hashes of an older revision were used")
	}
}
