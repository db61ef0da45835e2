package model

import "context"

// Memos returns the non-empty memos of one kind (code, coding, case or
// document), keyed by the id of what they are attached to, in one query: the
// search index reads them all when it is built or brought up to date. The
// project memo is under id 1.
func (p *Project) Memos(ctx context.Context, kind MemoKind) (map[int64]string, error) {
	var id int64
	table, err := memoTable(kind, &id)
	if err != nil {
		return nil, err
	}
	rows, err := p.conn(ctx).QueryContext(ctx, "SELECT id, memo FROM "+table+" WHERE memo <> ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var memo string
		if err := rows.Scan(&id, &memo); err != nil {
			return nil, err
		}
		out[id] = memo
	}
	return out, rows.Err()
}
