package index

import (
	"context"
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

	// Opened again: the hashes are gone, the whole document is indexed.
	ix.Close()
	ix = f.open(t)
	if err := f.p.RemoveCoding(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 0 {
		t.Errorf("after removing the coding: %d hits, want 0", n)
	}
	if n := hitCount(t, ix, `patiënten`); n != 2 {
		t.Errorf("patiënten: %d hits, want 2", n)
	}
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("coded again: %d hits, want 1", n)
	}
}
