package index

import (
	"context"
	"slices"
	"testing"
)

// TestUpdateChangedPassages checks that Update re-indexes only the passages a
// coding changed, and that results and counts follow, both in the process
// that built the index and in one that opens it again (which reads the
// passages' hashes from the index: a process killed without closing the
// index leaves it just the same).
func TestUpdateChangedPassages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ix := f.open(t)
	ana := f.docs["interview-ana.txt"]
	before, err := ix.storedHashes(ctx, ana)
	if err != nil || len(before) < 4 {
		t.Fatalf("%d hashes in the index after the build, %v", len(before), err)
	}
	for id, h := range before {
		if h == 0 {
			t.Errorf("index document %s has no hash", id)
		}
	}
	c := f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.reindexed != 1 {
		t.Errorf("one coding indexed %d passages again, want 1", ix.reindexed)
	}
	after, err := ix.storedHashes(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for id, h := range after {
		if before[id] != h {
			changed++
		}
		if ix.hashes[ana][id] != h {
			t.Errorf("index document %s: hash %x in the index, %x in memory", id, h, ix.hashes[ana][id])
		}
	}
	if changed != 1 || len(after) != len(before) {
		t.Errorf("%d of %d hashes in the index changed by one coding, want 1 of %d", changed, len(after), len(before))
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

	// Opened again, with nothing carried over in memory: the hashes in the
	// index say which passage changed.
	ix.Close()
	if err := f.p.RemoveCoding(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	ix = f.open(t)
	if ix.reindexed != 1 {
		t.Errorf("opened again, removing one coding indexed %d passages again, want 1", ix.reindexed)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 0 {
		t.Errorf("after removing the coding: %d hits, want 0", n)
	}
	if n := hitCount(t, ix, `patiënten`); n != 2 {
		t.Errorf("patiënten: %d hits, want 2", n)
	}
	// The same in the process that has the document's hashes in memory.
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.reindexed != 1 {
		t.Errorf("coded again, %d passages indexed again, want 1", ix.reindexed)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("coded again: %d hits, want 1", n)
	}
}

// TestUpdateWithoutHashes: an index document whose hash the index does not
// have (0: an index written before hashes were kept, or damaged) is indexed
// again; the others are not.
func TestUpdateWithoutHashes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ix := f.open(t)
	ana := f.docs["interview-ana.txt"]
	stored, err := ix.storedHashes(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	ix.hashes[ana] = map[string]uint64{}
	for id := range stored {
		ix.hashes[ana][id] = 0
	}
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.reindexed != len(stored) {
		t.Errorf("without hashes, %d passages indexed again, want all %d of the document", ix.reindexed, len(stored))
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("coded: %d hits, want 1", n)
	}
}
