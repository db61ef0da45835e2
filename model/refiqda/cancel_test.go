package refiqda

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// cancelAfter is a context cancelled once its Done has been asked for n
// times: every statement the import runs asks, so n picks a point in it.
type cancelAfter struct {
	context.Context
	left, asked atomic.Int64
	done        chan struct{}
	once        sync.Once
}

func newCancelAfter(n int64) *cancelAfter {
	c := &cancelAfter{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *cancelAfter) Done() <-chan struct{} {
	c.asked.Add(1)
	if c.left.Add(-1) == 0 {
		c.once.Do(func() { close(c.done) })
	}
	return c.done
}

func (c *cancelAfter) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

// fileDump is every table of the project file, row by row (history,
// revision and change log included), read over a connection of its own.
func fileDump(t *testing.T, p *model.Project) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+p.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		rows.Close()
		slices.Sort(lines)
		fmt.Fprintf(&b, "## %s (%d rows)\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	}
	return b.String()
}

func TestCancelMidwayLeavesTheProjectAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100 documents and 10,000 codings four times")
	}
	docs, codings := 100, 10000
	if raceEnabled {
		docs, codings = 20, 2000
	}
	big := exportBytes(t, scaleProject(t, docs, 10000, codings))
	small := exportBytes(t, scaleProject(t, 3, 2000, 30))
	// A project with content of its own, so that a cancelled merge must
	// leave that as it was too.
	project := func() *model.Project {
		p := newProject(t)
		if _, err := Import(context.Background(), p, "small.qdpx", small, Options{}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	count := newCancelAfter(-1)
	full, err := Import(count, project(), "big.qdpx", big, Options{})
	if err != nil {
		t.Fatal(err)
	}
	asked := count.asked.Load()
	for _, at := range []float64{0.1, 0.5, 0.9} {
		t.Run(fmt.Sprintf("at %.0f%%", 100*at), func(t *testing.T) {
			p := project()
			before := fileDump(t, p)
			ctx := newCancelAfter(int64(at * float64(asked)))
			if _, err := Import(ctx, p, "big.qdpx", big, Options{}); err == nil {
				t.Fatalf("an import cancelled after %d of %d statements succeeded", ctx.asked.Load(), asked)
			} else {
				t.Logf("cancelled at %d of %d asks: %v", int64(at*float64(asked)), asked, err)
			}
			if got := fileDump(t, p); got != before {
				t.Errorf("a cancelled import changed the project file (%d bytes of dump before, %d after)", len(before), len(got))
			}
			// And the project takes the whole import afterwards.
			rep, err := Import(context.Background(), p, "big.qdpx", big, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.CodingsAdded != full.CodingsAdded || rep.SourcesAdded != full.SourcesAdded {
				t.Errorf("after the cancel: %d codings, %d documents; want %d, %d", rep.CodingsAdded, rep.SourcesAdded, full.CodingsAdded, full.SourcesAdded)
			}
		})
	}
}
