package model

import (
	"context"
	"database/sql"
	"slices"
	"sync"
)

// The triggers and indexes of a project are part of what keeps it sound: the
// triggers record every change for undo and keep imported texts fixed, the
// unique indexes keep codes and codings from doubling. Check compares them
// with those of a project Verbatim makes now (every project, new or
// upgraded, gets them from the same migrations), so that one dropped or
// changed outside Verbatim, or damaged, is found. Repair makes them anew.

// madeSchema is the name and SQL of each trigger and index a new project
// has, made once, in memory.
var madeSchema = sync.OnceValues(func() (map[string]string, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db, ""); err != nil {
		return nil, err
	}
	return schemaObjects(ctx, db)
})

// schemaObjects reads the triggers and indexes (those with SQL of their
// own: not SQLite's automatic ones) of db, by type and name.
func schemaObjects(ctx context.Context, db *sql.DB) (map[string]string, error) {
	out := map[string]string{}
	err := eachRow(ctx, db, "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL", func(rows *sql.Rows) error {
		var kind, name, q string
		if err := rows.Scan(&kind, &name, &q); err != nil {
			return err
		}
		out[kind+" "+name] = q
		return nil
	})
	return out, err
}

// checkSchema finds the triggers and indexes that are missing, changed or
// not Verbatim's (SchemaChanged), in order of their names.
func (p *Project) checkSchema(ctx context.Context) ([]Finding, error) {
	want, err := madeSchema()
	if err != nil {
		return nil, err
	}
	have, err := schemaObjects(ctx, p.db)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for name, q := range want {
		if got, ok := have[name]; !ok {
			out = append(out, Finding{Kind: SchemaChanged, Name: name, Start: "missing"})
		} else if got != q {
			out = append(out, Finding{Kind: SchemaChanged, Name: name, Start: "changed"})
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			out = append(out, Finding{Kind: SchemaChanged, Name: name, Start: "added"})
		}
	}
	slices.SortFunc(out, func(a, b Finding) int {
		if a.Name < b.Name {
			return -1
		} else if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return out, nil
}
