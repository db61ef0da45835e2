package refiqda

import (
	"context"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// ExchangeImporter is what an import (the CLI's 'verbatim import', the
// window's File > Import) does with a REFI-QDA file it meets, as
// importer.Options.Exchange: merge it into the project, and report in
// lines, the first saying which tool the file came from.
func ExchangeImporter(opts importer.Options) func(ctx context.Context, p *model.Project, path string) ([]string, error) {
	opts.Exchange = nil
	return func(ctx context.Context, p *model.Project, path string) ([]string, error) {
		rep, err := ImportFile(ctx, p, path, Options{Importer: opts})
		if err != nil {
			return nil, err
		}
		return append([]string{"from " + OriginName(rep.Origin)}, rep.Lines()...), nil
	}
}

// OriginName is the tool a file says it came from, or "an unnamed tool".
func OriginName(o string) string {
	if strings.TrimSpace(o) == "" {
		return "an unnamed tool"
	}
	return o
}
