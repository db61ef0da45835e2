package model

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"testing"
)

func TestCodeKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "keys.verbatim")
	p, err := Create(ctx, path, "nl")
	if err != nil {
		t.Fatal(err)
	}
	leren, _ := p.AddCode(ctx, 0, "Leren", "", "")
	delen, _ := p.AddCode(ctx, leren.ID, "Delen", "", "")
	drive, _ := p.AddCode(ctx, 0, "Drive", "", "")

	steps := []struct {
		name string
		key  int
		code int64
		want map[int]int64
	}{
		{"assign", 1, leren.ID, map[int]int64{1: leren.ID}},
		{"another key", 2, delen.ID, map[int]int64{1: leren.ID, 2: delen.ID}},
		{"key moves to another code", 1, drive.ID, map[int]int64{1: drive.ID, 2: delen.ID}},
		{"a code has one key", 9, drive.ID, map[int]int64{9: drive.ID, 2: delen.ID}},
		{"clear", 2, 0, map[int]int64{9: drive.ID}},
		{"clear a free key", 5, 0, map[int]int64{9: drive.ID}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := p.SetCodeKey(ctx, s.key, s.code); err != nil {
				t.Fatal(err)
			}
			got, err := p.CodeKeys(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, s.want) {
				t.Errorf("got %v, want %v", got, s.want)
			}
		})
	}

	for _, k := range []int{0, 10, -1} {
		if err := p.SetCodeKey(ctx, k, leren.ID); !errors.Is(err, ErrInvalid) {
			t.Errorf("key %d: got %v, want ErrInvalid", k, err)
		}
	}
	if err := p.SetCodeKey(ctx, 3, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing code: got %v, want ErrNotFound", err)
	}

	// A keyboard preference is not an action: undo passes it by.
	if err := p.SetCodeKey(ctx, 4, leren.ID); err != nil {
		t.Fatal(err)
	}
	if s, err := p.Undo(ctx); err != nil || s.Label != "Add code “Drive”" {
		t.Fatalf("undo undid %q (%v), want the last action, Add code “Drive”", s.Label, err)
	}
	got, _ := p.CodeKeys(ctx)
	if want := map[int]int64{4: leren.ID}; !maps.Equal(got, want) {
		t.Errorf("after undoing the code's creation: got %v, want %v (its key forgotten)", got, want)
	}
	// SQLite reuses the ID of the code whose creation was undone: the new
	// code must not get the old one's key.
	again, _ := p.AddCode(ctx, 0, "Nieuw", "", "")
	if again.ID != drive.ID {
		t.Logf("the new code got ID %d, not the old %d: the reuse case is not exercised", again.ID, drive.ID)
	}
	if got, _ := p.CodeKeys(ctx); got[9] != 0 {
		t.Errorf("key 9 went to the new code %d", got[9])
	}

	// Inside a group the key joins the group's transaction, and still
	// leaves no undo step of its own.
	err = p.Group(ctx, "", func(ctx context.Context) error { return p.SetCodeKey(ctx, 6, delen.ID) })
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.CodeKeys(ctx); got[6] != delen.ID {
		t.Errorf("key set inside a group: got %v", got)
	}
	if s, err := p.Undo(ctx); err != nil || s.Label != "Add code “Nieuw”" {
		t.Errorf("undo after the group undid %q (%v), want the last action, Add code “Nieuw”", s.Label, err)
	}
	p.Redo(ctx)

	// The keys follow the project file.
	p.Close()
	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got, _ := p.CodeKeys(ctx); !maps.Equal(got, map[int]int64{4: leren.ID, 6: delen.ID}) {
		t.Errorf("after reopening: got %v", got)
	}
}

// TestCodeKeysOfAReadOnlyProject: a project open for reading only lists its
// code keys (leaving out a stale one) without trying to tidy them.
func TestCodeKeysOfAReadOnlyProject(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	a, err := p.AddCode(ctx, 0, "Een", "#ff0000", "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.AddCode(ctx, 0, "Twee", "#00ff00", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetCodeKey(ctx, 1, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := p.SetCodeKey(ctx, 2, b.ID); err != nil {
		t.Fatal(err)
	}
	// A stale key, as a writer that crashed before tidying leaves it.
	if _, err := p.db.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ('codekey.3', '999')"); err != nil {
		t.Fatal(err)
	}
	path := p.Path()
	p.Close()
	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	keys, err := r.CodeKeys(ctx)
	if err != nil || len(keys) != 2 || keys[1] != a.ID || keys[2] != b.ID {
		t.Errorf("code keys of a reader: %v, %v; want 1→%d, 2→%d", keys, err, a.ID, b.ID)
	}
}
