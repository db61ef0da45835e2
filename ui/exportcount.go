package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/report"
)

// recount counts what the filters select, off the UI goroutine, after
// every change. A newer change cancels the count before it, and only the
// latest count is shown.
func (e *exportDialog) recount() {
	if e.cancelCount != nil {
		e.cancelCount()
		e.cancelCount = nil
	}
	e.generation++
	gen := e.generation
	done := make(chan struct{})
	e.counting = done
	s, err := e.settings()
	info := kindInfos[s.kind]
	switch {
	case err != nil:
		e.showCount(err.Error(), widget.DangerImportance, false)
		close(done)
		return
	case info.counts == countsNothing:
		e.showCount(translated(info.about), widget.MediumImportance, true)
		close(done)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancelCount = cancel
	p, ix, do := e.w.project, e.w.index.ix, onUI
	go func() {
		n, err := countSelected(ctx, p, ix, s)
		do(func() {
			if gen == e.generation && ctx.Err() == nil {
				e.showCounted(s.kind, n, err)
			}
			cancel()
			close(done)
		})
	}()
}

// countSelected is the number of coded quotes the settings' filter
// selects, with the search's hits when there is a search.
func countSelected(ctx context.Context, p *model.Project, ix *index.Index, s exportSettings) (int, error) {
	if err := s.search(ctx, ix); err != nil {
		return 0, err
	}
	return report.Count(ctx, p, s.opts.Filter)
}

// search keeps the quotes that overlap the hits of the settings' search,
// if there is one.
func (s *exportSettings) search(ctx context.Context, ix *index.Index) error {
	if s.query == "" {
		return nil
	}
	if ix == nil {
		return errors.New(lang.L("the search index is not ready yet: clear the search, or wait a moment"))
	}
	if err := ix.Update(ctx); err != nil {
		return err
	}
	spans, _, err := ix.Spans(ctx, s.query, index.UnitMatch)
	if err != nil {
		return err
	}
	// Not nil even without hits: a search that finds nothing keeps nothing.
	s.opts.Filter.Within = append([]model.Span{}, spans...)
	return nil
}

// showCounted shows a finished count; Export is only offered when
// something matches.
func (e *exportDialog) showCounted(kind report.Kind, n int, err error) {
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		e.showCount(lang.L("Search: {{.Err}}", args{"Err": queryErrorText(qe)}), widget.DangerImportance, false)
	case err != nil:
		e.showCount(lang.L("Cannot count the quotes: {{.Err}}", args{"Err": errorText(err)}), widget.DangerImportance, false)
	case n == 0:
		e.showCount(countLine(kind, 0), widget.WarningImportance, false)
	default:
		e.showCount(countLine(kind, n), widget.MediumImportance, true)
	}
}

func (e *exportDialog) showCount(msg string, imp widget.Importance, exportable bool) {
	e.count.Importance = imp
	e.count.SetText(strings.TrimSpace(msg))
	if exportable {
		e.exportButton.Enable()
	} else {
		e.exportButton.Disable()
	}
}
