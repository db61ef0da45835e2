package index

import (
	"context"
	"testing"
	"time"
)

// TestOpenInMemory: an index in memory searches, follows changes and
// closes at once, writing nothing.
func TestOpenInMemory(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now()
	ix, err := OpenInMemory(ctx, f.p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Path() != "" {
		t.Errorf("Path %q, want none", ix.Path())
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 0 {
		t.Errorf("before coding: %d hits", n)
	}
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("after coding: %d hits, want 1", n)
	}
	if err := ix.Rebuild(ctx); err != nil || ix.Path() != "" {
		t.Fatalf("rebuild: %v, path %q", err, ix.Path())
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("open, update, rebuild and close in memory took %v (waiting for a disk?)", d)
	}
}
